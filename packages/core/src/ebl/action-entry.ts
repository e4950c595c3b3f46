import {
  canonicalJson,
  canonicalJsonBytes,
  CryptoError,
  fromBase64Url,
  readJwsHeader,
  sha256Hex,
  signCompactJws,
  type JwsHeader,
  type Sha256,
  verifyCompactJws,
  type PublicSigningKey,
  type SigningKeyPair,
} from '../crypto/index.js'
import { EblError, type ValidationIssue } from './ebl-error.js'
import {
  ACTION_CODES,
  AMENDMENT_REASON_CODES,
  type ActionCode,
  type AmendmentReasonCode,
  type PledgeFlag,
} from './title-state.js'

/** The JWS `typ` of a signed title action. */
export const ACTION_JWS_TYPE = 'landsea-action+json'

/**
 * What the acting party signs for one title action. Hash-linked as DCSA PINT chains are: the document by the
 * SHA-256 of its RFC 8785 form, the previous entry by the SHA-256 of its JWS string.
 */
export interface ActionEntryPayload {
  readonly documentChecksum: string
  readonly previousEntryChecksum: string | null
  readonly action: ActionCode
  readonly actor: string
  readonly recipient: string | null
  readonly at: string
  readonly nonce: string
  readonly pledge?: PledgeFlag
  readonly reasonCode?: AmendmentReasonCode
  readonly comments?: string
  /** Landsea's extension: the pledge is green-linked to the shipment's emissions claim. */
  readonly greenLink?: GreenLink
}

/**
 * A green-linked pledge's citation of the shipment's emissions claim (docs/emissions.md): the
 * credential's `id` and the SHA-256 (hex) of its `vc+jwt` string. Our extension of the action entry,
 * allowed only on a pledge (`TRANSFER` with `pledge: PLEDGE`).
 */
export interface GreenLink {
  readonly claimId: string
  readonly claimDigest: string
}

/** A parsed, not yet verified, action entry. */
export interface ParsedActionEntry {
  readonly jws: string
  readonly payload: ActionEntryPayload
  readonly signerOrganisationId: string
  readonly signerKid: string
}

/** Resolves an organisation's public key by key id, as it was valid when the action was signed. */
export type ResolveSigningKey = (
  organisationId: string,
  kid: string,
) => PublicSigningKey | undefined | Promise<PublicSigningKey | undefined>

/**
 * The checksum by which the next entry links to this one: SHA-256 of the JWS string (with `sha256`
 * when given, say a platform's native one).
 */
export function computeEntryChecksum(jws: string, sha256?: Sha256): string {
  return sha256Hex(jws, sha256)
}

/** The checksum of a transport document: SHA-256 of its RFC 8785 canonical JSON. */
export function computeDocumentChecksum(document: unknown, sha256?: Sha256): string {
  return sha256Hex(canonicalJson(document), sha256)
}

/** A fresh 128-bit random nonce, hex. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** Signs an action entry with an organisation's key. The header kid is `<organisationId>#<key kid>`. */
export async function signActionEntry({
  payload,
  organisationId,
  key,
}: {
  payload: ActionEntryPayload
  organisationId: string
  key: SigningKeyPair
}): Promise<string> {
  return signCompactJws({
    payload: canonicalJsonBytes(payload),
    privateJwk: key.privateJwk,
    alg: key.alg,
    kid: `${organisationId}#${key.kid}`,
    typ: ACTION_JWS_TYPE,
  })
}

const CHECKSUM = /^[0-9a-f]{64}$/
const utf8 = new TextDecoder('utf-8', { fatal: true })
const PAYLOAD_FIELDS = new Set([
  'documentChecksum',
  'previousEntryChecksum',
  'action',
  'actor',
  'recipient',
  'at',
  'nonce',
  'pledge',
  'reasonCode',
  'comments',
  'greenLink',
])

/**
 * Parses a signed action entry without verifying its signature. The input is hostile: every defect is
 * reported as `EBL_VALIDATION_FAILED` with the list of issues, never as an unexpected exception.
 */
export function parseActionEntry(
  jws: unknown,
  /**
   * Headers already read, by their encoded text, for a batch such as a bundle's actions: a
   * signer's actions share one header, and reading it depends on its text alone.
   */
  headers?: Map<string, JwsHeader>,
): ParsedActionEntry {
  // Three parts: two dots, found in place (a bundle's actions are read on every verification).
  const first = typeof jws === 'string' ? jws.indexOf('.') : -1
  const last = typeof jws === 'string' ? jws.lastIndexOf('.') : -1
  if (typeof jws !== 'string' || last === first || jws.indexOf('.', first + 1) !== last) {
    throw invalid([{ path: '/jws', code: 'FORMAT', message: 'a compact JWS has three parts' }])
  }
  const encodedHeader = jws.slice(0, first)
  let header = headers?.get(encodedHeader)
  if (!header) {
    try {
      header = readJwsHeader(jws)
    } catch (cause) {
      if (cause instanceof CryptoError) {
        throw invalid([{ path: '/jws', code: 'FORMAT', message: cause.message }])
      }
      throw cause
    }
    headers?.set(encodedHeader, header)
  }
  const kid = typeof header.kid === 'string' ? header.kid : ''
  const hash = kid.indexOf('#')
  if (hash <= 0 || hash === kid.length - 1) {
    throw invalid([
      { path: '/jws/header/kid', code: 'FORMAT', message: 'kid is <organisationId>#<keyId>' },
    ])
  }
  if (header.typ !== ACTION_JWS_TYPE) {
    throw invalid([
      { path: '/jws/header/typ', code: 'FORMAT', message: `typ must be ${ACTION_JWS_TYPE}` },
    ])
  }
  let payload: unknown
  try {
    const bytes = fromBase64Url(jws.slice(first + 1, last))
    if (!bytes) throw new Error('not base64url')
    payload = JSON.parse(utf8.decode(bytes))
  } catch {
    throw invalid([{ path: '/jws/payload', code: 'FORMAT', message: 'the payload is not JSON' }])
  }
  const issues = checkPayload(payload)
  if (issues.length > 0) throw invalid(issues)
  return {
    jws,
    payload: payload as ActionEntryPayload,
    signerOrganisationId: kid.slice(0, hash),
    signerKid: kid.slice(hash + 1),
  }
}

const invalid = (issues: ValidationIssue[]) =>
  new EblError('EBL_VALIDATION_FAILED', 'the signed action is malformed', { issues })

function addIssue(issues: ValidationIssue[], path: string, code: string, message: string): void {
  issues.push({ path: `/jws/payload${path}`, code, message })
}

function checkPayload(p: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  if (typeof p !== 'object' || p === null || Array.isArray(p)) {
    addIssue(issues, '', 'TYPE', 'the payload must be an object')
    return issues
  }
  const o = p as Record<string, unknown>
  for (const key of Object.keys(o))
    if (!PAYLOAD_FIELDS.has(key))
      addIssue(issues, `/${key}`, 'UNKNOWN_FIELD', `unknown field ${key}`)
  if (typeof o.documentChecksum !== 'string' || !CHECKSUM.test(o.documentChecksum)) {
    addIssue(
      issues,
      '/documentChecksum',
      'FORMAT',
      'documentChecksum is 64 lower-case hex characters',
    )
  }
  if (
    o.previousEntryChecksum !== null &&
    (typeof o.previousEntryChecksum !== 'string' || !CHECKSUM.test(o.previousEntryChecksum))
  ) {
    addIssue(
      issues,
      '/previousEntryChecksum',
      'FORMAT',
      'previousEntryChecksum is null or 64 lower-case hex characters',
    )
  }
  if (typeof o.action !== 'string' || !(ACTION_CODES as readonly string[]).includes(o.action)) {
    addIssue(issues, '/action', 'ENUM', `action must be one of ${ACTION_CODES.join(', ')}`)
  }
  if (typeof o.actor !== 'string' || o.actor.length === 0)
    addIssue(issues, '/actor', 'TYPE', 'actor is an organisation id')
  if (o.recipient !== null && (typeof o.recipient !== 'string' || o.recipient.length === 0)) {
    addIssue(issues, '/recipient', 'TYPE', 'recipient is an organisation id or null')
  }
  if (
    typeof o.at !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(o.at) ||
    Number.isNaN(Date.parse(o.at))
  ) {
    addIssue(issues, '/at', 'FORMAT', 'at is an ISO 8601 UTC date-time')
  }
  if (typeof o.nonce !== 'string' || !/^[0-9a-f]{16,64}$/.test(o.nonce))
    addIssue(issues, '/nonce', 'FORMAT', 'nonce is 16 to 64 hex characters')
  if (o.pledge !== undefined && o.pledge !== 'PLEDGE' && o.pledge !== 'RELEASE')
    addIssue(issues, '/pledge', 'ENUM', 'pledge is PLEDGE or RELEASE')
  if (
    o.reasonCode !== undefined &&
    !(AMENDMENT_REASON_CODES as readonly unknown[]).includes(o.reasonCode)
  ) {
    addIssue(
      issues,
      '/reasonCode',
      'ENUM',
      `reasonCode must be one of ${AMENDMENT_REASON_CODES.join(', ')}`,
    )
  }
  if (o.comments !== undefined && (typeof o.comments !== 'string' || o.comments.length > 255)) {
    addIssue(issues, '/comments', 'TOO_LONG', 'comments is a string of at most 255 characters')
  }
  if (o.greenLink !== undefined) {
    const g = o.greenLink as Record<string, unknown> | null
    if (o.pledge !== 'PLEDGE')
      addIssue(issues, '/greenLink', 'NOT_ALLOWED', 'greenLink goes only with a pledge')
    if (
      typeof g !== 'object' ||
      g === null ||
      Object.keys(g).length !== 2 ||
      typeof g.claimId !== 'string' ||
      g.claimId.length === 0 ||
      g.claimId.length > 255 ||
      typeof g.claimDigest !== 'string' ||
      !CHECKSUM.test(g.claimDigest)
    ) {
      addIssue(
        issues,
        '/greenLink',
        'FORMAT',
        'greenLink is { claimId, claimDigest (64 lower-case hex) }',
      )
    }
  }
  return issues
}

/**
 * Verifies the signature of a parsed entry with the signer's key, and that the signer is the actor.
 * Throws `EBL_UNKNOWN_KEY` or `EBL_SIGNATURE_INVALID`.
 */
export async function verifyActionEntrySignature(
  entry: ParsedActionEntry,
  resolveKey: ResolveSigningKey,
  verifyJws: VerifyJws = verifyCompactJws,
): Promise<PublicSigningKey> {
  if (entry.signerOrganisationId !== entry.payload.actor) {
    throw new EblError('EBL_SIGNATURE_INVALID', 'the action is not signed by its actor')
  }
  const key = await resolveKey(entry.signerOrganisationId, entry.signerKid)
  if (!key)
    throw new EblError(
      'EBL_UNKNOWN_KEY',
      `no key ${entry.signerKid} for ${entry.signerOrganisationId}`,
    )
  try {
    await verifyJws(entry.jws, key.publicJwk)
  } catch (cause) {
    throw new EblError('EBL_SIGNATURE_INVALID', 'the signature does not verify', { cause })
  }
  return key
}

/** A JWS verifier: resolves when the signature is valid for the key, rejects otherwise. */
export type VerifyJws = (
  jws: string,
  publicJwk: PublicSigningKey['publicJwk'],
) => Promise<unknown> | unknown
