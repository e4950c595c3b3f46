import { p256 } from '@noble/curves/nist.js'
import { base64url, type JWK } from 'jose'
import {
  SM2_JOSE_ALG,
  SM2_JWK_CRV,
  sm2JwkFromPublicKey,
  sm2PublicKeyFromJwk,
  type SigningAlgorithm,
  type VerificationAlgorithm,
} from '../crypto/index.js'
import { IdentityError } from './identity-error.js'
import { decodeMultibase, encodeMultibase } from './multibase.js'

// Multicodec prefixes as unsigned varints: ed25519-pub 0xed, p256-pub 0x1200, and sm2-pub 0x1206
// (a *draft* entry of the multicodec table; decision record 0003).
const ED25519_PREFIX = [0xed, 0x01]
const P256_PREFIX = [0x80, 0x24]
const SM2_PREFIX = [0x86, 0x24]

function withPrefix(prefix: readonly number[], key: Uint8Array): Uint8Array {
  const out = new Uint8Array(prefix.length + key.length)
  out.set(prefix)
  out.set(key, prefix.length)
  return out
}

function hasPrefix(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte)
}

function compressEc(x: Uint8Array, y: Uint8Array): Uint8Array {
  const out = new Uint8Array(33)
  out[0] = (y[31]! & 1) === 1 ? 3 : 2
  out.set(x, 1)
  return out
}

/** The signing algorithm a public JWK is used with, or `undefined` for other keys. */
export function algorithmOfJwk(jwk: JWK): SigningAlgorithm | undefined {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA'
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256'
  if (jwk.kty === 'EC' && jwk.crv === SM2_JWK_CRV) return SM2_JOSE_ALG
  return undefined
}

/**
 * The JWS algorithm a public JWK is verified with: the signing algorithms, and also ES384 (P-384)
 * and ES512 (P-521), which VC-JOSE-COSE allows and other issuers use. Landsea does not sign with them.
 */
export function verificationAlgorithmOfJwk(jwk: JWK): VerificationAlgorithm | undefined {
  if (jwk.kty === 'EC' && jwk.crv === 'P-384') return 'ES384'
  if (jwk.kty === 'EC' && jwk.crv === 'P-521') return 'ES512'
  return algorithmOfJwk(jwk)
}

/** The public members of a JWK (drops `d` and metadata), for documents and thumbprints. */
export function publicJwkOf(jwk: JWK): JWK {
  const { kty, crv, x, y } = jwk
  return { kty, crv, x, ...(y !== undefined ? { y } : {}) } as JWK
}

/** Encodes a public JWK as a Multikey `publicKeyMultibase` (`z6Mk…`, `zDn…`, SM2 draft). */
export function multikeyFromJwk(jwk: JWK): string {
  const alg = algorithmOfJwk(jwk)
  try {
    if (alg === 'EdDSA') {
      const x = base64url.decode(jwk.x ?? '')
      if (x.length !== 32) throw new Error('Ed25519 keys are 32 bytes')
      return encodeMultibase(withPrefix(ED25519_PREFIX, x))
    }
    if (alg === 'ES256') {
      const point = p256.Point.fromBytes(
        withPrefix(
          [4],
          withPrefix([...base64url.decode(jwk.x ?? '')], base64url.decode(jwk.y ?? '')),
        ),
      )
      return encodeMultibase(withPrefix(P256_PREFIX, point.toBytes(true)))
    }
    if (alg === SM2_JOSE_ALG) {
      const point = sm2PublicKeyFromJwk(jwk)
      const compressed = compressEc(point.subarray(1, 33), point.subarray(33))
      return encodeMultibase(withPrefix(SM2_PREFIX, compressed))
    }
  } catch (cause) {
    throw new IdentityError('IDENTITY_MALFORMED', 'the key cannot be encoded as a Multikey', {
      cause,
    })
  }
  throw new IdentityError('IDENTITY_MALFORMED', 'no Multikey encoding for this key type')
}

/** Decodes a Multikey `publicKeyMultibase` into a public JWK. Hostile input is checked. */
export function jwkFromMultikey(multibase: unknown): JWK {
  const bytes = decodeMultibase(multibase)
  try {
    if (hasPrefix(bytes, ED25519_PREFIX) && bytes.length === 34) {
      return { kty: 'OKP', crv: 'Ed25519', x: base64url.encode(bytes.subarray(2)) }
    }
    if (hasPrefix(bytes, P256_PREFIX) && bytes.length === 35) {
      const point = p256.Point.fromBytes(bytes.subarray(2)).toBytes(false)
      return {
        kty: 'EC',
        crv: 'P-256',
        x: base64url.encode(point.subarray(1, 33)),
        y: base64url.encode(point.subarray(33)),
      }
    }
    if (hasPrefix(bytes, SM2_PREFIX) && bytes.length === 35) {
      return sm2JwkFromPublicKey(bytes.subarray(2))
    }
  } catch (cause) {
    throw new IdentityError('IDENTITY_MALFORMED', 'the Multikey is not a valid point', { cause })
  }
  throw new IdentityError('IDENTITY_MALFORMED', 'unsupported Multikey type')
}
