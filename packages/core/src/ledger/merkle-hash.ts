import { sha256 } from '@noble/hashes/sha2.js'
import type { Sha256 } from '../crypto/sha256.js'

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

/** The two hash functions of RFC 9162 §2.1.1. */
export interface MerkleHashes {
  readonly hashLeaf: (data: Uint8Array) => Uint8Array
  readonly hashChildren: (left: Uint8Array, right: Uint8Array) => Uint8Array
}

/**
 * {@link hashLeaf} and {@link hashChildren} over another SHA-256 implementation, such as a
 * platform's native one (about twice as fast as the pure-JS one on 65 bytes in Node).
 */
export function createMerkleHashes(sha256: Sha256): MerkleHashes {
  const node = new Uint8Array(1 + 2 * HASH_SIZE)
  node[0] = 0x01
  return {
    hashLeaf: (data) => {
      const input = new Uint8Array(1 + data.length)
      input.set(data, 1)
      return sha256(input)
    },
    hashChildren: (left, right) => {
      if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
        const input = new Uint8Array(1 + left.length + right.length)
        input[0] = 0x01
        input.set(left, 1)
        input.set(right, 1 + left.length)
        return sha256(input)
      }
      node.set(left, 1)
      node.set(right, 1 + HASH_SIZE)
      return sha256(node)
    },
  }
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
