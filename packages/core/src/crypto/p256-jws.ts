import type { JWK } from 'jose'
import { fromBase64Url } from './base64.js'
import { CryptoError } from './crypto-error.js'
import { checkJwsHeader } from './ed25519-jws.js'

/**
 * A platform's synchronous ECDSA P-256 / SHA-256 verifier: `signature` is the 64-byte r ‖ s of
 * JWS (RFC 7518 §3.4), `publicJwk` an EC P-256 key. In Node: `crypto.verify` with a cached key
 * object (`nodeP256Verify`), which skips WebCrypto's thread-pool round trip.
 */
export type P256Verify = (signature: Uint8Array, message: Uint8Array, publicJwk: JWK) => boolean

const encoder = new TextEncoder()

/**
 * Verifies an `ES256` compact JWS with a platform's P-256 verifier and returns its payload: the
 * same JWSs `verifyCompactJws` accepts for ES256 (header checks, canonical base64url, a 64-byte
 * signature), synchronously.
 *
 * @throws CryptoError `CRYPTO_JWS_MALFORMED`, `CRYPTO_ALG_NOT_ALLOWED`, `CRYPTO_KEY_INVALID` or
 * `CRYPTO_JWS_INVALID`.
 */
export function verifyP256Jws(jws: string, publicJwk: JWK, verify: P256Verify): Uint8Array {
  const parts = jws.split('.')
  if (parts.length !== 3) throw new CryptoError('CRYPTO_JWS_MALFORMED', 'a compact JWS has 3 parts')
  checkJwsHeader(parts[0]!, 'ES256')
  const payload = fromBase64Url(parts[1]!)
  const signature = fromBase64Url(parts[2]!)
  if (!payload || !signature) {
    throw new CryptoError('CRYPTO_JWS_MALFORMED', 'a JWS part is not canonical base64url')
  }
  if (publicJwk.kty !== 'EC' || publicJwk.crv !== 'P-256') {
    throw new CryptoError('CRYPTO_KEY_INVALID', 'ES256 needs an EC P-256 key')
  }
  let valid = false
  try {
    valid =
      signature.length === 64 &&
      verify(signature, encoder.encode(`${parts[0]}.${parts[1]}`), publicJwk)
  } catch {
    valid = false
  }
  if (!valid) throw new CryptoError('CRYPTO_JWS_INVALID', 'signature verification failed')
  return payload
}
