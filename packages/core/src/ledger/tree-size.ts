import { LedgerError } from './ledger-error.js'

// Sizes and indices arrive from checkpoints, proofs and URLs: attacker-controlled. JavaScript
// numbers are exact up to 2^53 - 1, far beyond any log we run, so larger values are refused rather
// than rounded. Bit operators would truncate to 32 bits, so tree arithmetic uses / and %.

/** Throws `LEDGER_SIZE_INVALID` unless the value is a non-negative safe integer. */
export function assertTreeSize(value: unknown, name = 'tree size'): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new LedgerError('LEDGER_SIZE_INVALID', `${name} must be a non-negative integer`)
  }
}

/** The largest power of two strictly smaller than `n` (n ≥ 2), the split point `k` of RFC 9162 §2.1.1. */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

/** Whether `n` is an exact power of two (1, 2, 4, …). */
export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false
  while (n % 2 === 0) n /= 2
  return n === 1
}
