import type { JWK } from 'jose'
import { IdentityError } from './identity-error.js'
import { jwkFromMultikey } from './multikey.js'
import { isStringArray } from './json-guards.js'

/** A verification method of a DID document (DID Core §5.2), as JsonWebKey or Multikey. */
export interface VerificationMethod {
  readonly id: string
  readonly type: 'JsonWebKey' | 'Multikey'
  readonly controller: string
  readonly publicKeyJwk?: JWK
  readonly publicKeyMultibase?: string
  /**
   * Set on a rotated key (security vocabulary `expires`): signatures made before this instant
   * still verify, later ones do not.
   */
  readonly expires?: string
}

/** The DID document members Landsea reads and writes (DID Core §5). */
export interface DidDocument {
  readonly '@context': readonly string[]
  readonly id: string
  readonly alsoKnownAs?: readonly string[]
  readonly verificationMethod: readonly VerificationMethod[]
  readonly assertionMethod: readonly string[]
  readonly authentication: readonly string[]
}

/** The `@context` of the DID documents Landsea emits. */
export const DID_DOCUMENT_CONTEXT: readonly string[] = [
  'https://www.w3.org/ns/did/v1',
  'https://w3id.org/security/jwk/v1',
  'https://w3id.org/security/multikey/v1',
]

/** Whether a value is a DID (`did:method:…`, DID Core §3.1, loosely). */
export function isDid(value: unknown): value is string {
  return typeof value === 'string' && /^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$/.test(value)
}

/** The public JWK of a verification method, whichever way it is expressed. */
export function jwkOfVerificationMethod(method: VerificationMethod): JWK {
  if (method.publicKeyJwk) {
    if ('d' in method.publicKeyJwk) {
      throw new IdentityError('IDENTITY_MALFORMED', `${method.id} publishes a private key`)
    }
    return method.publicKeyJwk
  }
  if (method.publicKeyMultibase) return jwkFromMultikey(method.publicKeyMultibase)
  throw new IdentityError('IDENTITY_MALFORMED', `${method.id} has no public key`)
}

/**
 * Checks the shape of a DID document fetched from elsewhere (hostile input) and that it is the
 * document of `did` (a server must not answer for another DID).
 */
export function parseDidDocument(value: unknown, did: string): DidDocument {
  const fail = (message: string): never => {
    throw new IdentityError('IDENTITY_DID_UNRESOLVABLE', `${did}: ${message}`)
  }
  if (typeof value !== 'object' || value === null) return fail('document is not an object')
  const doc = value as Record<string, unknown>
  if (doc.id !== did) return fail('document id does not match the DID')
  const methods = doc.verificationMethod ?? []
  if (!Array.isArray(methods)) return fail('verificationMethod is not a list')
  for (const method of methods as unknown[]) {
    const m = method as Record<string, unknown> | null
    if (
      typeof m !== 'object' ||
      m === null ||
      typeof m.id !== 'string' ||
      typeof m.controller !== 'string' ||
      (m.type !== 'JsonWebKey' && m.type !== 'Multikey') ||
      (m.expires !== undefined && typeof m.expires !== 'string')
    ) {
      return fail('a verification method is malformed')
    }
  }
  const assertionMethod = doc.assertionMethod ?? []
  const authentication = doc.authentication ?? []
  if (!isStringArray(assertionMethod) || !isStringArray(authentication)) {
    return fail('only verification method references are supported in relationships')
  }
  const context = doc['@context']
  return {
    '@context': isStringArray(context) ? context : [...DID_DOCUMENT_CONTEXT],
    id: did,
    ...(isStringArray(doc.alsoKnownAs) ? { alsoKnownAs: doc.alsoKnownAs } : {}),
    verificationMethod: methods as VerificationMethod[],
    assertionMethod,
    authentication,
  }
}
