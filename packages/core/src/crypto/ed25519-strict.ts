import { ED25519_TORSION_SUBGROUP } from '@noble/curves/ed25519.js'
import type { Ed25519Verify } from './ed25519.js'

// libsodium's crypto_sign_verify_detached, which verifyEd25519 uses, refuses more than RFC 8032
// asks: a non-canonical S (S >= L), a public key A that is non-canonical (y >= p) or of small
// order, and an R of small order. OpenSSL (node:crypto) checks S < L and the same cofactorless
// equation, but accepts small-order keys: with A and R of small order and S = 0, a "signature"
// verifies for every message. These checks close that gap, so that a platform verifier wrapped
// by createStrictEd25519Verifier accepts exactly what libsodium accepts.

const hex = (s: string) => Uint8Array.from(s.match(/../g)!, (b) => parseInt(b, 16))

/** L = 2^252 + 27742317777372353535851937790883648493, little-endian (RFC 8032 §5.1). */
const ORDER = hex('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010')

// The eight points of small order, plus p and p + 1: the only non-canonical encodings of a
// small-order y that fit in 255 bits. Compared with the sign bit cleared.
const SMALL_ORDER_POINTS = [
  ...ED25519_TORSION_SUBGROUP,
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
].map(hex)

/** Whether the 32 bytes at `offset` are a little-endian integer below L. */
function isCanonicalScalar(bytes: Uint8Array, offset: number): boolean {
  for (let i = 31; i >= 0; i--) {
    const b = bytes[offset + i]!
    if (b !== ORDER[i]) return b < ORDER[i]!
  }
  return false
}

/** Whether a point encoding has y >= p = 2^255 - 19 (RFC 8032 §5.1.3 rejects it). */
function isNonCanonicalPoint(bytes: Uint8Array, offset: number): boolean {
  if ((bytes[offset + 31]! & 0x7f) !== 0x7f || bytes[offset]! < 0xed) return false
  for (let i = 1; i < 31; i++) if (bytes[offset + i] !== 0xff) return false
  return true
}

/** Whether a point encoding is one of a small-order point, whatever its sign bit. */
function hasSmallOrder(bytes: Uint8Array, offset: number): boolean {
  return SMALL_ORDER_POINTS.some((point) => {
    for (let i = 0; i < 31; i++) if (bytes[offset + i] !== point[i]) return false
    return (bytes[offset + 31]! & 0x7f) === (point[31]! & 0x7f)
  })
}

/**
 * Whether a signature and public key pass libsodium's encoding checks: S below the group order,
 * R and A not of small order, A canonical. (A non-canonical R never verifies: R is compared
 * byte-for-byte with a canonical encoding.)
 */
export function hasStrictEd25519Encoding(signature: Uint8Array, publicKey: Uint8Array): boolean {
  return (
    signature.length === 64 &&
    publicKey.length === 32 &&
    isCanonicalScalar(signature, 32) &&
    !hasSmallOrder(signature, 0) &&
    !isNonCanonicalPoint(publicKey, 0) &&
    !hasSmallOrder(publicKey, 0)
  )
}

/**
 * Wraps a platform's RFC 8032 verifier (one that checks S < L and the cofactorless equation, as
 * OpenSSL does) so that it accepts exactly what {@link verifyEd25519} accepts: encodings are
 * checked first by {@link hasStrictEd25519Encoding}, and a throwing verifier reads as `false`.
 *
 * @example
 * // In Node, with a cache of KeyObjects by public key:
 * createStrictEd25519Verifier((sig, msg, key) => crypto.verify(null, msg, keyObjectOf(key), sig))
 */
export function createStrictEd25519Verifier(verifyCofactorless: Ed25519Verify): Ed25519Verify {
  return (signature, message, publicKey) => {
    if (!hasStrictEd25519Encoding(signature, publicKey)) return false
    try {
      return verifyCofactorless(signature, message, publicKey) === true
    } catch {
      return false
    }
  }
}
