import {
  ed25519PublicKeyFromJwk,
  initEd25519Verifier,
  verifyCompactJws,
  verifyEd25519Jws,
} from '@landsea/core/crypto'
import type { VerifyJws } from '@landsea/core/ebl'
import type { JWK } from 'jose'

/**
 * The fastest correct JWS verifier this process has: Ed25519 through libsodium (synchronous, about
 * twice WebCrypto's rate here), everything else (ES256, SM2) through `verifyCompactJws`. Both accept
 * exactly the same signatures; the fast path only skips the async WebCrypto round trip.
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
    return raw ? verifyEd25519Jws(jws, raw) : verifyCompactJws(jws, jwk)
  }
}
