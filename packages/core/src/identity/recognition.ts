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
import { IdentityError } from './identity-error.js'
import { isStringArray } from './json-guards.js'
import { decodeJsonPayload } from './vc-jwt.js'

// Without `stream`, each `decode` starts afresh: one decoder serves every call.
const utf8 = new TextDecoder()

/** The JWS `typ` of a signed recognition statement. */
export const RECOGNITION_TYP = 'landsea-recognition+jwt'

/**
 * One jurisdiction's statement that it recognises another's trust list for some credential types
 * and roles (the TRQP "recognition" relation). It pins the recognised authority's key, so a
 * verifier can check the foreign list offline.
 */
export interface RecognitionStatement {
  readonly type: 'LandseaRecognitionStatement'
  readonly recogniser: { readonly jurisdiction: string; readonly authority: string }
  readonly recognised: {
    readonly jurisdiction: string
    readonly authority: string
    readonly authorityJwk: JWK
    /** The recognised authority's second key, for its dual-signed lists (an Ed25519 companion). */
    readonly authorityCompanionJwk?: JWK
    readonly minimumListVersion: number
  }
  readonly credentialTypes: readonly string[]
  readonly roles: readonly string[]
  readonly issuedAt: string
  readonly validFrom: string
  readonly validUntil: string
}

/** Signs a recognition statement with the recogniser authority's key. */
export async function signRecognition({
  statement,
  privateJwk,
  alg,
  kid,
  companion,
}: {
  statement: RecognitionStatement
  privateJwk: JWK
  alg: SigningAlgorithm
  kid: string
  /** The recogniser's companion key: a dual-signed statement (general JWS as JSON text). */
  companion?: JwsSigner | undefined
}): Promise<string> {
  return signJwsText({
    payload: canonicalJsonBytes(statement),
    signer: { privateJwk, alg, kid },
    companion,
    typ: RECOGNITION_TYP,
  })
}

function parseRecognition(value: unknown): RecognitionStatement {
  const v = value as Record<string, unknown> | null
  const recogniser = v?.recogniser as Record<string, unknown> | undefined
  const recognised = v?.recognised as Record<string, unknown> | undefined
  if (
    typeof v !== 'object' ||
    v === null ||
    v.type !== 'LandseaRecognitionStatement' ||
    typeof recogniser?.jurisdiction !== 'string' ||
    typeof recogniser.authority !== 'string' ||
    typeof recognised?.jurisdiction !== 'string' ||
    typeof recognised.authority !== 'string' ||
    typeof recognised.authorityJwk !== 'object' ||
    recognised.authorityJwk === null ||
    (recognised.authorityCompanionJwk !== undefined &&
      (typeof recognised.authorityCompanionJwk !== 'object' ||
        recognised.authorityCompanionJwk === null)) ||
    !Number.isSafeInteger(recognised.minimumListVersion) ||
    !isStringArray(v.credentialTypes) ||
    !isStringArray(v.roles) ||
    typeof v.validFrom !== 'string' ||
    typeof v.validUntil !== 'string'
  ) {
    throw new IdentityError('IDENTITY_TRUST_LIST_INVALID', 'a recognition statement is malformed')
  }
  return v as unknown as RecognitionStatement
}

/**
 * Reads a signed recognition statement without verifying it, to show one the node holds; never
 * to trust (that is {@link verifyRecognition}). Hostile input gets an `IdentityError`.
 */
export function readRecognition(jws: string): RecognitionStatement {
  return parseRecognition(decodeJsonPayload(primaryCompactOf(jws)))
}

/**
 * Verifies a recognition statement with the recogniser authority's public key (and companion
 * key, for a dual-signed statement).
 */
export async function verifyRecognition(
  jws: string,
  recogniserJwk: JWK,
  verifyJws: VerifyCompactJws = verifyJwsText,
  companionJwk?: JWK,
): Promise<RecognitionStatement> {
  let payload: Uint8Array
  try {
    if (readJwsHeader(primaryCompactOf(jws)).typ !== RECOGNITION_TYP)
      throw new Error(`typ is not ${RECOGNITION_TYP}`)
    payload = await verifyJws(jws, recogniserJwk, companionJwk ? { companionJwk } : {})
  } catch (cause) {
    throw new IdentityError(
      'IDENTITY_TRUST_LIST_INVALID',
      'the recognition statement does not verify',
      { cause },
    )
  }
  try {
    return parseRecognition(JSON.parse(utf8.decode(payload)))
  } catch (cause) {
    if (cause instanceof IdentityError) throw cause
    throw new IdentityError(
      'IDENTITY_TRUST_LIST_INVALID',
      'the recognition statement is not JSON',
      { cause },
    )
  }
}
