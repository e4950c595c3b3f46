import { createPrivateKey, sign, type KeyObject } from 'node:crypto'
import {
  ed25519PublicKeyFromJwk,
  initEd25519Verifier,
  signCompactJws,
  verifyCompactJws,
  verifyEd25519Jws,
  type SigningKeyPair,
} from '@landsea/core/crypto'
import type { VerifyPintJws } from '@landsea/core/pint'
import type { JWK } from 'jose'
import { nodeEd25519Verify } from './node-ed25519.js'

/**
 * The fastest correct JWS verifier this process has: Ed25519 through native libsodium
 * (`nodeEd25519Verify`, synchronous), everything else (ES256, SM2) through `verifyCompactJws`. Both
 * accept exactly the same signatures; the fast path only skips the async WebCrypto round trip.
 */
export async function createFastJwsVerifier(): Promise<VerifyPintJws> {
  await initEd25519Verifier()
  const rawKeys = new WeakMap<JWK, Uint8Array | null>()
  return (jws, jwk) => {
    let raw = rawKeys.get(jwk)
    if (raw === undefined) {
      raw = ed25519PublicKeyFromJwk(jwk) ?? null
      rawKeys.set(jwk, raw)
    }
    return raw ? verifyEd25519Jws(jws, raw, nodeEd25519Verify) : verifyCompactJws(jws, jwk)
  }
}

// A key imported into OpenSSL, by the private JWK object it came from (as core's `importKey` keeps
// WebCrypto's): a platform signs with the same key object for its life.
const privateKeys = new WeakMap<JWK, KeyObject>()

/**
 * Signs bytes as a compact JWS like core's `signCompactJws` (header `alg`, then `kid`), an EdDSA key
 * through OpenSSL synchronously rather than WebCrypto's thread pool. Ed25519 is deterministic
 * (RFC 8032 §5.1.6), so the JWS is byte for byte the one `signCompactJws` makes; any other
 * algorithm goes to `signCompactJws`.
 */
export function fastSignJws(payload: Uint8Array, key: SigningKeyPair): string | Promise<string> {
  const { privateJwk, alg, kid } = key
  if (alg !== 'EdDSA' || privateJwk.kty !== 'OKP' || privateJwk.crv !== 'Ed25519')
    return signCompactJws({ payload, privateJwk, alg, ...(kid ? { kid } : {}) })
  let keyObject = privateKeys.get(privateJwk)
  if (!keyObject) {
    keyObject = createPrivateKey({ key: privateJwk, format: 'jwk' })
    privateKeys.set(privateJwk, keyObject)
  }
  const header = { alg, ...(kid ? { kid } : {}) }
  const signingInput = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(
    payload.buffer,
    payload.byteOffset,
    payload.length,
  ).toString('base64url')}`
  const signature = sign(null, Buffer.from(signingInput), keyObject)
  return `${signingInput}.${signature.toString('base64url')}`
}
