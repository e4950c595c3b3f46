import { describe, expect, it } from 'vitest'
import { pathOfHashes, rootOfHashes } from './fixtures/reference-tree.js'
import { verifyInclusionProof, type InclusionProof } from './inclusion-proof.js'
import { createInclusionProofVerifier } from './inclusion-proof-set.js'
import { LedgerError } from './ledger-error.js'
import { createMemoryLedger } from './memory-ledger.js'
import { hashChildren, hashLeaf } from './merkle-hash.js'

// The shared walk against RFC 9162 §2.1.3.2 run alone (verifyInclusionProof), proof by proof, in
// the order a bundle shows them: valid proofs, changed proofs, and a node hash so weak that
// changed proofs often still reach the root, where only an exact replay can agree.

type Node = (left: Uint8Array, right: Uint8Array) => Uint8Array
interface Item {
  readonly proof: InclusionProof
  readonly leafHash: Uint8Array
}

function random(seed: number): () => number {
  let s = seed
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31
    return s / 2 ** 31
  }
}

const outcome = (run: () => void) => {
  try {
    run()
    return 'pass'
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error
    return `${error.code}: ${error.message}`
  }
}

/** Each item's answer from one shared verifier, then from the per-leaf reference; hash counts. */
function bothWays(head: { treeSize: number; rootHash: Uint8Array }, items: Item[], node: Node) {
  let sharedHashes = 0
  let referenceHashes = 0
  const verify = createInclusionProofVerifier(head, (l, r) => (sharedHashes++, node(l, r)))
  const shared = items.map(({ proof, leafHash }) => outcome(() => verify(proof, leafHash)))
  const reference = items.map(({ proof, leafHash }) =>
    outcome(() =>
      verifyInclusionProof(
        proof,
        leafHash,
        head.rootHash,
        (l, r) => (referenceHashes++, node(l, r)),
      ),
    ),
  )
  return { shared, reference, sharedHashes, referenceHashes }
}

const flip = (h: Uint8Array, at: number) => Uint8Array.from(h, (b, i) => (i === at ? b ^ 1 : b))

/** One changed copy of a proof: a flipped bit anywhere, a hash of another proof, a cut, an index. */
function tamper(item: Item, others: Item[], next: () => number): Item {
  const { proof } = item
  const pick = (n: number) => Math.floor(next() * n)
  const at = pick(Math.max(1, proof.hashes.length))
  const other = others[pick(others.length)]!.proof.hashes
  const withHash = (h: Uint8Array | undefined) =>
    h ? proof.hashes.map((x, i) => (i === at ? h : x)) : proof.hashes
  switch (pick(8)) {
    case 0:
      return {
        ...item,
        proof: { ...proof, hashes: withHash(proof.hashes[at] && flip(proof.hashes[at], pick(32))) },
      }
    case 1:
      return { ...item, proof: { ...proof, hashes: withHash(other[at]) } }
    case 2:
      return { ...item, proof: { ...proof, hashes: proof.hashes.slice(0, -1) } }
    case 3:
      return { ...item, proof: { ...proof, hashes: [...proof.hashes, other[0] ?? item.leafHash] } }
    case 4:
      return {
        ...item,
        proof: {
          ...proof,
          leafIndex: [proof.leafIndex - 1, proof.leafIndex + 1, proof.treeSize][pick(3)]!,
        },
      }
    case 5:
      return { ...item, proof: { ...proof, treeSize: proof.treeSize + 1 } }
    case 6:
      return { ...item, leafHash: flip(item.leafHash, pick(32)) }
    default:
      return { ...item, proof: { ...proof, hashes: [...proof.hashes].reverse() } }
  }
}

/** Leaves of a log of `size`, `count` of them proved (some twice), in a random order. */
function randomItems(
  size: number,
  count: number,
  next: () => number,
  hashes: Uint8Array[],
  node: Node,
) {
  const items: Item[] = []
  for (let i = 0; i < count; i++) {
    const leafIndex = Math.floor(next() * size)
    items.push({
      proof: { leafIndex, treeSize: size, hashes: pathOfHashes(leafIndex, hashes, node) },
      leafHash: hashes[leafIndex]!,
    })
  }
  return items
}

describe('createInclusionProofVerifier', () => {
  it('accepts every valid proof of random leaf sets in random trees, hashing less than proof by proof', () => {
    const next = random(14)
    let shared = 0
    let reference = 0
    for (let round = 0; round < 60; round++) {
      const size = 1 + Math.floor(next() * (round < 40 ? 300 : 20_000))
      const ledger = createMemoryLedger()
      ledger.append(
        Array.from({ length: size }, (_, i) => new TextEncoder().encode(`leaf ${round}.${i}`)),
      )
      const items = Array.from({ length: 1 + Math.floor(next() * 12) }, () => {
        const leafIndex = Math.floor(next() * size)
        return {
          proof: ledger.inclusionProof(leafIndex),
          leafHash: hashLeaf(new TextEncoder().encode(`leaf ${round}.${leafIndex}`)),
        }
      })
      const run = bothWays({ treeSize: size, rootHash: ledger.rootHash() }, items, hashChildren)
      expect(run.shared, `size ${size}`).toEqual(items.map(() => 'pass'))
      expect(run.shared).toEqual(run.reference)
      shared += run.sharedHashes
      reference += run.referenceHashes
    }
    expect(shared).toBeLessThan(reference * 0.8)
  })

  it('answers changed proofs exactly as each proof alone, interleaved with valid ones', () => {
    const next = random(9162)
    const verdicts = new Set<string>()
    for (let round = 0; round < 300; round++) {
      const size = 2 + Math.floor(next() * 500)
      const leaves = Array.from({ length: size }, (_, i) =>
        hashLeaf(new Uint8Array([round, i, i >> 8])),
      )
      const valid = randomItems(size, 2 + Math.floor(next() * 8), next, leaves, hashChildren)
      const items = valid.flatMap((item) =>
        next() < 0.5 ? [item] : [tamper(item, valid, next), item, tamper(item, valid, next)],
      )
      const run = bothWays({ treeSize: size, rootHash: rootOfHashes(leaves) }, items, hashChildren)
      expect(run.shared, `round ${round}`).toEqual(run.reference)
      run.reference.forEach((v) => verdicts.add(v.split(':')[0]!))
    }
    expect([...verdicts].sort()).toEqual([
      'LEDGER_INCLUSION_PROOF_INVALID',
      'LEDGER_INDEX_OUT_OF_RANGE',
      'LEDGER_PROOF_MALFORMED',
      'LEDGER_SIZE_INVALID',
      'pass',
    ])
  })

  it('refuses a proof whose siblings above the shared node differ, as the proof alone does', () => {
    const size = 1000
    const leaves = Array.from({ length: size }, (_, i) => hashLeaf(new Uint8Array([i, i >> 8])))
    const root = rootOfHashes(leaves)
    const proofOf = (leafIndex: number) => ({
      proof: { leafIndex, treeSize: size, hashes: pathOfHashes(leafIndex, leaves) },
      leafHash: leaves[leafIndex]!,
    })
    // Leaves 512 and 515 meet at level 2; above it their proofs are the same 8 hashes.
    const a = proofOf(512)
    const b = proofOf(515)
    expect(b.proof.hashes.slice(2)).toEqual(a.proof.hashes.slice(2))
    const changed = (at: number, hash: Uint8Array) => ({
      ...b,
      proof: { ...b.proof, hashes: b.proof.hashes.map((h, i) => (i === at ? hash : h)) },
    })
    const items = [
      a,
      ...[2, 3, 5, b.proof.hashes.length - 1].map((at) =>
        changed(at, flip(b.proof.hashes[at]!, 7)),
      ),
      changed(4, a.proof.hashes[1]!),
      { ...b, proof: { ...b.proof, hashes: [...b.proof.hashes, a.proof.hashes[0]!] } },
      b,
    ]
    const run = bothWays({ treeSize: size, rootHash: root }, items, hashChildren)
    expect(run.shared).toEqual(run.reference)
    expect(run.shared.at(-1)).toBe('pass')
    expect(run.shared.slice(1, -2)).toEqual(
      Array(5).fill('LEDGER_INCLUSION_PROOF_INVALID: the inclusion proof leads to another root'),
    )
    expect(run.shared.at(-2)).toBe('LEDGER_PROOF_MALFORMED: proof is longer than the path')
  })

  it('hashes the node where two walks meet once: the second stops one level below it', () => {
    const size = 1000
    const leaves = Array.from({ length: size }, (_, i) => hashLeaf(new Uint8Array([i, i >> 8, 1])))
    const head = { treeSize: size, rootHash: rootOfHashes(leaves) }
    const proofOf = (leafIndex: number, leafHash = leaves[leafIndex]!) => ({
      proof: { leafIndex, treeSize: size, hashes: pathOfHashes(leafIndex, leaves) },
      leafHash,
    })
    const hashed = (items: Item[]) => {
      const run = bothWays(head, items, hashChildren)
      expect(run.shared).toEqual(run.reference)
      return run.sharedHashes
    }
    const alone = hashed([proofOf(512)])
    // 513 is 512's sibling, 515 meets 512 at level 2 (one node of its own below it).
    expect(hashed([proofOf(512), proofOf(513)])).toBe(alone)
    expect(hashed([proofOf(512), proofOf(515)])).toBe(alone + 1)
    expect(hashed([proofOf(513), proofOf(512)])).toBe(alone)
    // Each side of the swap changed, or the rest: each walks on alone and fails as it fails alone.
    const b = proofOf(513)
    const withHash = (at: number, hash: Uint8Array) => ({
      ...b,
      proof: { ...b.proof, hashes: b.proof.hashes.map((h, i) => (i === at ? hash : h)) },
    })
    const changed = [
      proofOf(513, flip(leaves[513]!, 3)),
      withHash(0, flip(leaves[512]!, 9)),
      withHash(1, flip(b.proof.hashes[1]!, 0)),
      { ...b, proof: { ...b.proof, hashes: b.proof.hashes.slice(0, -1) } },
    ]
    const run = bothWays(head, [proofOf(512), ...changed, b], hashChildren)
    expect(run.shared).toEqual(run.reference)
    expect(run.shared.slice(1, -1).every((v) => v !== 'pass')).toBe(true)
    expect(run.shared.at(-1)).toBe('pass')
  })

  it('needs no collision resistance: with a node hash of 2 bits it still answers as each proof alone', () => {
    // Only the first byte carries anything, and it has 4 values: changed proofs often reach the
    // root, so agreeing on them shows the shared walk replays the proof, not trusts the hash.
    const weak: Node = (l, r) => {
      const out = new Uint8Array(32)
      out[0] = (l[0]! * 3 + r[0]! * 5 + 1) % 4
      return out
    }
    const next = random(2026)
    let passedChanged = 0
    for (let round = 0; round < 400; round++) {
      const size = 2 + Math.floor(next() * 200)
      const leaves = Array.from({ length: size }, () => {
        const h = new Uint8Array(32)
        h[0] = Math.floor(next() * 4)
        return h
      })
      const valid = randomItems(size, 2 + Math.floor(next() * 8), next, leaves, weak)
      const changed = valid.map((item) => tamper(item, valid, next))
      const items = valid.flatMap((item, i) => [changed[i]!, item])
      const run = bothWays({ treeSize: size, rootHash: rootOfHashes(leaves, weak) }, items, weak)
      expect(run.shared, `round ${round}`).toEqual(run.reference)
      passedChanged += run.reference.filter((v, i) => i % 2 === 0 && v === 'pass').length
    }
    expect(passedChanged).toBeGreaterThan(50)
  })

  it('checks a proof to another tree size alone, and a malformed root as verifyInclusionProof does', () => {
    const ledger = createMemoryLedger()
    ledger.append(Array.from({ length: 40 }, (_, i) => new Uint8Array([i])))
    const leafHash = hashLeaf(new Uint8Array([7]))
    const verify = createInclusionProofVerifier({ treeSize: 40, rootHash: ledger.rootHash() })
    expect(outcome(() => verify(ledger.inclusionProof(7, 30), leafHash))).toMatch(/another root/)
    expect(outcome(() => verify(ledger.inclusionProof(7, 40), leafHash))).toBe('pass')
    const bad = createInclusionProofVerifier({ treeSize: 40, rootHash: new Uint8Array(31) })
    expect(outcome(() => bad(ledger.inclusionProof(7, 40), leafHash))).toMatch(/another root/)
  })
})
