import { IdentityError } from './identity-error.js'

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const BASE58_INDEX = new Map([...BASE58_ALPHABET].map((char, index) => [char, index]))

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

/** Bytes of a base58btc string. Hostile input: unknown characters give `IDENTITY_MALFORMED`. */
export function decodeBase58btc(text: string): Uint8Array {
  let zeros = 0
  while (zeros < text.length && text[zeros] === '1') zeros++
  const bytes: number[] = []
  for (let i = zeros; i < text.length; i++) {
    const value = BASE58_INDEX.get(text[i]!)
    if (value === undefined) throw new IdentityError('IDENTITY_MALFORMED', 'not base58btc')
    let carry = value
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j]! * 58
      bytes[j] = carry & 0xff
      carry >>= 8
    }
    while (carry > 0) {
      bytes.push(carry & 0xff)
      carry >>= 8
    }
  }
  const out = new Uint8Array(zeros + bytes.length)
  for (let i = 0; i < bytes.length; i++) out[out.length - 1 - i] = bytes[i]!
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
