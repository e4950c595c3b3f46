import type { JWK } from 'jose'
import type { VerificationAlgorithm } from '../crypto/index.js'
import {
  jwkOfVerificationMethod,
  parseDidDocument,
  type DidDocument,
  type VerificationMethod,
} from './did-document.js'
import { resolveDidKey } from './did-key.js'
import { didWebToUrl } from './did-web.js'
import { IdentityError } from './identity-error.js'
import { verificationAlgorithmOfJwk } from './multikey.js'

/** A DID document remembered by a resolver, with when it was fetched. */
export interface CachedDidDocument {
  readonly document: DidDocument
  readonly fetchedAt: string
}

/** Where a resolver keeps documents: memory by default, the node's database in the server. */
export interface DidDocumentCache {
  get(did: string): CachedDidDocument | undefined | Promise<CachedDidDocument | undefined>
  set(did: string, entry: CachedDidDocument): void | Promise<void>
}

/** Fetches the JSON at a did:web document URL. The only network access, supplied by the caller. */
export type FetchDidDocument = (url: string) => Promise<unknown>

/** A verification key found through a DID URL. */
export interface ResolvedKey {
  readonly id: string
  readonly controller: string
  readonly publicJwk: JWK
  readonly alg: VerificationAlgorithm
  readonly expires?: string
}

/** Resolves DIDs (did:key locally, did:web through the cache and then the network). */
export interface DidResolver {
  resolve(did: string): Promise<DidDocument>
  /** The key of a DID URL `did#fragment` listed for `relationship` (default assertionMethod). */
  resolveKey(
    didUrl: string,
    options?: { relationship?: 'assertionMethod' | 'authentication' },
  ): Promise<ResolvedKey>
}

/** An in-memory {@link DidDocumentCache}. */
export function createMemoryDidCache(
  entries: Iterable<readonly [string, CachedDidDocument]> = [],
): DidDocumentCache {
  const map = new Map(entries)
  return { get: (did) => map.get(did), set: (did, entry) => void map.set(did, entry) }
}

/** The key of `didUrl` in a document, or an `IDENTITY_KEY_NOT_FOUND` error. */
export function findVerificationKey(
  document: DidDocument,
  didUrl: string,
  relationship: 'assertionMethod' | 'authentication' = 'assertionMethod',
): ResolvedKey {
  const method: VerificationMethod | undefined = document.verificationMethod.find(
    (candidate) => candidate.id === didUrl,
  )
  if (!method || !document[relationship].includes(didUrl)) {
    throw new IdentityError('IDENTITY_KEY_NOT_FOUND', `${didUrl} is not an ${relationship} key`)
  }
  const publicJwk = jwkOfVerificationMethod(method)
  const alg = verificationAlgorithmOfJwk(publicJwk)
  if (!alg) throw new IdentityError('IDENTITY_ALG_NOT_ALLOWED', `${didUrl} has an unsupported key`)
  return {
    id: method.id,
    controller: method.controller,
    publicJwk,
    alg,
    ...(method.expires ? { expires: method.expires } : {}),
  }
}

/**
 * Creates a DID resolver with an offline cache: a cached did:web document younger than
 * `maxAgeSeconds` is used without the network; an older one is refreshed, and kept in use when the
 * network fails. Without `fetchDocument`, the resolver is fully offline.
 */
export function createDidResolver({
  cache = createMemoryDidCache(),
  fetchDocument,
  maxAgeSeconds = 3600,
  now = () => new Date(),
  scheme = 'https',
}: {
  cache?: DidDocumentCache
  fetchDocument?: FetchDidDocument
  maxAgeSeconds?: number
  now?: () => Date
  scheme?: 'https' | 'http'
} = {}): DidResolver {
  async function resolve(did: string): Promise<DidDocument> {
    if (did.startsWith('did:key:')) return resolveDidKey(did)
    if (!did.startsWith('did:web:')) {
      throw new IdentityError('IDENTITY_DID_UNRESOLVABLE', `unsupported DID method: ${did}`)
    }
    const cached = await cache.get(did)
    const ageSeconds = cached ? (now().getTime() - Date.parse(cached.fetchedAt)) / 1000 : Infinity
    if (cached && ageSeconds <= maxAgeSeconds) return cached.document
    if (fetchDocument) {
      try {
        const document = parseDidDocument(await fetchDocument(didWebToUrl(did, { scheme })), did)
        await cache.set(did, { document, fetchedAt: now().toISOString() })
        return document
      } catch (cause) {
        if (cached) return cached.document
        throw new IdentityError('IDENTITY_DID_UNRESOLVABLE', `cannot resolve ${did}`, { cause })
      }
    }
    if (cached) return cached.document
    throw new IdentityError('IDENTITY_DID_UNRESOLVABLE', `${did} is not in the offline cache`)
  }

  return {
    resolve,
    async resolveKey(didUrl, { relationship = 'assertionMethod' } = {}) {
      const hash = didUrl.indexOf('#')
      if (hash < 0) throw new IdentityError('IDENTITY_KEY_NOT_FOUND', `${didUrl} has no fragment`)
      return findVerificationKey(await resolve(didUrl.slice(0, hash)), didUrl, relationship)
    },
  }
}
