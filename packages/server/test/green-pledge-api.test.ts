import { initEd25519Verifier } from '@landsea/core/crypto'
import { verifyBundle } from '@landsea/core/verify'
import { beforeAll, expect, it } from 'vitest'
import { as, describeEachNode, ingestFinishedJourney } from './test-node.js'

beforeAll(async () => {
  await initEd25519Verifier()
})

describeEachNode('green-linked pledge and the claim key in the node’s DID document', (get) => {
  // The bill issued to the shipper, whose shipment (booked 30 days ago) has arrived.
  const bill = () => get().seed.bills.find((b) => b.stage === 'issued to the shipper')!
  const pledge = (greenClaim?: string, pledgeFlag: string = 'PLEDGE') =>
    get().app.inject({
      method: 'POST',
      url: `/api/ebl/${bill().id}/actions`,
      headers: as(get().seed, 'shipper'),
      payload: {
        action: 'TRANSFER',
        recipient: get().seed.organisations.cnBank.id,
        pledge: pledgeFlag,
        ...(greenClaim !== undefined ? { greenClaim } : {}),
      },
    })
  const history = async () =>
    (
      await get().app.inject({
        url: `/api/ebl/${bill().id}/history`,
        headers: as(get().seed, 'shipper'),
      })
    ).json().entries as { payload: Record<string, unknown> }[]

  it('refuses a green link without a claim, with another claim id, or on a non-pledge; writes nothing', async () => {
    const { app, seed } = get()
    const endorse = await app.inject({
      method: 'POST',
      url: `/api/ebl/${bill().id}/actions`,
      headers: as(seed, 'shipper'),
      payload: { action: 'ENDORSE_TO_ORDER', recipient: seed.organisations.cnBank.id },
    })
    expect(endorse.statusCode, endorse.body).toBe(201)
    const before = (await history()).length

    const noClaim = await pledge('urn:uuid:5b0c8a36-1f7e-4c55-9d43-0d8c1e6f2a11')
    expect(noClaim.statusCode, noClaim.body).toBe(404)
    expect(noClaim.json().error.code).toBe('EMISSIONS_CLAIM_NOT_FOUND')

    const notAPledge = await pledge('urn:uuid:5b0c8a36-1f7e-4c55-9d43-0d8c1e6f2a11', 'RELEASE')
    expect(notAPledge.statusCode, notAPledge.body).toBe(400)
    expect(notAPledge.json().error.issues[0].path).toBe('/greenClaim')

    await ingestFinishedJourney(get(), bill().reference, 11)
    const claim = await app.inject({
      method: 'POST',
      url: `/api/shipments/${bill().reference}/emissions/claim`,
      headers: as(seed, 'shipper'),
      payload: { teu: 2 },
    })
    expect(claim.statusCode, claim.body).toBe(200)
    const wrong = await pledge('urn:uuid:5b0c8a36-1f7e-4c55-9d43-0d8c1e6f2a11')
    expect(wrong.statusCode, wrong.body).toBe(422)
    expect(wrong.json().error.code).toBe('EMISSIONS_CLAIM_MISMATCH')
    expect((await history()).length).toBe(before)
  })

  it('signs the pledge with the claim’s id and digest; the bundle verifies it in greenPledge', async () => {
    const { app, seed } = get()
    const claim = (
      await app.inject({
        url: `/api/shipments/${bill().reference}/emissions/claim`,
        headers: as(seed, 'shipper'),
      })
    ).json()
    expect(claim.id).toMatch(/^urn:uuid:/)
    expect(claim.digest).toMatch(/^[0-9a-f]{64}$/)
    const res = await pledge(claim.id)
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().entry.payload.greenLink).toEqual({
      claimId: claim.id,
      claimDigest: claim.digest,
    })
    expect((await history()).at(-1)!.payload.greenLink).toEqual({
      claimId: claim.id,
      claimDigest: claim.digest,
    })

    const bundle = await app.inject({
      url: `/api/ebl/${bill().id}/bundle`,
      headers: as(seed, 'cnBank'),
    })
    expect(bundle.statusCode, bundle.body).toBe(200)
    const v = await verifyBundle(bundle.body, { witnessQuorum: 0 })
    expect(v.steps.filter((s) => s.status !== 'pass')).toEqual([])
    expect(v.steps.at(-1)).toMatchObject({ name: 'greenPledge', status: 'pass' })
    expect(v.emissionsClaim).toMatchObject({ id: claim.id, shipmentKey: bill().reference })
  })

  it('publishes the claim key in the node’s did:web document, so a verifier can pin it', async () => {
    const { app, node, seed } = get()
    const res = await app.inject({ url: '/.well-known/did.json' })
    expect(res.statusCode, res.body).toBe(200)
    const document = res.json()
    const did = node.identityService.hostDid
    expect(document.id).toBe(did)
    const method = document.verificationMethod.find(
      (m: { id: string }) => m.id === `${did}#emissions-claim`,
    )
    expect(document.assertionMethod).toContain(`${did}#emissions-claim`)
    const claim = (
      await app.inject({
        url: `/api/shipments/${bill().reference}/emissions/claim`,
        headers: as(seed, 'shipper'),
      })
    ).json()
    expect(method.publicKeyJwk).toEqual(claim.issuerKey)
    // The claim names this key: its JWS kid is the DID URL the document publishes.
    const header = JSON.parse(Buffer.from(claim.credential.split('.')[0], 'base64url').toString())
    expect(header.kid).toBe(`${did}#emissions-claim`)
    // Resolved through the node's DID resolver, the key is the one a verifier pins.
    const resolved = await node.identityService.resolver.resolve(did)
    expect(resolved.verificationMethod[0]!.publicKeyJwk).toEqual(claim.issuerKey)
    const bundle = await app.inject({
      url: `/api/ebl/${bill().id}/bundle`,
      headers: as(seed, 'cnBank'),
    })
    const pinned = await verifyBundle(bundle.body, {
      witnessQuorum: 0,
      trustedClaimKeys: [method.publicKeyJwk],
    })
    expect(pinned.ok).toBe(true)
    const other = await verifyBundle(bundle.body, {
      witnessQuorum: 0,
      trustedClaimKeys: [
        { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' },
      ],
    })
    expect(other.firstFailure?.name).toBe('claimSignature')
  })
})
