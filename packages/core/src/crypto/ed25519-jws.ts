import type { JWK } from 'jose'
import { fromBase64Url } from './base64.js'
import { CryptoError } from './crypto-error.js'
import { verifyEd25519, type Ed25519Verify } from './ed25519.js'

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

/**
 * The raw 32-byte public key of an Ed25519 JWK (`kty: OKP`, `crv: Ed25519`), or `undefined` when
 * the JWK is anything else. Input is untrusted; this never throws.
 */
export function ed25519PublicKeyFromJwk(jwk: JWK | undefined): Uint8Array | undefined {
  if (!jwk || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') return
  const x = fromBase64Url(jwk.x)
  return x?.length === 32 ? x : undefined
}

/**
 * Verifies an `EdDSA` compact JWS (RFC 7515 §7.1, RFC 8037) synchronously with the fast Ed25519
 * verifier and returns its payload bytes. It accepts exactly what {@link verifyCompactJws} accepts
 * for EdDSA, but decodes base64url strictly so that no changed character verifies.
 *
 * @throws CryptoError `CRYPTO_JWS_MALFORMED`, `CRYPTO_ALG_NOT_ALLOWED` or `CRYPTO_JWS_INVALID`.
 */
export function verifyEd25519Jws(
  jws: string,
  publicKey: Uint8Array,
  verify: Ed25519Verify = verifyEd25519,
): Uint8Array {
  const parts = jws.split('.')
  if (parts.length !== 3) throw new CryptoError('CRYPTO_JWS_MALFORMED', 'a compact JWS has 3 parts')
  const payload = fromBase64Url(parts[1]!)
  if (!payload)
    throw new CryptoError('CRYPTO_JWS_MALFORMED', 'a JWS part is not canonical base64url')
  verifyEd25519JwsSignature(jws, publicKey, verify)
  return payload
}

/** The header checks of a JWS verified outside jose (EdDSA, ES256 natively); throws CryptoError. */
export function checkJwsHeader(encodedHeader: string, expectedAlg: string): void {
  const headerBytes = fromBase64Url(encodedHeader)
  if (!headerBytes) {
    throw new CryptoError('CRYPTO_JWS_MALFORMED', 'a JWS part is not canonical base64url')
  }
  let header: unknown
  try {
    header = JSON.parse(decoder.decode(headerBytes))
  } catch (cause) {
    throw new CryptoError('CRYPTO_JWS_MALFORMED', 'the JWS header is not JSON', { cause })
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new CryptoError('CRYPTO_JWS_MALFORMED', 'the JWS header is not an object')
  }
  const { alg, crit, b64 } = header as { alg?: unknown; crit?: unknown; b64?: unknown }
  if (alg !== expectedAlg)
    throw new CryptoError('CRYPTO_ALG_NOT_ALLOWED', `algorithm ${String(alg)}`)
  // RFC 7515 §4.1.11: we understand no critical extensions, RFC 7797 unencoded payloads included.
  if (crit !== undefined || b64 !== undefined) {
    throw new CryptoError('CRYPTO_JWS_MALFORMED', 'critical header parameters are not supported')
  }
}

/**
 * Creates a {@link verifyEd25519JwsSignature} for one batch of JWSs, such as a bundle's actions,
 * with `verify` as its Ed25519 verifier. A signer's JWSs share one protected header, and the
 * header checks depend on its text alone: each distinct header is decoded and checked once.
 */
export function createEd25519JwsVerifier(
  verify: Ed25519Verify = verifyEd25519,
): (jws: string, publicKey: Uint8Array, jwsBytes?: Uint8Array) => void {
  const checkedHeaders = new Set<string>()
  // `jwsBytes`, when given, are the UTF-8 bytes of `jws`, encoded once by a caller that hashes
  // them too: where each character is one byte (as many bytes as characters), the signing input
  // is their first bytes, up to the last dot.
  return (jws, publicKey, jwsBytes) => {
    const first = jws.indexOf('.')
    const last = jws.lastIndexOf('.')
    if (first < 0 || last === first || jws.indexOf('.', first + 1) !== last) {
      throw new CryptoError('CRYPTO_JWS_MALFORMED', 'a compact JWS has 3 parts')
    }
    const encodedHeader = jws.slice(0, first)
    if (!checkedHeaders.has(encodedHeader)) {
      checkJwsHeader(encodedHeader, 'EdDSA')
      checkedHeaders.add(encodedHeader)
    }
    const signature = fromBase64Url(jws.slice(last + 1))
    if (!signature) {
      throw new CryptoError('CRYPTO_JWS_MALFORMED', 'a JWS part is not canonical base64url')
    }
    const signingInput =
      jwsBytes?.length === jws.length
        ? jwsBytes.subarray(0, last)
        : encoder.encode(jws.slice(0, last))
    if (!verify(signature, signingInput, publicKey)) {
      throw new CryptoError('CRYPTO_JWS_INVALID', 'signature verification failed')
    }
  }
}

/**
 * {@link verifyEd25519Jws} for a caller that has already decoded the payload strictly itself (as
 * `parseActionEntry` does): checks the header and the signature without decoding the payload
 * again. The signature covers the payload's characters, so none can change unnoticed. `verify`
 * replaces {@link verifyEd25519}, e.g. with a platform's (see `createStrictEd25519Verifier`).
 *
 * @throws CryptoError `CRYPTO_JWS_MALFORMED`, `CRYPTO_ALG_NOT_ALLOWED` or `CRYPTO_JWS_INVALID`.
 */
export function verifyEd25519JwsSignature(
  jws: string,
  publicKey: Uint8Array,
  verify: Ed25519Verify = verifyEd25519,
): void {
  createEd25519JwsVerifier(verify)(jws, publicKey)
}
