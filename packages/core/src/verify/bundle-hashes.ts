import { sha256 as pureSha256, type Sha256 } from '../crypto/sha256.js'
import { createMerkleHashes, equalHashes, type MerkleHashes } from '../ledger/merkle-hash.js'

/** The hashes one bundle verification needs, over one SHA-256 implementation. */
export interface BundleHashes extends MerkleHashes {
  readonly sha256: Sha256
}

const MEMO_LIMIT = 4096
const first32Bits = (h: Uint8Array) => (h[0]! | (h[1]! << 8) | (h[2]! << 16) | (h[3]! << 24)) >>> 0

/**
 * Creates the hashes for one verification. Over the pure-JS SHA-256 (the default, as in browsers)
 * `hashChildren` is memoised by input: the inclusion proofs of a bill's actions to one checkpoint
 * share their upper nodes (the bench's 10 actions, 10^4 leaves apart, hash 162 nodes proof by
 * proof, 137 in the inclusion step's shared walk, 136 distinct; actions closer in the log share
 * more). A hit needs both inputs byte-for-byte equal,
 * so the memo never changes a result. Proof hashes are attacker-controlled: a slot holds one
 * entry (a colliding input is simply hashed) and the memo is bounded. A platform's native
 * SHA-256 hashes 65 bytes faster than the memo looks them up, so it goes without.
 */
export function createBundleHashes(sha256?: Sha256): BundleHashes {
  if (sha256) return { sha256, ...createMerkleHashes(sha256) }
  const { hashLeaf, hashChildren } = createMerkleHashes(pureSha256)
  const memo = new Map<number, { left: Uint8Array; right: Uint8Array; hash: Uint8Array }>()
  return {
    sha256: pureSha256,
    hashLeaf,
    hashChildren: (left, right) => {
      const slot = (first32Bits(left) ^ Math.imul(first32Bits(right), 0x9e3779b1)) >>> 0
      const seen = memo.get(slot)
      if (seen && equalHashes(seen.left, left) && equalHashes(seen.right, right)) return seen.hash
      const hash = hashChildren(left, right)
      if (!seen && memo.size < MEMO_LIMIT) memo.set(slot, { left, right, hash })
      return hash
    },
  }
}
