import { LedgerError } from './ledger-error.js'
import { equalHashes, hashChildren, isHash, type MerkleHashes } from './merkle-hash.js'
import { assertTreeSize } from './tree-size.js'

/** An inclusion proof (RFC 9162 §2.1.3): leaf `leafIndex` is in the tree of `treeSize` leaves. */
export interface InclusionProof {
  readonly leafIndex: number
  readonly treeSize: number
  readonly hashes: readonly Uint8Array[]
}

/**
 * The checks of {@link rootFromInclusionProof} before it hashes: the sizes, the index, the leaf
 * hash and the proof's hashes, all attacker-controlled.
 *
 * @throws LedgerError `LEDGER_SIZE_INVALID`, `LEDGER_INDEX_OUT_OF_RANGE`, `LEDGER_PROOF_MALFORMED`.
 */
export function checkInclusionInput(proof: InclusionProof, leafHash: Uint8Array): void {
  const { leafIndex, treeSize, hashes } = proof
  assertTreeSize(treeSize)
  assertTreeSize(leafIndex, 'leaf index')
  if (leafIndex >= treeSize) {
    throw new LedgerError(
      'LEDGER_INDEX_OUT_OF_RANGE',
      `leaf ${leafIndex} is not in a tree of ${treeSize}`,
    )
  }
  if (!isHash(leafHash))
    throw new LedgerError('LEDGER_PROOF_MALFORMED', 'leaf hash is not 32 bytes')
  if (!Array.isArray(hashes) || hashes.length > 64 || !hashes.every(isHash)) {
    throw new LedgerError('LEDGER_PROOF_MALFORMED', 'proof must be at most 64 hashes of 32 bytes')
  }
}

/**
 * Where the verification of RFC 9162 §2.1.3.2 stands: `fn` and `sn` of the algorithm, the level
 * of the node it is at (`fn` is its index there), and that node's hash `r`.
 */
export interface InclusionWalk {
  fn: number
  sn: number
  level: number
  r: Uint8Array
}

/**
 * One step of RFC 9162 §2.1.3.2: hashes the proof hash `p` in on the side `fn` says, then moves
 * up (past levels where the node has no sibling, as the right edge of an unbalanced tree).
 *
 * @throws LedgerError `LEDGER_PROOF_MALFORMED` when the walk is already at the root.
 */
export function stepInclusionWalk(
  walk: InclusionWalk,
  p: Uint8Array,
  hashNode: MerkleHashes['hashChildren'],
): void {
  if (walk.sn === 0)
    throw new LedgerError('LEDGER_PROOF_MALFORMED', 'proof is longer than the path')
  if (walk.fn % 2 === 1 || walk.fn === walk.sn) {
    walk.r = hashNode(p, walk.r)
    while (walk.fn % 2 === 0 && walk.fn !== 0) {
      walk.fn /= 2
      walk.sn = Math.floor(walk.sn / 2)
      walk.level++
    }
  } else {
    walk.r = hashNode(walk.r, p)
  }
  walk.fn = Math.floor(walk.fn / 2)
  walk.sn = Math.floor(walk.sn / 2)
  walk.level++
}

/**
 * Recomputes the root hash from a leaf hash and its inclusion proof, by the verification
 * algorithm of RFC 9162 §2.1.3.2. Every argument is attacker-controlled (it comes from a bundle
 * or a peer): sizes, indices and proof lengths are checked before use. `hashNode` replaces
 * {@link hashChildren}, e.g. with one over a platform SHA-256.
 *
 * @throws LedgerError `LEDGER_SIZE_INVALID`, `LEDGER_INDEX_OUT_OF_RANGE`, `LEDGER_PROOF_MALFORMED`.
 */
export function rootFromInclusionProof(
  proof: InclusionProof,
  leafHash: Uint8Array,
  hashNode: MerkleHashes['hashChildren'] = hashChildren,
): Uint8Array {
  checkInclusionInput(proof, leafHash)
  const { leafIndex, treeSize, hashes } = proof
  const walk: InclusionWalk = { fn: leafIndex, sn: treeSize - 1, level: 0, r: leafHash }
  for (const p of hashes) stepInclusionWalk(walk, p, hashNode)
  const { sn, r } = walk
  if (sn !== 0) throw new LedgerError('LEDGER_PROOF_MALFORMED', 'proof is shorter than the path')
  return r
}

/**
 * Checks that a leaf hash is at `leafIndex` of the tree with `rootHash` (RFC 9162 §2.1.3.2).
 *
 * @throws LedgerError `LEDGER_INCLUSION_PROOF_INVALID` when the proof leads to another root, or
 * the codes of {@link rootFromInclusionProof} for malformed input.
 */
export function verifyInclusionProof(
  proof: InclusionProof,
  leafHash: Uint8Array,
  rootHash: Uint8Array,
  hashNode?: MerkleHashes['hashChildren'],
): void {
  const computed = rootFromInclusionProof(proof, leafHash, hashNode)
  if (!isHash(rootHash) || !equalHashes(computed, rootHash)) {
    throw new LedgerError(
      'LEDGER_INCLUSION_PROOF_INVALID',
      'the inclusion proof leads to another root',
    )
  }
}
