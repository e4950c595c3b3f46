import type { JWK } from 'jose'
import {
  DID_DOCUMENT_CONTEXT,
  jwkOfVerificationMethod,
  type DidDocument,
  type VerificationMethod,
} from './did-document.js'
import { IdentityError } from './identity-error.js'
import { publicJwkOf } from './multikey.js'

/**
 * The did:web of a host and optional path: `did:web:cq.example.org:orgs:acme`. A port is
 * percent-encoded (`host%3A8443`), because `:` separates path segments (did:web spec §3.1).
 */
export function didWebFromUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch (cause) {
    throw new IdentityError('IDENTITY_MALFORMED', `not a URL: ${url}`, { cause })
  }
  const host = parsed.port ? `${parsed.hostname}%3A${parsed.port}` : parsed.hostname
  const segments = parsed.pathname.split('/').filter((segment) => segment.length > 0)
  return ['did:web', host, ...segments.map(encodeURIComponent)].join(':')
}

/** The HTTPS URL of the DID document of a did:web (`/.well-known/did.json` without a path). */
export function didWebToUrl(
  did: string,
  { scheme = 'https' }: { scheme?: 'https' | 'http' } = {},
): string {
  const match = /^did:web:([A-Za-z0-9.-]+(?:%3A\d+)?)((?::[A-Za-z0-9._%-]+)*)$/.exec(did)
  if (!match) throw new IdentityError('IDENTITY_MALFORMED', `not a did:web: ${did}`)
  const host = match[1]!.replace('%3A', ':')
  const path = match[2]!.split(':').filter(Boolean).map(decodeURIComponent)
  if (path.some((segment) => segment === '..' || segment === '.' || segment.includes('/'))) {
    throw new IdentityError('IDENTITY_MALFORMED', `did:web path escapes: ${did}`)
  }
  return path.length === 0
    ? `${scheme}://${host}/.well-known/did.json`
    : `${scheme}://${host}/${path.join('/')}/did.json`
}

/** A key to list in a DID document. */
export interface DidKeyEntry {
  readonly fragment: string
  readonly publicJwk: JWK
  readonly expires?: string
}

/** Builds the DID document of an organisation: one JsonWebKey method per key, all assertion keys. */
export function createDidDocument({
  did,
  keys,
  alsoKnownAs,
}: {
  did: string
  keys: readonly DidKeyEntry[]
  alsoKnownAs?: readonly string[]
}): DidDocument {
  const verificationMethod: VerificationMethod[] = keys.map((key) => ({
    id: `${did}#${key.fragment}`,
    type: 'JsonWebKey',
    controller: did,
    publicKeyJwk: publicJwkOf(key.publicJwk),
    ...(key.expires ? { expires: key.expires } : {}),
  }))
  const ids = verificationMethod.map((method) => method.id)
  return {
    '@context': DID_DOCUMENT_CONTEXT,
    id: did,
    ...(alsoKnownAs ? { alsoKnownAs } : {}),
    verificationMethod,
    assertionMethod: ids,
    authentication: ids.filter((_, index) => !keys[index]!.expires),
  }
}

/**
 * Rotates keys: every current key gets `expires = at` and the new key is added. The old keys stay
 * in the document, so signatures made before `at` keep verifying.
 */
export function rotateDidDocumentKey(
  document: DidDocument,
  { fragment, publicJwk, at }: { fragment: string; publicJwk: JWK; at: string },
): DidDocument {
  if (document.verificationMethod.some((method) => method.id === `${document.id}#${fragment}`)) {
    throw new IdentityError('IDENTITY_MALFORMED', `key ${fragment} already exists`)
  }
  const keys: DidKeyEntry[] = document.verificationMethod.map((method) => ({
    fragment: method.id.slice(method.id.indexOf('#') + 1),
    publicJwk: jwkOfVerificationMethod(method),
    expires: method.expires ?? at,
  }))
  keys.push({ fragment, publicJwk })
  return createDidDocument({
    did: document.id,
    keys,
    ...(document.alsoKnownAs ? { alsoKnownAs: document.alsoKnownAs } : {}),
  })
}
