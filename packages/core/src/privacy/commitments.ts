import { canonicalJson, canonicalJsonOfJsonData, sha256Hex, type Sha256 } from '../crypto/index.js'
import { minimisePayload, pointerSegments } from './data-map.js'

/**
 * How a transport document's personal values are committed to (docs/decisions/0011): each value
 * is replaced, in the form the document checksum is computed over, by `{"@commitment": "sha256:…"}`,
 * the SHA-256 of the canonical JSON `[salt, value]`. The signed actions, and so the ledger's
 * leaves, cover the commitments, not the values: erasing a value and its salt leaves every
 * signature, proof and checksum verifiable.
 */
export const PERSONAL_DATA_SCHEME = 'landsea-salted-sha256/v1' as const

/** A disclosed personal value: its JSON pointer in the document and its salt (base64url, 16 bytes). */
export interface PersonalDisclosure {
  readonly path: string
  readonly salt: string
}

/** An erased (or withheld) personal value: only its commitment remains. */
export interface PersonalCommitment {
  readonly path: string
  readonly commitment: string
}

/** One committed personal field of a document: disclosed (value and salt) or commitment only. */
export type CommittedField = PersonalDisclosure | PersonalCommitment

/** The bundle member that carries a document's committed fields (our extension). */
export interface BundlePersonalData {
  readonly scheme: typeof PERSONAL_DATA_SCHEME
  readonly fields: readonly CommittedField[]
}

/** The commitment to one personal value under its salt. */
export function commitPersonalValue(salt: string, value: string, sha256?: Sha256): string {
  return `sha256:${sha256Hex(canonicalJson([salt, value]), sha256)}`
}

/** A fresh salt: 16 random bytes, base64url. */
export function createSalt(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

/**
 * The form of the document its checksum is computed over: every committed field's value replaced
 * by its commitment (computed from the value and salt when disclosed, as given when erased).
 */
export function committedDocument(
  document: unknown,
  fields: readonly CommittedField[],
  sha256?: Sha256,
): unknown {
  const byPath = new Map(fields.map((f) => [f.path, f]))
  return minimisePayload(document, fields, (value, path) =>
    commitmentOf(byPath.get(path)!, value, sha256),
  )
}

/** What a committed field's value is replaced by in the committed form. */
function commitmentOf(field: CommittedField, value: unknown, sha256?: Sha256): unknown {
  if ('salt' in field && typeof value !== 'string' && typeof value !== 'number') {
    throw new TypeError(`${field.path} holds no personal value to commit to`)
  }
  return {
    '@commitment':
      'salt' in field ? commitPersonalValue(field.salt, String(value), sha256) : field.commitment,
  }
}

/**
 * `documentChecksumOf` over `sorted`, the document's {@link sortedJsonCopy}, which it does not
 * change: each committed value is replaced in a copy of only the objects and arrays on its path,
 * so the form stays in RFC 8785 order. Undefined where that would not hold (a path that does not
 * name an existing member or element, two fields of one path, a lone surrogate left): then
 * `documentChecksumOf` answers.
 */
export function documentChecksumOfSorted(
  sorted: unknown,
  fields: readonly CommittedField[] | undefined,
  sha256?: Sha256,
): string | undefined {
  // Two fields of one path: `committedDocument` commits both with the last (a bundle has none).
  if (fields && new Set(fields.map((f) => f.path)).size !== fields.length) return undefined
  let form = sorted
  const copied = new Set<unknown>()
  const own = (container: unknown) => {
    if (copied.has(container)) return container
    const copy = Array.isArray(container) ? [...container] : { ...(container as object) }
    copied.add(copy)
    return copy
  }
  for (const field of fields ?? []) {
    const segments = pointerSegments(field.path)
    const isPlainCommitment = 'salt' in field || typeof field.commitment === 'string'
    if (segments.length === 0 || !isPlainCommitment) return undefined
    if (typeof form !== 'object' || form === null) return undefined
    form = own(form)
    let target = form as Record<string, unknown>
    for (const [i, segment] of segments.entries()) {
      const isMember = Array.isArray(target)
        ? /^(0|[1-9]\d*)$/.test(segment) && Number(segment) < target.length
        : Object.prototype.hasOwnProperty.call(target, segment)
      if (!isMember) return undefined
      const value = target[segment]
      if (i === segments.length - 1) {
        target[segment] = commitmentOf(field, value, sha256)
      } else {
        if (typeof value !== 'object' || value === null) return undefined
        target = (target[segment] = own(value)) as Record<string, unknown>
      }
    }
  }
  const text = JSON.stringify(form)
  return text.includes('\\ud') ? undefined : sha256Hex(text, sha256)
}

/**
 * A transport document's checksum: the SHA-256 of its canonical JSON, over the committed form
 * when it has committed fields (bills drafted with per-subject encryption), else over the document
 * itself (bills from before, and PINT's `transportDocumentChecksum`).
 */
export function documentChecksumOf(
  document: unknown,
  fields: readonly CommittedField[] | undefined,
  sha256?: Sha256,
  /** The document was read from text by `JSON.parse`: see {@link canonicalJsonOfJsonData}. */
  jsonData = false,
): string {
  const form = fields && fields.length > 0 ? committedDocument(document, fields, sha256) : document
  return sha256Hex(jsonData ? canonicalJsonOfJsonData(form) : canonicalJson(form), sha256)
}

/**
 * The document with the value of every field at `paths` replaced by one marker (null): what two
 * copies of one document have in common when their personal values are committed under different
 * salts or erased. Throws when a path names no value (hostile input: callers catch).
 */
export function withoutPersonalValues(document: unknown, paths: readonly string[]): unknown {
  return minimisePayload(
    document,
    paths.map((path) => ({ path })),
    (value, path) => {
      if (value === undefined) throw new TypeError(`${path} holds no value`)
      return null
    },
  )
}

/**
 * The schema-valid value an erased field shows (DCSA eBL 3.0.3: names and phones match
 * `^\S(?:.*\S)?$`, e-mails `^.+@\S+$`; `.invalid` is reserved by RFC 2606).
 */
export function erasedPlaceholder(path: string): string {
  return path.endsWith('/email') ? 'erased@erased.invalid' : '[erased]'
}

/** Whether a document path holds a value that was erased (shows its placeholder). */
export function isCommitmentOnly(field: CommittedField): field is PersonalCommitment {
  return 'commitment' in field
}

const POINTER = /^(\/[^/]+)+$/
const SALT = /^[A-Za-z0-9_-]{22}$/
const COMMITMENT = /^sha256:[0-9a-f]{64}$/

/** Why a bundle's `personalData` member is malformed, or undefined when it is well formed. */
export function personalDataProblem(value: unknown): string | undefined {
  const problem = 'personalData is { scheme, fields: [{ path, salt } | { path, commitment }] }'
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return problem
  const { scheme, fields, ...rest } = value as Record<string, unknown>
  if (scheme !== PERSONAL_DATA_SCHEME) return `personalData.scheme must be ${PERSONAL_DATA_SCHEME}`
  if (Object.keys(rest).length > 0 || !Array.isArray(fields) || fields.length > 10_000)
    return problem
  const paths = new Set<string>()
  for (const field of fields as unknown[]) {
    if (typeof field !== 'object' || field === null) return problem
    const { path, salt, commitment, ...other } = field as Record<string, unknown>
    const ok =
      Object.keys(other).length === 0 &&
      typeof path === 'string' &&
      POINTER.test(path) &&
      !paths.has(path) &&
      (salt === undefined) !== (commitment === undefined) &&
      (salt === undefined || (typeof salt === 'string' && SALT.test(salt))) &&
      (commitment === undefined || (typeof commitment === 'string' && COMMITMENT.test(commitment)))
    if (!ok) return problem
    paths.add(path)
  }
  return undefined
}
