import {
  ed25519PublicKeyFromJwk,
  initEd25519Verifier,
  verifyCompactJws,
  verifyEd25519Jws,
} from '@landsea/core/crypto'
import type { VerifyJws } from '@landsea/core/ebl'
import type { JWK } from 'jose'
import { nodeEd25519Verify } from './node-ed25519.js'

/**
 * The fastest correct JWS verifier this process has: Ed25519 through native libsodium
 * (`nodeEd25519Verify`, synchronous), everything else (ES256, SM2) through `verifyCompactJws`. Both
 * accept exactly the same signatures; the fast path only skips the async WebCrypto round trip.
 */
export async function createFastJwsVerifier(): Promise<VerifyJws> {
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
