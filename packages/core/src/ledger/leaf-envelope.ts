import { canonicalJsonBytes } from '../crypto/canonical-json.js'
import { LedgerError } from './ledger-error.js'

/** A compact JWS: base64url and dots, which JSON never escapes. */
export const COMPACT_JWS = /^[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/
const encoder = new TextEncoder()

/** Kinds of log leaves. New kinds are added here; verifiers reject kinds they do not know. */
export const LEAF_TYPES = [
  'ebl-action',
  'tracking-event',
  'privacy-transfer',
  'epcis-event',
] as const

/** A kind of log leaf. */
export type LeafType = (typeof LEAF_TYPES)[number]

/**
 * A log leaf before encoding: version 1 of the envelope, its kind, and its body (for
 * `ebl-action` the compact JWS string of the action; for `tracking-event` the event's JSON; for
 * `privacy-transfer` a transfer-register entry, docs/privacy.md; for `epcis-event` an EPCIS 2.0
 * event that names GS1 keys, as GS1 wrote it with its eventID, docs/conformance.md).
 */
export interface LeafEnvelope {
  readonly v: 1
  readonly type: LeafType
  readonly body: unknown
}

/**
 * Encodes a leaf as the RFC 8785 canonical JSON of `{ v: 1, type, body }`. Canonical bytes mean
 * one envelope has exactly one leaf hash, so anyone holding the body can recompute it
 * (docs/decisions/0001-merkle-log-hashing-and-leaf-envelope.md).
 *
 * @example encodeLeaf({ type: 'ebl-action', body: jws })
 */
export function encodeLeaf({ type, body }: { type: LeafType; body: unknown }): Uint8Array {
  if (!LEAF_TYPES.includes(type))
    throw new LedgerError('LEDGER_LEAF_MALFORMED', `unknown leaf type`)
  if (type === 'ebl-action' && typeof body !== 'string') {
    throw new LedgerError(
      'LEDGER_LEAF_MALFORMED',
      'an ebl-action leaf body is a compact JWS string',
    )
  }
  // A compact JWS is base64url and dots, which JSON never escapes: its RFC 8785 form can be
  // written directly, byte-identical to what canonicalize produces (a verifier hashes one per action).
  if (type === 'ebl-action' && COMPACT_JWS.test(body as string)) {
    return encodeLeafWithCanonicalBody({ type, canonicalBody: `"${body as string}"` })
  }
  try {
    return canonicalJsonBytes({ v: 1, type, body })
  } catch (cause) {
    throw new LedgerError('LEDGER_LEAF_MALFORMED', 'the leaf body is not JSON', { cause })
  }
}

/**
 * Encodes a leaf whose body is already RFC 8785 JSON text (a prepared tracking event's `canonical`),
 * without canonicalising it a second time: the same bytes as {@link encodeLeaf} of the parsed body,
 * since the envelope's keys sort as body, type, v. The caller vouches that `canonicalBody` is canonical.
 *
 * @example encodeLeafWithCanonicalBody({ type: 'tracking-event', canonicalBody: prepared.canonical })
 */
export function encodeLeafWithCanonicalBody({
  type,
  canonicalBody,
}: {
  type: LeafType
  canonicalBody: string
}): Uint8Array {
  return encoder.encode(`{"body":${canonicalBody},"type":"${type}","v":1}`)
}

const decoder = new TextDecoder('utf-8', { fatal: true })

/**
 * Decodes leaf bytes into an envelope. Leaf bytes may come from anyone: any parse failure,
 * unknown version or kind, or non-canonical encoding becomes `LEDGER_LEAF_MALFORMED`.
 */
export function decodeLeaf(bytes: Uint8Array): LeafEnvelope {
  let value: unknown
  try {
    value = JSON.parse(decoder.decode(bytes))
  } catch (cause) {
    throw new LedgerError('LEDGER_LEAF_MALFORMED', 'a leaf is UTF-8 JSON', { cause })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LedgerError('LEDGER_LEAF_MALFORMED', 'a leaf is a JSON object')
  }
  const { v, type, body, ...rest } = value as Record<string, unknown>
  if (v !== 1) throw new LedgerError('LEDGER_LEAF_MALFORMED', 'unsupported leaf version')
  if (Object.keys(rest).length > 0) {
    throw new LedgerError('LEDGER_LEAF_MALFORMED', 'unknown fields in a version 1 leaf')
  }
  const envelope = { type: type as LeafType, body }
  const canonical = encodeLeaf(envelope)
  if (canonical.length !== bytes.length || canonical.some((b, i) => b !== bytes[i])) {
    throw new LedgerError('LEDGER_LEAF_MALFORMED', 'the leaf is not in canonical form')
  }
  return { v: 1, ...envelope }
}
