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
// may verify unless it still is the same JSON value (whitespace added, say) or the same bill's
// bundle cut short: its first actions unchanged under the same checkpoint, with the signers they
// name (an offline bundle cannot prove it holds the latest action; `verify --online` does).
type Bundle = Record<string, unknown> & { actions?: unknown; signers?: unknown }

const isCutShort = (value: unknown, original: Bundle): boolean => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const bundle = value as Bundle
  const { actions, signers, ...rest } = bundle
  const { actions: allActions, signers: allSigners, ...originalRest } = original
  return (
    Array.isArray(actions) &&
    Array.isArray(allActions) &&
    actions.length > 0 &&
    actions.length < allActions.length &&
    actions.every((a, i) => isDeepStrictEqual(a, allActions[i])) &&
    Array.isArray(signers) &&
    Array.isArray(allSigners) &&
    signers.every((s) => allSigners.some((o) => isDeepStrictEqual(s, o))) &&
    isDeepStrictEqual(rest, originalRest)
  )
}
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

  it(`${FUZZ_RUNS} mutated bundles: never thrown, none accepted but the bill's own earlier bundle`, async () => {
    const original = JSON.parse(bundleText) as Bundle
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
            expect(
              !parsed.error &&
                (isDeepStrictEqual(parsed.value, original) || isCutShort(parsed.value, original)),
            ).toBe(true)
          }
        },
      ),
      { numRuns: FUZZ_RUNS },
    )
  }, 600_000)
})
