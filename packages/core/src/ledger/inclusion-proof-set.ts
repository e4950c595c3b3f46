import {
  checkInclusionInput,
  verifyInclusionProof,
  type InclusionProof,
} from './inclusion-proof.js'
import { LedgerError } from './ledger-error.js'
import { equalHashes, hashChildren, isHash, type MerkleHashes } from './merkle-hash.js'

/** A tree head that many inclusion proofs lead to, as a bundle's actions lead to its checkpoint. */
export interface InclusionTreeHead {
  readonly treeSize: number
  readonly rootHash: Uint8Array
}

// A node of a path that led to the root: its hash, and the proof hashes that took it there.
interface ProvedNode {
  readonly hash: Uint8Array
  readonly hashes: readonly Uint8Array[]
  readonly next: number
}

/**
 * Creates a verifier of inclusion proofs to one tree head that answers, for every proof, exactly
 * what {@link verifyInclusionProof} answers, sharing the work of proofs that meet.
 *
 * RFC 9162 §2.1.3.2 walks from the leaf to the root with a state `(fn, sn, r)`; with the tree size
 * fixed, `fn` and the number of steps taken (the level) fix `sn`, so what is left of a walk depends
 * only on the node `(level, fn)`, its hash `r` and the proof hashes not yet used. Once a proof has
 * led to the root, each node on its path is kept with the hashes that took it there. Another proof
 * that reaches a kept node with the same hash and the same remaining hashes, byte for byte, would
 * repeat that walk step for step and end at the root: it stops there. Anything else (another hash,
 * another remaining hash, another length) and it walks on by itself, so a changed proof fails as
 * it fails alone. No collision resistance is assumed, and proofs stay per leaf (RFC 9162
 * unchanged). A proof to another tree size goes to {@link verifyInclusionProof}.
 *
 * @example
 * const verify = createInclusionProofVerifier({ treeSize, rootHash })
 * for (const { proof, leafHash } of actions) verify(proof, leafHash) // throws as verifyInclusionProof
 */
export function createInclusionProofVerifier(
  head: InclusionTreeHead,
  hashNode: MerkleHashes['hashChildren'] = hashChildren,
): (proof: InclusionProof, leafHash: Uint8Array) => void {
  const { treeSize, rootHash } = head
  // proved[level] maps fn to the node; a bundle proves tens of leaves, so this stays small.
  const proved: Map<number, ProvedNode>[] = []
  const sameRest = (node: ProvedNode, hashes: readonly Uint8Array[], next: number) => {
    if (node.hashes.length - node.next !== hashes.length - next) return false
    for (let i = next, j = node.next; i < hashes.length; i++, j++) {
      if (hashes[i] !== node.hashes[j] && !equalHashes(hashes[i]!, node.hashes[j]!)) return false
    }
    return true
  }
  return (proof, leafHash) => {
    if (proof.treeSize !== treeSize)
      return verifyInclusionProof(proof, leafHash, rootHash, hashNode)
    checkInclusionInput(proof, leafHash)
    const { leafIndex, hashes } = proof
    const path: { level: number; fn: number; hash: Uint8Array; next: number }[] = []
    let fn = leafIndex
    let sn = treeSize - 1
    let r = leafHash
    let level = 0
    let isShared = false
    for (let next = 0; next < hashes.length; next++) {
      const node = proved[level]?.get(fn)
      if (node && equalHashes(node.hash, r) && sameRest(node, hashes, next)) {
        isShared = true
        break
      }
      path.push({ level, fn, hash: r, next })
      const p = hashes[next]!
      if (sn === 0) throw new LedgerError('LEDGER_PROOF_MALFORMED', 'proof is longer than the path')
      if (fn % 2 === 1 || fn === sn) {
        r = hashNode(p, r)
        if (fn % 2 === 0) {
          while (fn % 2 === 0 && fn !== 0) {
            fn /= 2
            sn = Math.floor(sn / 2)
            level++
          }
        }
      } else {
        r = hashNode(r, p)
      }
      fn = Math.floor(fn / 2)
      sn = Math.floor(sn / 2)
      level++
    }
    if (!isShared) {
      if (sn !== 0)
        throw new LedgerError('LEDGER_PROOF_MALFORMED', 'proof is shorter than the path')
      if (!isHash(rootHash) || !equalHashes(r, rootHash)) {
        throw new LedgerError(
          'LEDGER_INCLUSION_PROOF_INVALID',
          'the inclusion proof leads to another root',
        )
      }
    }
    for (const { level, fn, hash, next } of path) {
      const nodes = (proved[level] ??= new Map())
      if (!nodes.has(fn)) nodes.set(fn, { hash, hashes, next })
    }
  }
}
