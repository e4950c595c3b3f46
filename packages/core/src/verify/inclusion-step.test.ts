import { beforeAll, describe, expect, it } from 'vitest'
import { parseCheckpoint } from '../ledger/checkpoint.js'
import { verifyInclusionProof } from '../ledger/inclusion-proof.js'
import { parseNote } from '../ledger/signed-note.js'
import { parseBundle, type EblBundle } from './bundle.js'
import { createBundleHashes } from './bundle-hashes.js'
import { buildSampleBundle } from './fixtures/sample-bundle.js'
import { byteFlips } from './fixtures/tamper.js'
import { checkInclusion } from './log-checks.js'

// The inclusion step with the shared walk against the step checking each proof alone (RFC 9162
// §2.1.3.2), on every byte of the every-byte tamper suite changed (XOR 0x01 and 0x80).

const perLeaf: NonNullable<Parameters<typeof checkInclusion>[3]> =
  ({ rootHash }, hashNode) =>
  (proof, leafHash) =>
    verifyInclusionProof(proof, leafHash, rootHash, hashNode)

let bundles: EblBundle[]

beforeAll(async () => {
  // The suite's bundle, and one whose 8 actions' paths meet low in a small log.
  bundles = [
    await buildSampleBundle({ count: 3 }),
    await buildSampleBundle({ count: 8, fillerLeaves: 40 }),
  ]
})

describe('the inclusion step', () => {
  it('answers as the per-leaf step on every flipped byte of a bundle', () => {
    let compared = 0
    const failures = new Set<string>()
    for (const bundle of bundles) {
      for (const { index, mask, bytes } of byteFlips(bundle)) {
        const parsed = parseBundle(bytes)
        if (!parsed.bundle) continue
        let checkpoint
        try {
          checkpoint = parseCheckpoint(parseNote(parsed.bundle.checkpoint).text)
        } catch {
          continue
        }
        const shared = checkInclusion(parsed.bundle, checkpoint, createBundleHashes())
        const alone = checkInclusion(parsed.bundle, checkpoint, createBundleHashes(), perLeaf)
        expect(shared, `byte ${index} ^ ${mask}`).toEqual(alone)
        if (shared.status === 'fail')
          failures.add(shared.reason.replace(/^action \d+ \(leaf \d+\) /, ''))
        compared++
      }
    }
    // The flips reached the proofs: hashes changed, not base64, a wrong index or size.
    expect(compared).toBeGreaterThan(10_000)
    expect([...failures].join('\n')).toMatch(/leads to another root/)
    expect([...failures].join('\n')).toMatch(/not base64/)
  }, 120_000)
})
