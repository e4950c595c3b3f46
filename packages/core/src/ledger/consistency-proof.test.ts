import { describe, expect, it } from 'vitest'
import { verifyConsistencyProof } from './consistency-proof.js'
import { vectors } from './fixtures/vectors.js'
import { LedgerError } from './ledger-error.js'

const some = new Uint8Array(32).fill(0xab)
const other = new Uint8Array(32).fill(0xcd)

function rejects(run: () => void): string {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerError)
    return (error as LedgerError).code
  }
  throw new Error('accepted an inconsistent pair')
}

describe('verifyConsistencyProof', () => {
  for (const v of vectors.consistency) {
    it(`accepts the published proof from ${v.size1} to ${v.size2} and refuses corruptions`, () => {
      const root1 = vectors.roots[v.size1 - 1]!
      const root2 = vectors.roots[v.size2 - 1]!
      const good = { size1: v.size1, size2: v.size2, hashes: v.proof }
      expect(() => verifyConsistencyProof(good, root1, root2)).not.toThrow()
      if (v.proof.length === 0) return
      const probes = [
        { ...good, size1: v.size1 - 1 },
        { ...good, size1: v.size1 + 1 },
        { ...good, size1: v.size1 ^ 2 },
        { ...good, size2: v.size2 * 2 },
        { ...good, size2: Math.floor(v.size2 / 2) },
        { ...good, hashes: [] },
        { ...good, hashes: [...v.proof, some] },
        { ...good, hashes: [...v.proof, root1] },
        { ...good, hashes: [root2, ...v.proof] },
        { ...good, hashes: [v.proof[0]!, ...v.proof] },
        { ...good, hashes: v.proof.slice(0, -1) },
        ...v.proof.map((_, i) => ({
          ...good,
          hashes: v.proof.map((h, j) =>
            i === j ? Uint8Array.from(h, (b, k) => (k === 0 ? b ^ 16 : b)) : h,
          ),
        })),
      ]
      for (const probe of probes) rejects(() => verifyConsistencyProof(probe, root1, root2))
      rejects(() => verifyConsistencyProof(good, some, root2))
      rejects(() => verifyConsistencyProof(good, root1, some))
      rejects(() => verifyConsistencyProof(good, root2, root1))
    })
  }

  it('handles the trivial sizes as RFC 9162 and the Go reference do', () => {
    expect(() =>
      verifyConsistencyProof({ size1: 0, size2: 0, hashes: [] }, some, some),
    ).not.toThrow()
    expect(() =>
      verifyConsistencyProof({ size1: 0, size2: 5, hashes: [] }, some, other),
    ).not.toThrow()
    expect(() =>
      verifyConsistencyProof({ size1: 3, size2: 3, hashes: [] }, some, some),
    ).not.toThrow()
    expect(
      rejects(() => verifyConsistencyProof({ size1: 3, size2: 3, hashes: [] }, some, other)),
    ).toBe('LEDGER_CONSISTENCY_PROOF_INVALID')
    rejects(() => verifyConsistencyProof({ size1: 1, size2: 1, hashes: [some] }, some, some))
    rejects(() => verifyConsistencyProof({ size1: 0, size2: 1, hashes: [some] }, some, some))
    rejects(() => verifyConsistencyProof({ size1: 2, size2: 1, hashes: [] }, some, other))
    rejects(() => verifyConsistencyProof({ size1: 1, size2: 2, hashes: [] }, some, other))
  })

  it('answers hostile input with LedgerError codes', () => {
    const hostile: unknown[] = [
      { size1: -1, size2: 2, hashes: [some] },
      { size1: 1, size2: 2 ** 64, hashes: [some] },
      { size1: 1, size2: 2, hashes: 'x' },
      { size1: 1, size2: 2, hashes: [new Uint8Array(33)] },
      { size1: 1, size2: 2 ** 53 - 1, hashes: new Array(64).fill(some) },
    ]
    for (const p of hostile) rejects(() => verifyConsistencyProof(p as never, some, other))
    rejects(() =>
      verifyConsistencyProof({ size1: 1, size2: 2, hashes: [some] }, 'x' as never, other),
    )
  })
})
