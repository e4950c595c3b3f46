import { createSampleCorridorBill } from '@landsea/core/ebl'
import { verifyBundle } from '@landsea/core/verify'
import { expect, it } from 'vitest'
import { as, describeEachNode } from './test-node.js'

describeEachNode('identity in bundles', (get) => {
  const operator = () => as(get().seed, 'operator')

  it('an organisation with an SM2 key signs title actions, and the bundle verifies offline', async () => {
    const { app, seed } = get()
    // About SM2 signatures, not onboarding: let a party without a credential act (see the policy test).
    await app.inject({
      method: 'PUT',
      url: '/api/trust/policy',
      headers: operator(),
      payload: { requireVerifiedParties: false },
    })
    const registered = await app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: operator(),
      payload: {
        name: 'Liangjiang Laptop Exports Co., Ltd. (demo)',
        country: 'CN',
        roles: ['SHIPPER'],
        keyAlg: 'SM2SM3',
      },
    })
    expect(registered.statusCode, registered.body).toBe(201)
    const { organisation, apiKey } = registered.json()
    expect(organisation.keys[0]).toMatchObject({
      alg: 'SM2SM3',
      publicJwk: { kty: 'EC', crv: 'SM2' },
    })
    const carrier = as(seed, 'carrier')
    const document = createSampleCorridorBill({
      reference: 'SM2SHIPPER1',
      carrier: seed.organisations.carrier.id,
      shipper: organisation.id,
    })
    const id = (
      await app.inject({ method: 'POST', url: '/api/ebl', headers: carrier, payload: { document } })
    ).json().id
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/ebl/${id}/issue`,
          headers: carrier,
          payload: { recipient: organisation.id },
        })
      ).statusCode,
    ).toBe(201)
    const endorsed = await app.inject({
      method: 'POST',
      url: `/api/ebl/${id}/actions`,
      headers: { authorization: `Bearer ${apiKey}` },
      payload: { action: 'BLANK_ENDORSE' },
    })
    expect(endorsed.statusCode, endorsed.body).toBe(201)
    const bundle = (
      await app.inject({ method: 'GET', url: `/api/ebl/${id}/bundle`, headers: carrier })
    ).json()
    const result = await verifyBundle(bundle, { witnessQuorum: 0 })
    expect(result.ok, JSON.stringify(result.firstFailure)).toBe(true)
    expect(
      bundle.signers.some((s: { publicJwk: { crv: string } }) => s.publicJwk.crv === 'SM2'),
    ).toBe(true)
    // This shipper was registered, not credentialed: the bundle says so.
    const shipper = result.signerIdentities?.find((i) => i.organisationId === organisation.id)
    expect(shipper?.ok).toBe(false)
    const badKey = await app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: operator(),
      payload: {
        name: 'Bad Key Ltd.',
        country: 'CN',
        roles: ['SHIPPER'],
        keyAlg: 'SM2SM3',
        publicJwk: {
          kty: 'EC',
          crv: 'SM2',
          x: organisation.keys[0].publicJwk.x,
          y: organisation.keys[0].publicJwk.x,
        },
      },
    })
    expect(badKey.statusCode).toBe(400)
  })

  it('a bundle says who signed each action and by whose authority, offline', async () => {
    const { app, node, seed } = get()
    const bill = seed.bills[0]!
    const { authorities } = await node.identityService.settings()
    const sg = authorities.find((a) => a.jurisdiction === 'SG')!
    // A Singapore verifier asks for the evidence cut for its own anchor.
    const response = await app.inject({
      method: 'GET',
      url: `/api/ebl/${bill.id}/bundle?trustAnchor=${encodeURIComponent(sg.did)}`,
      headers: as(seed, 'carrier'),
    })
    expect(response.statusCode, response.body).toBe(200)
    const bundle = response.json()
    expect(bundle.credentials.length).toBeGreaterThan(0)
    // No peer witnesses in this test node: quorum 0 (docs/ledger.md).
    const result = await verifyBundle(bundle, {
      witnessQuorum: 0,
      identityAnchor: { jurisdiction: 'SG', authority: sg.did, publicJwk: sg.key.publicJwk },
    })
    expect(result.ok).toBe(true)
    const identities = result.signerIdentities ?? []
    expect(identities.length).toBeGreaterThanOrEqual(2)
    for (const identity of identities) {
      expect(identity.ok, identity.summary).toBe(true)
      expect(identity.isAnchorPinned).toBe(true)
    }
    const carrier = identities.find((i) => i.organisationId === seed.organisations.carrier.id)!
    expect(carrier.summary).toContain(
      'signed by Chongqing ILSTC Multimodal Transport Co., Ltd. (USCC',
    )
    expect(carrier.summary).toContain('SG recognises CN list v1')
    // A changed credential in the evidence is caught (the bundle's other steps do not cover it).
    const tampered = structuredClone(bundle)
    const jws: string = tampered.credentials[0].credential
    tampered.credentials[0].credential = `${jws.slice(0, -4)}${jws.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`
    const again = await verifyBundle(tampered, { witnessQuorum: 0 })
    // Whether the bundle fails outright or names the signer as unverified, it is not accepted as is.
    expect(!again.ok || again.signerIdentities?.some((i) => !i.ok)).toBe(true)
  })
})
