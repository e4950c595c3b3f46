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
  let fn = leafIndex
  let sn = treeSize - 1
  let r = leafHash
  for (const p of hashes) {
    if (sn === 0) throw new LedgerError('LEDGER_PROOF_MALFORMED', 'proof is longer than the path')
    if (fn % 2 === 1 || fn === sn) {
      r = hashNode(p, r)
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2
          sn = Math.floor(sn / 2)
        }
      }
    } else {
      r = hashNode(r, p)
    }
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
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
