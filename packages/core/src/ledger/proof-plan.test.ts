import { bytesToHex } from '@noble/hashes/utils.js'
import { describe, expect, it } from 'vitest'
import { verifyConsistencyProof } from './consistency-proof.js'
import { mth, path, proof } from './fixtures/reference-tree.js'
import { vectors } from './fixtures/vectors.js'
import { verifyInclusionProof } from './inclusion-proof.js'
import { createMemoryLedger } from './memory-ledger.js'
import { hashLeaf } from './merkle-hash.js'
import { consistencyProofPlan, inclusionProofPlan, subtreesOfRange } from './proof-plan.js'

const hex = (hashes: readonly Uint8Array[]) => hashes.map(bytesToHex)

// A small deterministic generator, so a failure names a reproducible size.
function random(seed: number): () => number {
  let s = seed
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31
    return s / 2 ** 31
  }
}

describe('proofs from stored complete subtrees', () => {
  it('produce the published inclusion and consistency proofs', () => {
    const ledger = createMemoryLedger()
    ledger.append(vectors.leaves)
    for (const v of vectors.inclusion) {
      expect(hex(ledger.inclusionProof(v.leafIndex, v.treeSize).hashes)).toEqual(hex(v.proof))
    }
    for (const v of vectors.consistency) {
      expect(hex(ledger.consistencyProof(v.size1, v.size2).hashes)).toEqual(hex(v.proof))
    }
  })

  it('match a brute-force RFC 9162 tree for random sizes, and verify', () => {
    const next = random(9162)
    const leaves = Array.from({ length: 300 }, (_, i) => new TextEncoder().encode(`leaf ${i}`))
    const ledger = createMemoryLedger()
    ledger.append(leaves)
    const sizes = [
      1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 127, 129, 255, 256, 257, 300,
    ]
    for (let i = 0; i < 10; i++) sizes.push(1 + Math.floor(next() * 300))
    for (const n of sizes) {
      const d = leaves.slice(0, n)
      const root = mth(d)
      expect(bytesToHex(ledger.rootHash(n))).toBe(bytesToHex(root))
      for (const m of [0, n - 1, Math.floor(next() * n), Math.floor(next() * n)]) {
        const got = ledger.inclusionProof(m, n)
        expect(hex(got.hashes)).toEqual(hex(path(m, d)))
        verifyInclusionProof(got, hashLeaf(leaves[m]!), root)
      }
      for (const m of [1, n, Math.max(1, Math.floor(next() * n)), Math.max(1, n - 1)]) {
        const got = ledger.consistencyProof(m, n)
        expect(hex(got.hashes)).toEqual(hex(proof(m, d)))
        verifyConsistencyProof(got, mth(leaves.slice(0, m)), root)
      }
    }
  })

  it('read O(log n) stored nodes per proof at ten million leaves', () => {
    const n = 10_000_000
    for (const index of [0, 4_999_999, n - 1]) {
      const reads = inclusionProofPlan(index, n).flat().length
      expect(reads).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n)))
    }
    expect(consistencyProofPlan(9_999_991, n).flat().length).toBeLessThanOrEqual(48)
    expect(subtreesOfRange(0, n)).toHaveLength(
      n
        .toString(2)
        .split('')
        .filter((b) => b === '1').length,
    )
  })
})
