import { IdentityError } from './identity-error.js'

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'

/** Base58 (Bitcoin alphabet) of bytes. */
export function encodeBase58btc(bytes: Uint8Array): string {
  let zeros = 0
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++
  const digits: number[] = []
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i]!
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j]! << 8
      digits[j] = carry % 58
      carry = Math.floor(carry / 58)
    }
    while (carry > 0) {
      digits.push(carry % 58)
      carry = Math.floor(carry / 58)
    }
  }
  let out = '1'.repeat(zeros)
  for (let i = digits.length - 1; i >= 0; i--) out += BASE58_ALPHABET[digits[i]!]
  return out
}

// Digit values by character code, -1 outside the alphabet.
const BASE58_DIGIT = new Int8Array(128).fill(-1)
for (let i = 0; i < 58; i++) BASE58_DIGIT[BASE58_ALPHABET.charCodeAt(i)] = i

/**
 * Bytes of a base58btc string. Hostile input: unknown characters give `IDENTITY_MALFORMED`.
 * Three digits at a time (the number so far × 58³ + their value: every carry stays below 2³¹), into
 * a fixed buffer: a digit adds under one byte, so the bytes never outgrow the digits.
 */
export function decodeBase58btc(text: string): Uint8Array {
  let zeros = 0
  while (zeros < text.length && text.charCodeAt(zeros) === 0x31) zeros++ // '1' is a zero byte
  const bytes = new Uint8Array(text.length - zeros) // little-endian
  let length = 0
  for (let i = zeros; i < text.length;) {
    let carry = 0
    let factor = 1
    for (let k = 0; k < 3 && i < text.length; k++, i++) {
      const code = text.charCodeAt(i)
      const digit = code < 128 ? BASE58_DIGIT[code]! : -1
      if (digit < 0) throw new IdentityError('IDENTITY_MALFORMED', 'not base58btc')
      carry = carry * 58 + digit
      factor *= 58
    }
    for (let j = 0; j < length; j++) {
      carry += bytes[j]! * factor
      bytes[j] = carry & 0xff
      carry >>>= 8
    }
    while (carry > 0) {
      bytes[length++] = carry & 0xff
      carry >>>= 8
    }
  }
  const out = new Uint8Array(zeros + length)
  for (let i = 0; i < length; i++) out[out.length - 1 - i] = bytes[i]!
  return out
}

/** Multibase base58btc (`z` prefix), the form of `proofValue` and `publicKeyMultibase`. */
export function encodeMultibase(bytes: Uint8Array): string {
  return `z${encodeBase58btc(bytes)}`
}

/** Decodes a multibase `z…` string. Other bases are refused as `IDENTITY_MALFORMED`. */
export function decodeMultibase(text: unknown): Uint8Array {
  if (typeof text !== 'string' || !text.startsWith('z') || text.length > 4096) {
    throw new IdentityError('IDENTITY_MALFORMED', 'expected multibase base58btc (z…)')
  }
  return decodeBase58btc(text.slice(1))
}
