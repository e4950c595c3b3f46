import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { initEd25519Verifier } from '../src/crypto/ed25519.js'
import { LandseaError } from '../src/errors/index.js'
import { findPartyOrganisationId } from '../src/ebl/transport-document.js'
import { validateTransportDocument } from '../src/ebl/validate-transport-document.js'
import { createSampleCorridorBill } from '../src/ebl/sample-bill.js'
import { createLegalEntityCredential } from '../src/identity/credential.js'
import { createTrustWorld, type TrustWorld } from '../src/identity/fixtures/trust-world.js'
import { issueVcJwt } from '../src/identity/vc-jwt.js'
import { verifyCredential } from '../src/identity/verify-credential.js'
import journey from '../src/tracking/fixtures/corridor-journey.json' with { type: 'json' }
import { parseEventBatch, prepareEventBatch } from '../src/tracking/event-batch.js'
import { buildSampleBundle } from '../src/verify/fixtures/sample-bundle.js'
import { verifyBundle } from '../src/verify/verify-bundle.js'
import { FUZZ_RUNS, mutate, mutationArb } from './mutation.js'

// Property-based tests over the parsers that read what others send: drafts, events, credentials
// and bundles. Each gets FUZZ_RUNS mutated inputs; none may throw anything but a coded error, and
// no changed bundle or credential may verify.

const mutations = fc.array(mutationArb, { minLength: 1, maxLength: 4 })

/** A coded domain error is an answer; anything else (TypeError, RangeError) would be a 500. */
function expectCoded(error: unknown): void {
  expect(error, String(error)).toBeInstanceOf(LandseaError)
}

describe('parsers under mutation (fast-check)', () => {
  it(`draft validation: ${FUZZ_RUNS} mutated drafts, no exception`, () => {
    const draft = createSampleCorridorBill({ reference: 'FUZZ1', carrier: 'c', shipper: 's' })
    fc.assert(
      fc.property(mutations, (ms) => {
        const document = mutate(draft, ms) as Record<string, never>
        validateTransportDocument(document)
        const parties = (document as { documentParties?: Record<string, never> })?.documentParties
        if (typeof parties === 'object' && parties !== null) {
          for (const party of Object.values(parties)) findPartyOrganisationId(party)
        }
      }),
      { numRuns: FUZZ_RUNS },
    )
  }, 300_000)

  it(`event batches: ${FUZZ_RUNS} mutated batches, only coded errors`, () => {
    const events = journey as unknown[]
    fc.assert(
      fc.property(mutations, fc.boolean(), (ms, asNdjson) => {
        const batch = mutate(events.slice(0, 3), ms)
        const text =
          asNdjson && Array.isArray(batch)
            ? batch.map((e) => JSON.stringify(e)).join('\n')
            : JSON.stringify(batch)
        try {
          prepareEventBatch(parseEventBatch(text ?? 'null'))
        } catch (error) {
          expectCoded(error)
        }
      }),
      { numRuns: FUZZ_RUNS },
    )
  }, 300_000)

  describe('credentials and bundles', () => {
    let world: TrustWorld
    let jwt: string
    let bundleText: string
    beforeAll(async () => {
      await initEd25519Verifier()
      world = await createTrustWorld()
      const credential = createLegalEntityCredential({
        issuer: world.sgIssuer.did,
        subject: {
          id: 'did:web:sg.landsea.example:orgs:bank',
          legalName: { en: 'Lion City Bank Ltd.' },
          jurisdiction: 'SG',
          identifier: { scheme: 'UEN', value: '199901234D' },
          registeredAddress: { streetAddress: '1 Raffles Place', countryCode: 'SG' },
        },
        validFrom: '2026-01-01T00:00:00Z',
        validUntil: '2027-01-01T00:00:00Z',
      } as Parameters<typeof createLegalEntityCredential>[0])
      jwt = await issueVcJwt({
        credential,
        privateJwk: world.sgIssuer.key.privateJwk,
        alg: world.sgIssuer.key.alg,
        kid: world.sgIssuer.kid,
      })
      bundleText = JSON.stringify(await buildSampleBundle({ count: 2, fillerLeaves: 2 }))
    })
    const now = new Date('2026-06-01T00:00:00Z')

    it(`credentials: ${FUZZ_RUNS} mutated vc+jwt, never thrown, never valid`, async () => {
      const original = await verifyCredential(jwt, { lookupKey: world.lookupKey, now })
      expect(original.signature.ok).toBe(true)
      await fc.assert(
        fc.asyncProperty(
          fc.nat(),
          fc.oneof(fc.string({ minLength: 1, maxLength: 3 }), fc.constantFrom('.', '~', '=', '')),
          fc.nat({ max: 8 }),
          async (at, insert, cut) => {
            const i = at % jwt.length
            const mutated = jwt.slice(0, i) + insert + jwt.slice(i + cut)
            if (mutated === jwt) return
            const result = await verifyCredential(mutated, { lookupKey: world.lookupKey, now })
            expect(result.isValid).toBe(false)
          },
        ),
        { numRuns: FUZZ_RUNS },
      )
    }, 300_000)

    it('refuses a bundle with a duplicate member, even one that repeats the real value first', async () => {
      const i = bundleText.indexOf('"placeOfIssue"')
      expect(i).toBeGreaterThan(0)
      const forged = `${bundleText.slice(0, i)}"placeOfIssue":{"locationName":"X"},${bundleText.slice(i)}`
      const result = await verifyBundle(forged, { witnessQuorum: 1 })
      expect(result.ok).toBe(false)
      expect(result.firstFailure?.name).toBe('format')
      expect(result.firstFailure?.reason).toContain('placeOfIssue appears twice')
      const proto = bundleText.replace('{', '{"__proto__":{},')
      expect((await verifyBundle(proto)).firstFailure?.name).toBe('format')
    })
  })
})
