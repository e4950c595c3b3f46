import type { JWK } from 'jose'
import { verifyCompactJws, readJwsHeader } from './compact-jws.js'
import { CryptoError } from './crypto-error.js'
import { ed25519PublicKeyFromJwk, verifyEd25519Jws } from './ed25519-jws.js'
import type { Ed25519Verify } from './ed25519.js'
import { SIGNING_ALGORITHMS } from './signing-key.js'

/** The contract of {@link verifyCompactJws}: the payload of a JWS that verifies, else a throw. */
export type VerifyCompactJws = (
  jws: string,
  publicJwk: JWK,
  options?: { readonly algorithms?: readonly string[] },
) => Promise<Uint8Array>

/** A {@link VerifyCompactJws} that checks each distinct JWS once and counts what it checked. */
export interface JwsVerifierSession {
  readonly verify: VerifyCompactJws
  /** Signatures that verified, by algorithm (a repeated JWS and key counts once). */
  readonly checked: ReadonlyMap<string, number>
}

/**
 * Creates a verifier for one verification (such as one bundle's identity evidence, where the same
 * trust list is shown for every signer): a JWS and key it has seen get the answer it computed
 * then, which cannot differ as verification is deterministic. `algorithms` are the suites this
 * verifier requires (a Chinese verifier may require SM2SM3, one abroad leave it out); a JWS in
 * another fails with `CRYPTO_ALG_NOT_ALLOWED`. `ed25519` is a platform's Ed25519 verifier.
 */
export function createJwsVerifierSession({
  algorithms = SIGNING_ALGORITHMS,
  ed25519,
}: { algorithms?: readonly string[]; ed25519?: Ed25519Verify } = {}): JwsVerifierSession {
  const answers = new Map<string, Promise<Uint8Array>>()
  const checked = new Map<string, number>()
  const check = async (jws: string, jwk: JWK, allowed: readonly string[]) => {
    const { alg } = readJwsHeader(jws)
    if (!allowed.includes(alg) || !algorithms.includes(alg)) {
      throw new CryptoError('CRYPTO_ALG_NOT_ALLOWED', `algorithm ${alg} is not allowed`)
    }
    const raw = alg === 'EdDSA' && ed25519 ? ed25519PublicKeyFromJwk(jwk) : undefined
    const payload = raw
      ? verifyEd25519Jws(jws, raw, ed25519)
      : await verifyCompactJws(jws, jwk, { algorithms })
    checked.set(alg, (checked.get(alg) ?? 0) + 1)
    return payload
  }
  const verify: VerifyCompactJws = (
    jws,
    jwk,
    { algorithms: allowed = SIGNING_ALGORITHMS } = {},
  ) => {
    const key = `${jws}\n${jwk.kty}|${jwk.crv}|${jwk.x}|${jwk.y}\n${allowed.join()}`
    let answer = answers.get(key)
    if (!answer) {
      answer = check(jws, jwk, allowed)
      answers.set(key, answer)
    }
    return answer
  }
  return { verify, checked }
}
