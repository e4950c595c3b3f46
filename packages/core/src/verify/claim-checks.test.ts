import { beforeAll, describe, expect, it } from 'vitest'
import { initEd25519Verifier } from '../crypto/ed25519.js'
import { GLEC_V3_2024, type FactorTable } from '../emissions/factor-tables.js'
import type { EblBundle } from './bundle.js'
import {
  buildClaimBundle,
  FINISHED_JOURNEY,
  sampleTransportEvent,
} from './fixtures/sample-claim.js'
import { verifyBundle } from './verify-bundle.js'

const verify = (bundle: unknown, extra = {}) => verifyBundle(bundle, { witnessQuorum: 0, ...extra })

let good: EblBundle
beforeAll(async () => {
  await initEd25519Verifier()
  good = (await buildClaimBundle()).bundle
})

describe('the emissions claim in a bundle', () => {
  it('verifies a claim over the finished corridor journey: 526.7 kg CO2e for one TEU', async () => {
    const v = await verify(good)
    expect(v.steps.filter((s) => s.status !== 'pass')).toEqual([])
    expect(v.ok).toBe(true)
    expect(v.emissionsClaim).toMatchObject({
      co2eKg: 526.7,
      factorTableVersion: 'glec-v3.0-2024',
      events: 4,
      issuer: 'did:web:chongqing.landsea.example',
    })
    expect(v.steps.slice(-3).map((s) => s.name)).toEqual([
      'claimSignature',
      'claimInclusion',
      'claimRecomputation',
    ])
  })

  it('adds no claim steps to a bundle without a claim', async () => {
    const { emissionsClaim: _, ...bill } = good
    const v = await verify(bill)
    expect(v.ok).toBe(true)
    expect(v.steps.some((s) => s.name.startsWith('claim'))).toBe(false)
  })

  it('refuses a tampered credential at claimSignature', async () => {
    const claim = good.emissionsClaim!
    const [h, p, s] = claim.credential.split('.')
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString())
    payload.credentialSubject.co2eKg = 100
    const forged = [h, Buffer.from(JSON.stringify(payload)).toString('base64url'), s].join('.')
    const v = await verify({ ...good, emissionsClaim: { ...claim, credential: forged } })
    expect(v.ok).toBe(false)
    expect(v.firstFailure?.name).toBe('claimSignature')
    expect(v.emissionsClaim).toBeUndefined()
  })

  it('refuses a claim signed by another key than the one the verifier trusts, at claimSignature', async () => {
    const other = await buildClaimBundle()
    const v = await verify(good, { trustedClaimKeys: [other.claimKey.publicJwk] })
    expect(v.firstFailure?.name).toBe('claimSignature')
  })

  it('refuses a malformed claim at claimSignature', async () => {
    const v = await verify({ ...good, emissionsClaim: { credential: 'x' } })
    expect(v.firstFailure?.name).toBe('claimSignature')
  })

  it('refuses an edited cited event at claimInclusion', async () => {
    const claim = good.emissionsClaim!
    const events = claim.events.map((e, i) =>
      i === 3
        ? {
            ...e,
            event: {
              ...e.event,
              transportCall: { ...(e.event.transportCall as object), UNLocationCode: 'MYPKG' },
            },
          }
        : e,
    )
    const v = await verify({ ...good, emissionsClaim: { ...claim, events } })
    expect(v.firstFailure?.name).toBe('claimInclusion')
  })

  it('refuses a claim citing an event that is not in the log, at claimInclusion', async () => {
    const claim = good.emissionsClaim!
    const extra = sampleTransportEvent(9, 'ARRI', '2026-11-08T09:00:00Z', 'SGSIN', 'VESSEL')
    const events = [
      ...claim.events,
      { event: extra as unknown as Record<string, unknown>, leafIndex: 99, inclusionProof: [] },
    ]
    const v = await verify({ ...good, emissionsClaim: { ...claim, events } })
    expect(v.firstFailure?.name).toBe('claimInclusion')
  })

  it('refuses a dropped cited event at claimInclusion', async () => {
    const claim = good.emissionsClaim!
    const v = await verify({ ...good, emissionsClaim: { ...claim, events: claim.events.slice(1) } })
    expect(v.firstFailure?.name).toBe('claimInclusion')
  })

  it('refuses a signed figure that does not recompute, at claimRecomputation', async () => {
    const { bundle } = await buildClaimBundle({ subjectEdit: (s) => ({ ...s, co2eKg: 300 }) })
    const v = await verify(bundle)
    expect(v.firstFailure?.name).toBe('claimRecomputation')
    expect(v.firstFailure?.reason).toContain('526.7')
  })

  it('refuses a claim naming a factor table this verifier does not hold, at claimRecomputation', async () => {
    const { bundle } = await buildClaimBundle({
      subjectEdit: (s) => ({ ...s, factorTableVersion: 'glec-v9' }),
    })
    expect((await verify(bundle)).firstFailure?.name).toBe('claimRecomputation')
  })

  it('recomputes a past claim with its own table version when a later table exists', async () => {
    const later: FactorTable = {
      ...GLEC_V3_2024,
      version: 'glec-v4-draft',
      transport: {
        ...GLEC_V3_2024.transport,
        'sea-container-se-ne-asia': {
          ...GLEC_V3_2024.transport['sea-container-se-ne-asia'],
          value: 100,
        },
      },
    }
    const v = await verify(good, {
      factorTables: { [GLEC_V3_2024.version]: GLEC_V3_2024, [later.version]: later },
    })
    expect(v.ok).toBe(true)
    expect(v.emissionsClaim?.co2eKg).toBe(526.7)
  })

  it('cannot be built for a shipment whose events are incomplete', async () => {
    await expect(buildClaimBundle({ events: FINISHED_JOURNEY.slice(0, 3) })).rejects.toMatchObject({
      code: 'EMISSIONS_INCOMPLETE',
    })
    const planned = [
      ...FINISHED_JOURNEY.slice(0, 3),
      sampleTransportEvent(5, 'ARRI', '2026-11-08T08:00:00Z', 'SGSIN', 'VESSEL', 'PLN'),
    ]
    await expect(buildClaimBundle({ events: planned })).rejects.toMatchObject({
      code: 'EMISSIONS_INCOMPLETE',
    })
  })
})
