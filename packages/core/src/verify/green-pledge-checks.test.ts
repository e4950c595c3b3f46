import { beforeAll, describe, expect, it } from 'vitest'
import { initEd25519Verifier } from '../crypto/ed25519.js'
import { sha256Hex } from '../crypto/sha256.js'
import { buildClaimBundle, SAMPLE_CLAIM_ID } from './fixtures/sample-claim.js'
import { verifyBundle } from './verify-bundle.js'

const verify = (bundle: unknown) => verifyBundle(bundle, { witnessQuorum: 0 })
const stepOf = (v: Awaited<ReturnType<typeof verify>>, name: string) =>
  v.steps.find((s) => s.name === name)

beforeAll(async () => {
  await initEd25519Verifier()
})

describe('a green-linked pledge in a bundle', () => {
  it('verifies a pledge citing the claim of this bill’s shipment, in its own step', async () => {
    const { bundle } = await buildClaimBundle({ greenPledge: {} })
    const v = await verify(bundle)
    expect(v.steps.filter((s) => s.status !== 'pass')).toEqual([])
    expect(v.ok).toBe(true)
    expect(v.steps.at(-1)).toMatchObject({ name: 'greenPledge', status: 'pass' })
    expect(v.steps.at(-1)!.reason).toContain('LSCQSG0000001 (526.7 kg CO2e)')
    expect(v.emissionsClaim?.id).toBe(SAMPLE_CLAIM_ID)
    expect(v.title).toMatchObject({ possessor: 'org-bank', actions: 3 })
  })

  it('reports no greenPledge step for a bill without a green link', async () => {
    const { bundle } = await buildClaimBundle()
    const v = await verify(bundle)
    expect(v.ok).toBe(true)
    expect(stepOf(v, 'greenPledge')).toBeUndefined()
  })

  it('fails greenPledge when the pledge cites another digest than the claim’s', async () => {
    const { bundle } = await buildClaimBundle({ greenPledge: { claimDigest: sha256Hex('other') } })
    const v = await verify(bundle)
    expect(v.ok).toBe(false)
    expect(v.firstFailure?.name).toBe('greenPledge')
    expect(v.firstFailure?.reason).toContain('digest')
    // The claim itself is sound: only the link fails.
    for (const s of ['claimSignature', 'claimInclusion', 'claimRecomputation'])
      expect(stepOf(v, s)?.status).toBe('pass')
  })

  it('fails greenPledge when the cited claim is of another shipment', async () => {
    const { bundle } = await buildClaimBundle({
      greenPledge: {},
      claimShipmentKey: 'LSCQSG0000099',
    })
    const v = await verify(bundle)
    expect(v.ok).toBe(false)
    expect(v.firstFailure?.name).toBe('greenPledge')
    expect(v.firstFailure?.reason).toContain('of shipment LSCQSG0000099, not of this bill')
    expect(stepOf(v, 'claimRecomputation')?.status).toBe('pass')
  })

  it('fails greenPledge when the bundle carries no claim', async () => {
    const { bundle } = await buildClaimBundle({ greenPledge: {} })
    const { emissionsClaim: _, ...withoutClaim } = bundle
    const v = await verify(withoutClaim)
    expect(v.ok).toBe(false)
    expect(v.firstFailure?.name).toBe('greenPledge')
    expect(v.firstFailure?.reason).toContain('carries no emissions claim')
    // The bill's own steps all pass: only the link's step fails.
    expect(v.steps.filter((s) => s.status !== 'pass').map((s) => s.name)).toEqual(['greenPledge'])
  })

  it('fails greenPledge when the cited claim does not verify', async () => {
    const { bundle } = await buildClaimBundle({ greenPledge: {} })
    const claim = bundle.emissionsClaim!
    const v = await verify({
      ...bundle,
      emissionsClaim: { ...claim, events: claim.events.slice(1) },
    })
    expect(v.ok).toBe(false)
    expect(v.firstFailure?.name).toBe('claimInclusion')
    expect(stepOf(v, 'greenPledge')).toMatchObject({ status: 'fail' })
    expect(stepOf(v, 'greenPledge')?.reason).toContain('does not verify')
  })

  it('refuses an edited green link at the signatures step', async () => {
    const { bundle } = await buildClaimBundle({ greenPledge: {} })
    const pledge = bundle.actions[2]!
    const [h, p, s] = pledge.jws.split('.')
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString())
    payload.greenLink.claimId = 'urn:uuid:00000000-0000-4000-8000-000000000000'
    const forged = [h, Buffer.from(JSON.stringify(payload)).toString('base64url'), s].join('.')
    const actions = bundle.actions.map((a, i) => (i === 2 ? { ...a, jws: forged } : a))
    const v = await verify({ ...bundle, actions })
    expect(v.ok).toBe(false)
    expect(v.firstFailure?.name).toBe('signatures')
  })
})
