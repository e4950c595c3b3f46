import type { JWK } from 'jose'
import {
  canonicalJsonBytes,
  primaryCompactOf,
  readJwsHeader,
  signJwsText,
  verifyJwsText,
  type JwsSigner,
  type SigningAlgorithm,
  type VerifyCompactJws,
} from '../crypto/index.js'
import type { IdentifierScheme } from './identifier.js'
import { IdentityError } from './identity-error.js'
import { decodeJsonPayload } from './vc-jwt.js'
import { isStringArray } from './json-guards.js'

// Without `stream`, each `decode` starts afresh: one decoder serves every call.
const utf8 = new TextDecoder()

/** The JWS `typ` of a signed trust list. */
export const TRUST_LIST_TYP = 'landsea-trust-list+jwt'

/** One authorised issuer on a jurisdiction's trust list. */
export interface TrustListEntry {
  readonly issuer: string
  readonly name: string
  readonly credentialTypes: readonly string[]
  readonly identifierSchemes: readonly IdentifierScheme[]
  readonly validFrom: string
  readonly validUntil: string
  readonly status: 'active' | 'suspended' | 'withdrawn'
}

/**
 * A jurisdiction's list of issuers authorised to attest credential types (the TRQP
 * "authorization" relation), published by its authority and signed by it.
 */
export interface TrustList {
  readonly type: 'LandseaTrustList'
  readonly jurisdiction: string
  readonly authority: string
  readonly version: number
  readonly issuedAt: string
  readonly validFrom: string
  readonly validUntil: string
  readonly entries: readonly TrustListEntry[]
}

/**
 * Signs a trust list over its RFC 8785 form with the authority's key: a compact JWS, or with the
 * authority's companion key a dual-signed general JWS (JSON text, RFC 7515 §7.2.1).
 */
export async function signTrustList({
  list,
  privateJwk,
  alg,
  kid,
  companion,
}: {
  list: TrustList
  privateJwk: JWK
  alg: SigningAlgorithm
  kid: string
  companion?: JwsSigner | undefined
}): Promise<string> {
  return signJwsText({
    payload: canonicalJsonBytes(list),
    signer: { privateJwk, alg, kid },
    companion,
    typ: TRUST_LIST_TYP,
  })
}

/** Checks the shape of a trust list payload (hostile input). */
export function parseTrustList(value: Record<string, unknown>): TrustList {
  const fail = (message: string): never => {
    throw new IdentityError('IDENTITY_TRUST_LIST_INVALID', message)
  }
  if (value.type !== 'LandseaTrustList') fail('not a LandseaTrustList')
  for (const member of ['jurisdiction', 'authority', 'issuedAt', 'validFrom', 'validUntil']) {
    if (typeof value[member] !== 'string') fail(`${member} must be a string`)
  }
  if (!Number.isSafeInteger(value.version)) fail('version must be an integer')
  if (!Array.isArray(value.entries)) fail('entries must be a list')
  for (const entry of value.entries as unknown[]) {
    const e = entry as Record<string, unknown> | null
    if (
      typeof e !== 'object' ||
      e === null ||
      typeof e.issuer !== 'string' ||
      typeof e.name !== 'string' ||
      !isStringArray(e.credentialTypes) ||
      !isStringArray(e.identifierSchemes) ||
      typeof e.validFrom !== 'string' ||
      typeof e.validUntil !== 'string' ||
      !['active', 'suspended', 'withdrawn'].includes(e.status as string)
    ) {
      fail('a trust list entry is malformed')
    }
  }
  return value as unknown as TrustList
}

/** Reads a signed trust list without verifying it (to explain a refusal; never to trust). */
export function readTrustList(jws: string): TrustList {
  let compact: string
  try {
    compact = primaryCompactOf(jws)
    readJwsHeader(compact)
  } catch (cause) {
    throw new IdentityError('IDENTITY_TRUST_LIST_INVALID', 'not a signed trust list', { cause })
  }
  return parseTrustList(decodeJsonPayload(compact))
}

/**
 * Verifies a signed trust list with its authority's public key (and companion key, for a
 * dual-signed list) and returns it.
 */
export async function verifyTrustList(
  jws: string,
  authorityJwk: JWK,
  verifyJws: VerifyCompactJws = verifyJwsText,
  companionJwk?: JWK,
): Promise<TrustList> {
  const header = (() => {
    try {
      return readJwsHeader(primaryCompactOf(jws))
    } catch (cause) {
      throw new IdentityError('IDENTITY_TRUST_LIST_INVALID', 'not a signed trust list', { cause })
    }
  })()
  if (header.typ !== TRUST_LIST_TYP) {
    throw new IdentityError(
      'IDENTITY_WRONG_TYPE',
      `typ ${String(header.typ)} is not ${TRUST_LIST_TYP}`,
    )
  }
  let payload: Uint8Array
  try {
    payload = await verifyJws(jws, authorityJwk, companionJwk ? { companionJwk } : {})
  } catch (cause) {
    throw new IdentityError(
      'IDENTITY_TRUST_LIST_INVALID',
      'the trust list signature does not verify',
      { cause },
    )
  }
  let value: unknown
  try {
    value = JSON.parse(utf8.decode(payload))
  } catch (cause) {
    throw new IdentityError('IDENTITY_TRUST_LIST_INVALID', 'the trust list is not JSON', { cause })
  }
  if (typeof value !== 'object' || value === null) {
    throw new IdentityError('IDENTITY_TRUST_LIST_INVALID', 'the trust list is not an object')
  }
  return parseTrustList(value as Record<string, unknown>)
}
