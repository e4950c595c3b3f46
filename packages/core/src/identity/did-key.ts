import type { JWK } from 'jose'
import { DID_DOCUMENT_CONTEXT, type DidDocument } from './did-document.js'
import { IdentityError } from './identity-error.js'
import { jwkFromMultikey, multikeyFromJwk } from './multikey.js'

/** The `did:key` of a public key (Ed25519, P-256, or SM2 with the draft multicodec). */
export function didKeyFromJwk(jwk: JWK): string {
  return `did:key:${multikeyFromJwk(jwk)}`
}

/**
 * Resolves a `did:key` locally (no network): one Multikey verification method, usable for
 * assertion and authentication.
 */
export function resolveDidKey(did: string): DidDocument {
  const multibase = did.startsWith('did:key:') ? did.slice('did:key:'.length) : ''
  try {
    jwkFromMultikey(multibase)
  } catch (cause) {
    throw new IdentityError('IDENTITY_DID_UNRESOLVABLE', `${did} is not a supported did:key`, {
      cause,
    })
  }
  const id = `${did}#${multibase}`
  return {
    '@context': DID_DOCUMENT_CONTEXT,
    id: did,
    verificationMethod: [{ id, type: 'Multikey', controller: did, publicKeyMultibase: multibase }],
    assertionMethod: [id],
    authentication: [id],
  }
}
