import type { JWK } from 'jose'
import { verifyJwsText, type VerifyCompactJws } from '../crypto/index.js'
import type { IdentityErrorCode } from './identity-error.js'
import { verifyRecognition, type RecognitionStatement } from './recognition.js'
import {
  readTrustList,
  verifyTrustList,
  type TrustList,
  type TrustListEntry,
} from './trust-list.js'

/** The verifier's own trust anchor: its jurisdiction's authority and that authority's key. */
export interface TrustAnchor {
  readonly jurisdiction: string
  readonly authority: string
  readonly publicJwk: JWK
  /** The authority's second key (an Ed25519 companion of an SM2 key), for dual-signed lists. */
  readonly companionJwk?: JWK
}

/** Signed lists and recognition statements a verifier has (fetched or cached), as JWS strings. */
export interface TrustMaterial {
  readonly lists: readonly string[]
  readonly recognitions: readonly string[]
}

/** What a verifier asks: may `issuer` attest `credentialType` (for this scheme or role) at `at`? */
export interface TrustQuery {
  readonly issuer: string
  readonly credentialType: string
  readonly identifierScheme?: string
  readonly role?: string
  readonly at: Date
}

/** One link of the path a trust decision followed. */
export interface TrustPathStep {
  readonly kind: 'anchor' | 'recognition' | 'authorisation'
  readonly jurisdiction: string
  readonly authority: string
  readonly listVersion?: number
  readonly validUntil?: string
  readonly text: string
}

/** A trust decision: trusted with the path that says why, or refused with a code and reason. */
export type TrustDecision =
  | {
      readonly isTrusted: true
      readonly jurisdiction: string
      readonly path: readonly TrustPathStep[]
      readonly summary: string
    }
  | {
      readonly isTrusted: false
      readonly code: Extract<
        IdentityErrorCode,
        'IDENTITY_ISSUER_NOT_TRUSTED' | 'IDENTITY_JURISDICTION_NOT_RECOGNISED'
      >
      readonly reason: string
    }

/**
 * How a trust decision verifies the signed statements it reads. A verifier that decides for
 * several credentials at once (a bundle's signers) may answer each statement and key once.
 */
export interface TrustStatementVerifier {
  readonly verifyTrustList: (
    jws: string,
    authorityJwk: JWK,
    companionJwk?: JWK,
  ) => Promise<TrustList>
  readonly verifyRecognition: (
    jws: string,
    recogniserJwk: JWK,
    companionJwk?: JWK,
  ) => Promise<RecognitionStatement>
}

/** The {@link TrustStatementVerifier} that checks every statement with `verifyJws`. */
export function createTrustStatementVerifier(
  verifyJws: VerifyCompactJws = verifyJwsText,
): TrustStatementVerifier {
  return {
    verifyTrustList: (jws, key, companion) => verifyTrustList(jws, key, verifyJws, companion),
    verifyRecognition: (jws, key, companion) => verifyRecognition(jws, key, verifyJws, companion),
  }
}

function isWithin(at: Date, from: string, until: string): boolean {
  const time = at.getTime()
  return Date.parse(from) <= time && time <= Date.parse(until)
}

function authorises(entry: TrustListEntry, query: TrustQuery): boolean {
  return (
    entry.issuer === query.issuer &&
    entry.status === 'active' &&
    isWithin(query.at, entry.validFrom, entry.validUntil) &&
    entry.credentialTypes.includes(query.credentialType) &&
    (query.identifierScheme === undefined ||
      (entry.identifierSchemes as readonly string[]).includes(query.identifierScheme))
  )
}

function newest(lists: readonly TrustList[]): TrustList | undefined {
  return [...lists].sort((a, b) => b.version - a.version)[0]
}

async function verifiedOrUndefined<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise
  } catch {
    return undefined
  }
}

function anchorStep(anchor: TrustAnchor): TrustPathStep {
  return {
    kind: 'anchor',
    jurisdiction: anchor.jurisdiction,
    authority: anchor.authority,
    text: `${anchor.jurisdiction} trust anchor ${anchor.authority}`,
  }
}

function authorisationStep(
  list: TrustList,
  entry: TrustListEntry,
  query: TrustQuery,
): TrustPathStep {
  return {
    kind: 'authorisation',
    jurisdiction: list.jurisdiction,
    authority: list.authority,
    listVersion: list.version,
    validUntil: entry.validUntil,
    text: `${list.jurisdiction} list v${list.version} authorises issuer ${entry.issuer} (${entry.name}) for ${query.credentialType}; valid until ${entry.validUntil}`,
  }
}

/**
 * Decides whether an issuer is trusted for a credential type, as ToIP TRQP frames it: an entry
 * on the verifier's own signed list, or on a list of a jurisdiction its authority recognises for
 * that type (and role). Lists are never merged: each step of the returned path names the list it
 * came from. Lists and statements that do not verify are ignored, never trusted.
 */
export async function decideTrust(
  query: TrustQuery,
  {
    anchor,
    material,
    verifyJws = verifyJwsText,
    statements = createTrustStatementVerifier(verifyJws),
  }: {
    anchor: TrustAnchor
    material: TrustMaterial
    verifyJws?: VerifyCompactJws
    /** How statements are verified; default each with `verifyJws`. */
    statements?: TrustStatementVerifier
  },
): Promise<TrustDecision> {
  const { at } = query
  const homeLists = (
    await Promise.all(
      material.lists.map((jws) =>
        verifiedOrUndefined(statements.verifyTrustList(jws, anchor.publicJwk, anchor.companionJwk)),
      ),
    )
  ).filter(
    (list): list is TrustList =>
      list !== undefined &&
      list.jurisdiction === anchor.jurisdiction &&
      list.authority === anchor.authority &&
      isWithin(at, list.validFrom, list.validUntil),
  )
  const home = newest(homeLists)
  const homeEntry = home?.entries.find((entry) => authorises(entry, query))
  if (home && homeEntry) {
    const step = authorisationStep(home, homeEntry, query)
    return {
      isTrusted: true,
      jurisdiction: home.jurisdiction,
      path: [anchorStep(anchor), step],
      summary: step.text,
    }
  }

  const recognitions = (
    await Promise.all(
      material.recognitions.map((jws) =>
        verifiedOrUndefined(
          statements.verifyRecognition(jws, anchor.publicJwk, anchor.companionJwk),
        ),
      ),
    )
  ).filter(
    (statement): statement is RecognitionStatement =>
      statement !== undefined &&
      statement.recogniser.authority === anchor.authority &&
      statement.recogniser.jurisdiction === anchor.jurisdiction &&
      isWithin(at, statement.validFrom, statement.validUntil),
  )
  const outOfScope: string[] = []
  for (const recognition of recognitions) {
    const { recognised } = recognition
    const lists = (
      await Promise.all(
        material.lists.map((jws) =>
          verifiedOrUndefined(
            statements.verifyTrustList(
              jws,
              recognised.authorityJwk,
              recognised.authorityCompanionJwk,
            ),
          ),
        ),
      )
    ).filter(
      (list): list is TrustList =>
        list !== undefined &&
        list.jurisdiction === recognised.jurisdiction &&
        list.authority === recognised.authority &&
        list.version >= recognised.minimumListVersion &&
        isWithin(at, list.validFrom, list.validUntil),
    )
    const foreign = newest(lists)
    const entry = foreign?.entries.find((candidate) => authorises(candidate, query))
    if (!foreign || !entry) continue
    const inScope =
      recognition.credentialTypes.includes(query.credentialType) &&
      (query.role === undefined ||
        recognition.roles.length === 0 ||
        recognition.roles.includes(query.role))
    if (!inScope) {
      outOfScope.push(
        `${anchor.jurisdiction} recognises the ${recognised.jurisdiction} list only for ${recognition.credentialTypes.join(', ')}${recognition.roles.length > 0 ? ` (roles ${recognition.roles.join(', ')})` : ''}`,
      )
      continue
    }
    const recognitionStep: TrustPathStep = {
      kind: 'recognition',
      jurisdiction: recognised.jurisdiction,
      authority: recognised.authority,
      listVersion: foreign.version,
      validUntil: recognition.validUntil,
      text: `${anchor.jurisdiction} recognises ${recognised.jurisdiction} list v${foreign.version} for ${query.credentialType} until ${recognition.validUntil}`,
    }
    const step = authorisationStep(foreign, entry, query)
    return {
      isTrusted: true,
      jurisdiction: foreign.jurisdiction,
      path: [anchorStep(anchor), recognitionStep, step],
      summary: `${recognitionStep.text}; ${step.text}`,
    }
  }
  if (outOfScope.length > 0) {
    return {
      isTrusted: false,
      code: 'IDENTITY_ISSUER_NOT_TRUSTED',
      reason: `issuer ${query.issuer} is listed, but ${outOfScope.join('; ')}`,
    }
  }
  // Explain a refusal from lists we could not (or need not) verify; they are never trusted.
  for (const jws of material.lists) {
    let list: TrustList
    try {
      list = readTrustList(jws)
    } catch {
      continue
    }
    if (list.jurisdiction === anchor.jurisdiction) continue
    if (list.entries.some((entry) => entry.issuer === query.issuer)) {
      // Recognition is of an authority's list, not of a country name another list may also claim.
      const isRecognised = recognitions.some(
        (r) =>
          r.recognised.jurisdiction === list.jurisdiction &&
          r.recognised.authority === list.authority,
      )
      if (!isRecognised) {
        return {
          isTrusted: false,
          code: 'IDENTITY_JURISDICTION_NOT_RECOGNISED',
          reason: `issuer ${query.issuer} is listed by ${list.jurisdiction} authority ${list.authority}, whose list ${anchor.jurisdiction} does not recognise`,
        }
      }
    }
  }
  return {
    isTrusted: false,
    code: 'IDENTITY_ISSUER_NOT_TRUSTED',
    reason: `issuer ${query.issuer} is not authorised for ${query.credentialType} on any list ${anchor.jurisdiction} accepts at ${at.toISOString()}`,
  }
}
