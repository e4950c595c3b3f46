import type { JWK } from 'jose'
import type { ResolvedKey } from './did-resolver.js'
import { IdentityError } from './identity-error.js'
import type { KeyLookup } from './key-lookup.js'
import { publicJwkOf, verificationAlgorithmOfJwk } from './multikey.js'

/**
 * A {@link KeyLookup} over keys the verifier holds itself: a JWK or a JWK Set (RFC 7517) read from
 * a file, for issuers whose keys are not published as DID documents. The verifier vouches that
 * these are the issuer's keys, so a key found here is reported as controlled by the claimed
 * issuer. A `kid` picks the key whose `kid` equals it or its fragment (`did:…#k1` → `k1`); without
 * a match, a single key is used.
 *
 * @throws IdentityError `IDENTITY_MALFORMED` when `keys` is not a JWK or JWK Set of public keys
 *   Landsea verifies (Ed25519, P-256, P-384, P-521, SM2).
 */
export function createJwkKeyLookup(keys: unknown): KeyLookup {
  const list = isObject(keys) && Array.isArray(keys.keys) ? (keys.keys as unknown[]) : [keys]
  const usable = list.map((jwk, i) => {
    if (!isObject(jwk) || typeof jwk.kty !== 'string')
      throw new IdentityError('IDENTITY_MALFORMED', `key ${i} is not a JWK`)
    const publicJwk = publicJwkOf(jwk as JWK)
    const alg = verificationAlgorithmOfJwk(publicJwk)
    if (!alg) throw new IdentityError('IDENTITY_MALFORMED', `key ${i} is of an unsupported type`)
    return { kid: typeof jwk.kid === 'string' ? jwk.kid : undefined, publicJwk, alg }
  })
  if (usable.length === 0) throw new IdentityError('IDENTITY_MALFORMED', 'the JWK Set is empty')
  return async ({ kid, issuer }): Promise<ResolvedKey> => {
    const fragment = kid?.includes('#') ? kid.slice(kid.indexOf('#') + 1) : undefined
    const found =
      usable.find((k) => k.kid !== undefined && (k.kid === kid || k.kid === fragment)) ??
      (usable.length === 1 ? usable[0] : undefined)
    if (!found) throw new IdentityError('IDENTITY_KEY_NOT_FOUND', `no key ${kid ?? ''} in the set`)
    return {
      id: kid ?? found.kid ?? 'jwk',
      controller: issuer ?? '',
      publicJwk: found.publicJwk,
      alg: found.alg,
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
