import {
  checkInclusionInput,
  stepInclusionWalk,
  verifyInclusionProof,
  type InclusionProof,
  type InclusionWalk,
} from './inclusion-proof.js'
import { LedgerError } from './ledger-error.js'
import { equalHashes, hashChildren, isHash, type MerkleHashes } from './merkle-hash.js'

/** A tree head that many inclusion proofs lead to, as a bundle's actions lead to its checkpoint. */
export interface InclusionTreeHead {
  readonly treeSize: number
  readonly rootHash: Uint8Array
}

// A walk that led to the root: at the top of step j it was at the node (levels[j], leafIndex /
// 2^levels[j]) with hash nodeHashes[j], and went on with hashes[j..].
interface ProvedWalk {
  readonly leafIndex: number
  readonly hashes: readonly Uint8Array[]
  readonly levels: readonly number[]
  readonly nodeHashes: readonly Uint8Array[]
}

/** The lowest level at which two leaves have the same ancestor (`/` and `%`: beyond 32 bits). */
function meetingLevel(a: number, b: number): number {
  // Below 2^31 the bit length of a XOR b is that level.
  if (a < 0x80000000 && b < 0x80000000) return 32 - Math.clz32(a ^ b)
  let level = 0
  for (; a !== b; level++) {
    a = Math.floor(a / 2)
    b = Math.floor(b / 2)
  }
  return level
}

/**
 * Creates a verifier of inclusion proofs to one tree head that answers, for every proof, exactly
 * what {@link verifyInclusionProof} answers, sharing the work of proofs that meet.
 *
 * RFC 9162 §2.1.3.2 walks from the leaf to the root with a state `(fn, sn, r)`; with the tree size
 * fixed, `fn` and the number of steps taken (the level) fix `sn`, so what is left of a walk depends
 * only on the node `(level, fn)`, its hash `r` and the proof hashes not yet used. Once a proof has
 * led to the root, its walk is kept: each node it passed, with its hash and the hashes that took it
 * on. Another proof that reaches a node of the kept walk meeting it lowest with the same hash and
 * the same remaining hashes, byte for byte, would repeat that walk step for step and end at the
 * root: it stops there. Anything else (another hash, another remaining hash, another length) and
 * it walks on by itself, so a changed proof fails as it fails alone. No collision resistance is
 * assumed, and proofs stay per leaf (RFC 9162 unchanged). A proof to another tree size goes to
 * {@link verifyInclusionProof}. The verifier keeps the proofs it was given: one per verification.
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
  const walks: ProvedWalk[] = []
  const sameRest = (
    hashes: readonly Uint8Array[],
    next: number,
    walk: ProvedWalk,
    step: number,
  ) => {
    if (walk.hashes.length - step !== hashes.length - next) return false
    for (let i = next, j = step; i < hashes.length; i++, j++) {
      if (hashes[i] !== walk.hashes[j] && !equalHashes(hashes[i]!, walk.hashes[j]!)) return false
    }
    return true
  }
  return (proof, leafHash) => {
    if (proof.treeSize !== treeSize)
      return verifyInclusionProof(proof, leafHash, rootHash, hashNode)
    checkInclusionInput(proof, leafHash)
    const { leafIndex, hashes } = proof
    // The proved walk that meets this one lowest: from its meeting level up they pass the same
    // nodes, so there this walk may be at a node, with a hash, where that one was.
    let closest: ProvedWalk | undefined
    let meeting = Infinity
    for (const proved of walks) {
      const level = meetingLevel(leafIndex, proved.leafIndex)
      if (level < meeting) [closest, meeting] = [proved, level]
    }
    const levels = new Array<number>(hashes.length)
    const nodeHashes = new Array<Uint8Array>(hashes.length)
    const walk: InclusionWalk = { fn: leafIndex, sn: treeSize - 1, level: 0, r: leafHash }
    let step = 0
    let shared: ProvedWalk | undefined
    for (let next = 0; next < hashes.length; next++) {
      if (closest && walk.level >= meeting - 1) {
        while (step < closest.levels.length && closest.levels[step]! < walk.level) step++
        const atLevel = closest.levels[step] === walk.level
        if (
          atLevel &&
          walk.level >= meeting &&
          equalHashes(closest.nodeHashes[step]!, walk.r) &&
          sameRest(hashes, next, closest, step)
        ) {
          shared = closest
          break
        }
        // One level below the meeting the two walks are at sibling nodes, each the other's proof
        // hash there: when each holds what the other's proof says and the rest is the same, this
        // step hashes what that walk's step hashed, in the same order, and lands where it landed.
        if (
          atLevel &&
          walk.level === meeting - 1 &&
          equalHashes(closest.hashes[step]!, walk.r) &&
          equalHashes(hashes[next]!, closest.nodeHashes[step]!) &&
          sameRest(hashes, next + 1, closest, step + 1)
        ) {
          levels[next] = walk.level
          nodeHashes[next] = walk.r
          shared = closest
          step++
          break
        }
      }
      levels[next] = walk.level
      nodeHashes[next] = walk.r
      stepInclusionWalk(walk, hashes[next]!, hashNode)
    }
    if (shared) {
      // The rest of this walk is the shared one's, step for step.
      for (let next = hashes.length - (shared.levels.length - step); step < shared.levels.length;) {
        levels[next] = shared.levels[step]!
        nodeHashes[next++] = shared.nodeHashes[step++]!
      }
    } else {
      if (walk.sn !== 0)
        throw new LedgerError('LEDGER_PROOF_MALFORMED', 'proof is shorter than the path')
      if (!isHash(rootHash) || !equalHashes(walk.r, rootHash)) {
        throw new LedgerError(
          'LEDGER_INCLUSION_PROOF_INVALID',
          'the inclusion proof leads to another root',
        )
      }
    }
    walks.push({ leafIndex, hashes, levels, nodeHashes })
  }
}
