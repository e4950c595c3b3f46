import { parseStrictJson } from '../crypto/strict-json.js'
import type { JWK } from 'jose'
import type { ValidationIssue } from '../ebl/ebl-error.js'
import { personalDataProblem, type BundlePersonalData } from '../privacy/commitments.js'
import type { BundleEmissionsClaim } from './claim-checks.js'

/** The `format` of a version 1 bundle. */
export const BUNDLE_FORMAT = 'landsea-ebl-bundle/v1'

/** One signed title action in a bundle, with its place in the log and its inclusion proof. */
export interface BundleAction {
  /** The compact JWS of the action, exactly as signed and logged. */
  readonly jws: string
  readonly leafIndex: number
  /** Inclusion proof to the bundle's checkpoint, standard base64 hashes. */
  readonly inclusionProof: readonly string[]
}

/** A public key of a signer, named by the JWS header kid `<organisationId>#<keyKid>`. */
export interface BundleSigner {
  readonly kid: string
  /** The public members only (`kty`, `crv`, `x`, and `y` for EC). */
  readonly publicJwk: JWK
}

/**
 * An offline-verifiable bill of lading: the transport document, its full signed action chain,
 * each action's inclusion proof, one cosigned checkpoint they are all proved against, and the
 * keys needed to check it all. Every byte is covered by some check, so any change is detected.
 */
export interface EblBundle {
  readonly format: typeof BUNDLE_FORMAT
  readonly document: Record<string, unknown>
  readonly actions: readonly BundleAction[]
  /** A C2SP checkpoint signed note: the log's signature, then the witnesses' cosignatures. */
  readonly checkpoint: string
  /** The log's note verifier key (`origin+keyid+base64`); the origin is its name. */
  readonly logKey: string
  /** The verifier keys (cosignature type) of the witnesses whose cosignatures the checkpoint carries. */
  readonly witnessKeys: readonly string[]
  readonly signers: readonly BundleSigner[]
  /** Reserved for the identity module: credentials binding signers' keys to organisations. */
  readonly credentials: readonly unknown[]
  /** Optional: a verifiable emissions claim of the bill's shipment (our extension; see claim-checks.ts). */
  readonly emissionsClaim?: BundleEmissionsClaim
  /**
   * Optional: the document's committed personal fields (our extension, docs/privacy.md). Each is
   * disclosed (salt; the value is in the document) or erased (commitment; the document shows a
   * schema-valid placeholder). The document checksum is then over the committed form.
   */
  readonly personalData?: BundlePersonalData
  /**
   * Optional: how the bill arrived from another platform by DCSA PINT (a multi-log bundle); the
   * actions above then continue the chain that arrived, on this node's log (see crossing-checks.ts).
   */
  readonly crossing?: BundleCrossing
}

/** The PINT chain a bill arrived with, and the sending Landsea node's own evidence when it has one. */
export interface BundleCrossing {
  /** The PINT envelope transfer chain as received (compact JWS, oldest first). */
  readonly envelopeTransferChain: readonly string[]
  /** The JWKS of each platform that signed a chain entry, by platform code. */
  readonly platformKeys: Readonly<Record<string, { readonly keys: readonly JWK[] }>>
  /** The platform code of the node that received the bill and exported this bundle. */
  readonly receiver: string
  /** The receiving node's organisations the chain names: PINT party key → organisation id. */
  readonly parties: Readonly<Record<string, string>>
  /** The sending Landsea node's bundle as it arrived; absent when the sender speaks only PINT. */
  readonly sender?: unknown
}

const TOP_LEVEL = [
  'format',
  'document',
  'actions',
  'checkpoint',
  'logKey',
  'witnessKeys',
  'signers',
  'credentials',
  'emissionsClaim',
  'personalData',
  'crossing',
]
const CROSSING = ['envelopeTransferChain', 'platformKeys', 'receiver', 'parties']
const MAX_CHAIN = 1000
const JWK_MEMBERS: Record<string, readonly string[]> = {
  OKP: ['kty', 'crv', 'x'],
  EC: ['kty', 'crv', 'x', 'y'],
}

// Bounds on work: a bill has tens of actions, a checkpoint a handful of witnesses.
const MAX_ACTIONS = 10_000
const MAX_WITNESSES = 100

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const hasExactly = (o: Record<string, unknown>, keys: readonly string[]) =>
  Object.keys(o).length === keys.length && keys.every((k) => k in o)

/**
 * Checks the shape of a bundle. The bundle comes from anyone: it may be bytes that are not UTF-8,
 * text that is not JSON, or JSON of any shape. Unknown members are refused, because a byte no
 * check covers is a byte that could be changed unnoticed.
 */
export function parseBundle(
  input: unknown,
):
  | { readonly bundle: EblBundle; readonly issues?: undefined }
  | { readonly bundle?: undefined; readonly issues: readonly ValidationIssue[] } {
  let value = input
  try {
    if (input instanceof Uint8Array) value = new TextDecoder('utf-8', { fatal: true }).decode(input)
  } catch {
    return { issues: [{ path: '', code: 'FORMAT', message: 'the bundle is not UTF-8 text' }] }
  }
  if (typeof value === 'string') {
    // Strict JSON: a duplicate member (two `placeOfIssue`) reads differently in other parsers, so
    // the file would not mean one thing to every verifier; `__proto__` is refused by name.
    const parsed = parseStrictJson(value)
    if (parsed.error) {
      const { code, path, message } = parsed.error
      if (code === 'JSON_SYNTAX') {
        return {
          issues: [{ path: '', code: 'FORMAT', message: `the bundle is not JSON: ${message}` }],
        }
      }
      return { issues: [{ path, code, message }] }
    }
    value = parsed.value
  }
  const issues: ValidationIssue[] = []
  const add = (path: string, code: string, message: string) => issues.push({ path, code, message })
  if (!isObject(value))
    return { issues: [{ path: '', code: 'TYPE', message: 'a bundle is an object' }] }
  for (const key of Object.keys(value)) {
    if (!TOP_LEVEL.includes(key)) add(`/${key}`, 'UNKNOWN_FIELD', `unknown member ${key}`)
  }
  if (value.format !== BUNDLE_FORMAT) add('/format', 'ENUM', `format must be ${BUNDLE_FORMAT}`)
  if (!isObject(value.document)) add('/document', 'TYPE', 'document is an object')
  if (typeof value.checkpoint !== 'string')
    add('/checkpoint', 'TYPE', 'checkpoint is a signed note')
  if (typeof value.logKey !== 'string') add('/logKey', 'TYPE', 'logKey is a verifier key')
  if (
    !Array.isArray(value.witnessKeys) ||
    value.witnessKeys.length > MAX_WITNESSES ||
    !value.witnessKeys.every((k) => typeof k === 'string')
  ) {
    add('/witnessKeys', 'TYPE', 'witnessKeys is a list of verifier keys')
  }
  if (!Array.isArray(value.credentials)) add('/credentials', 'TYPE', 'credentials is a list')
  const personalProblem =
    value.personalData === undefined ? undefined : personalDataProblem(value.personalData)
  if (personalProblem) add('/personalData', 'TYPE', personalProblem)
  if (value.crossing !== undefined && !isCrossing(value.crossing))
    add(
      '/crossing',
      'TYPE',
      'crossing is { envelopeTransferChain, platformKeys, receiver, parties, sender? }',
    )
  // A bill that arrived from another platform may have no action here yet.
  const fewest = value.crossing === undefined ? 1 : 0
  if (
    !Array.isArray(value.actions) ||
    value.actions.length < fewest ||
    value.actions.length > MAX_ACTIONS
  ) {
    add('/actions', 'TYPE', `actions is a list of ${fewest} to ${MAX_ACTIONS}`)
  } else {
    value.actions.forEach((a: unknown, i) => {
      const ok =
        isObject(a) &&
        hasExactly(a, ['jws', 'leafIndex', 'inclusionProof']) &&
        typeof a.jws === 'string' &&
        Number.isSafeInteger(a.leafIndex) &&
        (a.leafIndex as number) >= 0 &&
        Array.isArray(a.inclusionProof) &&
        a.inclusionProof.length <= 64 &&
        a.inclusionProof.every((h) => typeof h === 'string')
      if (!ok) add(`/actions/${i}`, 'TYPE', 'an action is { jws, leafIndex, inclusionProof }')
    })
  }
  if (!Array.isArray(value.signers) || value.signers.length > MAX_ACTIONS) {
    add('/signers', 'TYPE', 'signers is a list, at most one per action')
  } else {
    value.signers.forEach((s: unknown, i) => {
      const members =
        isObject(s) && isObject(s.publicJwk) ? JWK_MEMBERS[String(s.publicJwk.kty)] : undefined
      const ok =
        isObject(s) &&
        hasExactly(s, ['kid', 'publicJwk']) &&
        typeof s.kid === 'string' &&
        members !== undefined &&
        hasExactly(s.publicJwk as Record<string, unknown>, members) &&
        members.every((m) => typeof (s.publicJwk as Record<string, unknown>)[m] === 'string')
      if (!ok)
        add(`/signers/${i}`, 'TYPE', 'a signer is { kid, publicJwk } with public members only')
    })
  }
  return issues.length > 0 ? { issues } : { bundle: value as unknown as EblBundle }
}

function isCrossing(c: unknown): c is BundleCrossing {
  if (!isObject(c)) return false
  const keys = Object.keys(c)
  if (!CROSSING.every((k) => k in c) || !keys.every((k) => CROSSING.includes(k) || k === 'sender'))
    return false
  const chain = c.envelopeTransferChain
  return (
    Array.isArray(chain) &&
    chain.length > 0 &&
    chain.length <= MAX_CHAIN &&
    chain.every((j) => typeof j === 'string') &&
    isObject(c.platformKeys) &&
    Object.values(c.platformKeys).every(
      (k) => isObject(k) && Array.isArray(k.keys) && k.keys.every(isObject),
    ) &&
    typeof c.receiver === 'string' &&
    isObject(c.parties) &&
    Object.values(c.parties).every((id) => typeof id === 'string') &&
    (c.sender === undefined || isObject(c.sender))
  )
}
