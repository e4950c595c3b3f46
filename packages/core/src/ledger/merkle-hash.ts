import { sha256 } from '@noble/hashes/sha2.js'

const LEAF_PREFIX = new Uint8Array([0x00])
const NODE_PREFIX = new Uint8Array([0x01])

/** Length in bytes of every hash in the log (SHA-256). */
export const HASH_SIZE = 32

/** MTH({}) of RFC 9162 §2.1.1: the root hash of the empty tree, SHA-256 of no bytes. */
export const EMPTY_ROOT_HASH: Uint8Array = sha256(new Uint8Array(0))

/**
 * The leaf hash of RFC 9162 §2.1.1, `SHA-256(0x00 || data)`. The 0x00 prefix separates leaves
 * from interior nodes so a leaf can never be passed off as a node (second-preimage attack).
 */
export function hashLeaf(data: Uint8Array): Uint8Array {
  return sha256.create().update(LEAF_PREFIX).update(data).digest()
}

// One buffer for every interior node: proofs hash tens of nodes per leaf, and a one-shot hash
// of 65 bytes is about twice as fast as an incremental one. JavaScript runs this synchronously,
// so no call can observe another's contents.
const nodeInput = new Uint8Array(1 + 2 * HASH_SIZE)
nodeInput[0] = 0x01

/** The interior node hash of RFC 9162 §2.1.1, `SHA-256(0x01 || left || right)`. */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    return sha256.create().update(NODE_PREFIX).update(left).update(right).digest()
  }
  nodeInput.set(left, 1)
  nodeInput.set(right, 1 + HASH_SIZE)
  return sha256(nodeInput)
}

/** Whether two hashes are byte-for-byte equal. */
export function equalHashes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

/** Whether a value is a 32-byte hash. Proof elements are attacker-controlled; check each one. */
export function isHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === HASH_SIZE
}
