import { expect, it } from 'vitest'
import { describeEachNode } from './each-node.js'

describeEachNode('status list signing', (get) => {
  it('signs a status list once while it is unchanged, and again as soon as an entry changes', async () => {
    const { node, seed } = get()
    const identity = node.identityService
    const url = identity.statusListUrl('cn-samr')
    const first = await identity.statusListCredential(url)
    expect(first).toBeDefined()
    // An SM2 signature is randomised: the same text twice means it was not signed twice.
    expect(await identity.statusListCredential(url)).toBe(first)

    const shipper = await identity.organisationVerification(seed.organisations.shipper.id)
    const stored = shipper!.credentials.find((c) => c.id === shipper!.verification.credentialId)!
    expect((await identity.verify(stored.credential)).status.ok).toBe(true)
    await identity.revoke(stored.id)
    const after = await identity.statusListCredential(url)
    expect(after).not.toBe(first)
    // Verification reads the list through the same function: the revocation shows at once.
    expect((await identity.verify(stored.credential)).status).toMatchObject({
      ok: false,
      code: 'IDENTITY_REVOKED',
    })
    expect(await identity.statusListCredential(url)).toBe(after)
  })
})
