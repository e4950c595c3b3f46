import { isDeepStrictEqual } from 'node:util'
import { parseStrictJson } from '@landsea/core/crypto'
import { verifyBundle, type VerifyBundleOptions } from '@landsea/core/verify'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { FUZZ_RUNS, mutate, mutationArb } from '../../core/test/mutation.js'
import { buildSampleBundle } from '../../core/src/verify/fixtures/sample-bundle.js'
import { nodeEd25519Verify, nodeSha256 } from '../src/crypto/index.js'

// The bundle verifier as a Node verifier runs it (native SHA-256 and Ed25519), under FUZZ_RUNS
// mutated bundles: structural changes to the JSON, and edits of its text. None may throw, and none
// may verify unless it still is the same JSON value (whitespace added, say).
describe('verifyBundle under mutation (fast-check)', () => {
  let bundleText: string
  const options: VerifyBundleOptions = {
    witnessQuorum: 1,
    sha256: nodeSha256,
    ed25519: nodeEd25519Verify,
  }
  beforeAll(async () => {
    bundleText = JSON.stringify(await buildSampleBundle({ count: 2, fillerLeaves: 2 }))
  })

  it(`${FUZZ_RUNS} mutated bundles: never thrown, none accepted`, async () => {
    const original = JSON.parse(bundleText) as unknown
    expect((await verifyBundle(bundleText, options)).ok).toBe(true)
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc
            .array(mutationArb, { minLength: 1, maxLength: 4 })
            .map((ms) => JSON.stringify(mutate(original, ms)) ?? 'null'),
          fc
            .tuple(fc.nat(), fc.string({ maxLength: 3 }), fc.nat({ max: 4 }))
            .map(([at, s, cut]) => {
              const i = at % bundleText.length
              return bundleText.slice(0, i) + s + bundleText.slice(i + cut)
            }),
        ),
        async (text) => {
          const result = await verifyBundle(text, options)
          if (result.ok) {
            const parsed = parseStrictJson(text)
            expect(!parsed.error && isDeepStrictEqual(parsed.value, original)).toBe(true)
          }
        },
      ),
      { numRuns: FUZZ_RUNS },
    )
  }, 600_000)
})
