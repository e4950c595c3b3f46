import { generateSigningKeyPair } from '@landsea/core/crypto'
import { decodeStatusList } from '@landsea/core/identity'
import { createIdentityStore } from '@landsea/storage'
import { openTestDatabase, TEST_DATABASES } from '@landsea/storage/testing'
import { describe, expect, it } from 'vitest'
import type { HostedParty } from '../src/identity/node-identity-service.js'
import { createStatusListSigning } from '../src/identity/status-list-signing.js'
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

describe.each(TEST_DATABASES)('stored signed status lists [%s]', (kind) => {
  it('serves the stored list to a new process while it is current, and signs again when not', async () => {
    const database = await openTestDatabase(kind)
    try {
      const store = createIdentityStore(database.db)
      const issuer: HostedParty = {
        did: 'did:web:n:issuers:cn-samr',
        name: 'registrar',
        jurisdiction: 'CN',
        key: await generateSigningKeyPair({ alg: 'SM2SM3' }),
        companionKey: await generateSigningKeyPair({ alg: 'EdDSA' }),
      }
      const id = 'https://n/status/cn-samr'
      await store.createStatusList({
        id,
        issuer: issuer.did,
        purpose: 'revocation',
        bitstring: new Uint8Array(16384),
      })
      const signing = () => createStatusListSigning({ store, hosted: async () => issuer })
      const first = await signing()(id)
      expect((await store.getStatusList(id))?.signed?.credential).toBe(first)
      // A new process (no list in memory) serves the stored text: an SM2 proof is randomised, so
      // the same text means it did not sign again.
      expect(await signing()(id)).toBe(first)
      // A stored list whose stamp is not the current one is never served.
      const stamp = (await store.getStatusList(id))!.signed!.stamp
      await store.saveSignedStatusList(id, { stamp: `${stamp}x`, credential: 'stale' })
      const resigned = await signing()(id)
      expect(resigned).not.toBe('stale')
      expect(resigned).not.toBe(first)
      // An entry set by another process: the list in memory and the stored one are both stale.
      const reader = signing()
      expect(await reader(id)).toBe(resigned)
      await store.setStatus(id, 3, true)
      const after = await reader(id)
      expect(after).not.toBe(resigned)
      const decoded = await decodeStatusList(
        (JSON.parse(after!) as { credentialSubject: { encodedList: string } }).credentialSubject
          .encodedList,
      )
      expect(decoded[0]).toBe(0x10)
      expect(await signing()(id)).toBe(after)
    } finally {
      await database.destroy()
    }
  })
})
