import { type JwsHeader } from '../crypto/index.js'
import type { DidResolver, ResolvedKey } from './did-resolver.js'
import { IdentityError } from './identity-error.js'

/** Finds the key that should have signed something, from the JWS `kid` and the claimed issuer. */
export type KeyLookup = (request: {
  readonly kid?: string
  readonly issuer?: string
  readonly header?: JwsHeader
  readonly relationship?: 'assertionMethod' | 'authentication'
}) => Promise<ResolvedKey>

/**
 * A {@link KeyLookup} over a DID resolver: `kid` is a DID URL (`did:web:…#key-1`), or a bare
 * fragment (`#key-1`) relative to the issuer's DID.
 */
export function createKeyLookup(resolver: DidResolver): KeyLookup {
  return async ({ kid, issuer, relationship = 'assertionMethod' }) => {
    let didUrl = kid
    if (kid?.startsWith('#') && issuer) didUrl = `${issuer}${kid}`
    if (!didUrl?.startsWith('did:')) {
      throw new IdentityError('IDENTITY_KEY_NOT_FOUND', 'kid must be a DID URL of the issuer')
    }
    return resolver.resolveKey(didUrl, { relationship })
  }
}
