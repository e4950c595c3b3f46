import { LedgerError } from './ledger-error.js'
import { equalHashes, hashChildren, isHash } from './merkle-hash.js'
import { assertTreeSize, isPowerOfTwo } from './tree-size.js'

/** A consistency proof (RFC 9162 §2.1.4): the tree of `size1` leaves is a prefix of `size2`. */
export interface ConsistencyProof {
  readonly size1: number
  readonly size2: number
  readonly hashes: readonly Uint8Array[]
}

function invalid(message: string): LedgerError {
  return new LedgerError('LEDGER_CONSISTENCY_PROOF_INVALID', message)
}

/**
 * Checks that the tree with `rootHash1` at `size1` is a prefix of the tree with `rootHash2` at
 * `size2`, by the algorithm of RFC 9162 §2.1.4.2. This is what stops a log from rewriting history
 * (a fork); every argument is attacker-controlled and checked before use.
 *
 * @throws LedgerError `LEDGER_CONSISTENCY_PROOF_INVALID`, `LEDGER_SIZE_INVALID`, `LEDGER_PROOF_MALFORMED`.
 */
export function verifyConsistencyProof(
  proof: ConsistencyProof,
  rootHash1: Uint8Array,
  rootHash2: Uint8Array,
): void {
  const { size1, size2, hashes } = proof
  assertTreeSize(size1, 'old size')
  assertTreeSize(size2, 'new size')
  if (!isHash(rootHash1) || !isHash(rootHash2)) {
    throw new LedgerError('LEDGER_PROOF_MALFORMED', 'root hashes must be 32 bytes')
  }
  if (!Array.isArray(hashes) || hashes.length > 64 || !hashes.every(isHash)) {
    throw new LedgerError('LEDGER_PROOF_MALFORMED', 'proof must be at most 64 hashes of 32 bytes')
  }
  if (size1 > size2) throw invalid(`old size ${size1} exceeds new size ${size2}`)
  if (size1 === size2) {
    if (hashes.length > 0) throw invalid('trees of the same size need an empty proof')
    if (!equalHashes(rootHash1, rootHash2))
      throw invalid('same size, different root hashes: a fork')
    return
  }
  if (size1 === 0) {
    // The empty tree is a prefix of every tree; RFC 9162 defines no proof for it.
    if (hashes.length > 0) throw invalid('a proof from the empty tree must be empty')
    return
  }
  if (hashes.length === 0) throw invalid('the proof is empty')

  const path = isPowerOfTwo(size1) ? [rootHash1, ...hashes] : [...hashes]
  let fn = size1 - 1
  let sn = size2 - 1
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  let fr = path[0]!
  let sr = path[0]!
  for (const c of path.slice(1)) {
    if (sn === 0) throw invalid('the proof is longer than the path')
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr)
      sr = hashChildren(c, sr)
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2
          sn = Math.floor(sn / 2)
        }
      }
    } else {
      sr = hashChildren(sr, c)
    }
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  if (sn !== 0) throw invalid('the proof is shorter than the path')
  if (!equalHashes(fr, rootHash1)) throw invalid('the proof does not lead to the old root')
  if (!equalHashes(sr, rootHash2)) throw invalid('the proof does not lead to the new root')
}
