import { describe, expect, it } from 'vitest'
import { vectors } from './fixtures/vectors.js'
import { rootFromInclusionProof, verifyInclusionProof } from './inclusion-proof.js'
import { LedgerError } from './ledger-error.js'
import { hashLeaf } from './merkle-hash.js'

const some = new Uint8Array(32).fill(0xab)

function rejects(run: () => void): string {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerError)
    return (error as LedgerError).code
  }
  throw new Error('accepted a corrupted proof')
}

describe('verifyInclusionProof', () => {
  for (const v of vectors.inclusion) {
    it(`accepts the published proof of leaf ${v.leafIndex} in ${v.treeSize} and refuses corruptions`, () => {
      const leafHash = hashLeaf(vectors.leaves[v.leafIndex]!)
      const root = vectors.roots[v.treeSize - 1]!
      const good = { leafIndex: v.leafIndex, treeSize: v.treeSize, hashes: v.proof }
      expect(() => verifyInclusionProof(good, leafHash, root)).not.toThrow()

      const flipped = v.proof.map((_, i) =>
        v.proof.map((h, j) => (i === j ? Uint8Array.from(h, (b, k) => (k === 0 ? b ^ 8 : b)) : h)),
      )
      const probes = [
        { ...good, leafIndex: v.leafIndex + 1 },
        { ...good, leafIndex: v.leafIndex ^ 2 },
        { ...good, treeSize: v.treeSize * 2 },
        { ...good, treeSize: Math.floor(v.treeSize / 2) },
        { ...good, hashes: [...v.proof, some] },
        { ...good, hashes: [some, ...v.proof] },
        { ...good, hashes: [...v.proof, root] },
        ...flipped.map((hashes) => ({ ...good, hashes })),
        ...(v.proof.length > 0 ? [{ ...good, hashes: v.proof.slice(0, -1) }] : []),
      ]
      if (v.leafIndex > 0) probes.push({ ...good, leafIndex: v.leafIndex - 1 })
      for (const probe of probes) rejects(() => verifyInclusionProof(probe, leafHash, root))
      rejects(() => verifyInclusionProof(good, some, root))
      rejects(() => verifyInclusionProof(good, leafHash, vectors.emptyRoot))
    })
  }

  it('answers hostile input with LedgerError codes, never another exception', () => {
    const leafHash = hashLeaf(vectors.leaves[0]!)
    const hostile: unknown[] = [
      { leafIndex: -1, treeSize: 1, hashes: [] },
      { leafIndex: 0, treeSize: 0, hashes: [] },
      { leafIndex: 0.5, treeSize: 2, hashes: [] },
      { leafIndex: 0, treeSize: 2 ** 60, hashes: [] },
      { leafIndex: 0, treeSize: Number.NaN, hashes: [] },
      { leafIndex: '0', treeSize: 1, hashes: [] },
      { leafIndex: 0, treeSize: 2, hashes: null },
      { leafIndex: 0, treeSize: 2, hashes: ['ab'] },
      { leafIndex: 0, treeSize: 2, hashes: [new Uint8Array(31)] },
      { leafIndex: 0, treeSize: 2, hashes: new Array(65).fill(some) },
      { leafIndex: 2 ** 52, treeSize: 2 ** 53 - 1, hashes: new Array(53).fill(some) },
    ]
    const codes = hostile.map((p) =>
      rejects(() => verifyInclusionProof(p as never, leafHash, vectors.roots[0]!)),
    )
    expect(new Set(codes)).toEqual(
      new Set([
        'LEDGER_SIZE_INVALID',
        'LEDGER_INDEX_OUT_OF_RANGE',
        'LEDGER_PROOF_MALFORMED',
        'LEDGER_INCLUSION_PROOF_INVALID',
      ]),
    )
    expect(
      rejects(() =>
        rootFromInclusionProof({ leafIndex: 0, treeSize: 1, hashes: [] }, some.subarray(1)),
      ),
    ).toBe('LEDGER_PROOF_MALFORMED')
  })
})
