import { canonicalJson, sha256Hex } from '../crypto/index.js'
import { objectKeyOf } from './gs1-keys.js'
import type { TrackingIssue } from './tracking-error.js'

/**
 * The part an object plays in an EPCIS 2.0 event (§7.3): observed (`epc`), a parent and its
 * children (aggregation, association), inputs and outputs (transformation), a quantity of a class,
 * or where and with what it was sensed (a sensor event names no object but its place and device).
 */
export type ObjectRole =
  | 'epc'
  | 'parent'
  | 'child'
  | 'input'
  | 'output'
  | 'quantity'
  | 'childQuantity'
  | 'inputQuantity'
  | 'outputQuantity'
  | 'readPoint'
  | 'bizLocation'
  | 'sensorDevice'

/** One object an event names and the part it plays. */
export interface EventObject {
  readonly key: string
  readonly role: ObjectRole
}

/**
 * An EPCIS 2.0 event kept as GS1 wrote it (any of the five event types, with its quantities,
 * sensor data and extensions), filed under the objects it names.
 */
export interface ObjectEvent {
  /** The event's `eventID`, or one derived from its content when it has none (EPCIS makes it optional). */
  readonly eventID: string
  readonly eventType: string
  readonly eventTime: string
  readonly eventMs: number
  /** The transport document reference of a `bol` business transaction, when the event names one. */
  readonly shipmentKey?: string
  readonly objects: readonly EventObject[]
  /** The event as GS1 wrote it, with `eventID` set: what its content hash covers. */
  readonly event: Readonly<Record<string, unknown>>
  /** The document's `@context` when it declares extension namespaces: stored with the event. */
  readonly context?: unknown
}

const EPC_LISTS: readonly (readonly [string, ObjectRole])[] = [
  ['epcList', 'epc'],
  ['childEPCs', 'child'],
  ['inputEPCList', 'input'],
  ['outputEPCList', 'output'],
]
const QUANTITY_LISTS: readonly (readonly [string, ObjectRole])[] = [
  ['quantityList', 'quantity'],
  ['childQuantityList', 'childQuantity'],
  ['inputQuantityList', 'inputQuantity'],
  ['outputQuantityList', 'outputQuantity'],
]

/** Every URI the event names, with its role and its JSON Pointer in the event. */
function namedUris(
  e: Readonly<Record<string, unknown>>,
): { uri: unknown; role: ObjectRole; at: string }[] {
  const found: { uri: unknown; role: ObjectRole; at: string }[] = []
  const list = (name: string) => (Array.isArray(e[name]) ? (e[name] as unknown[]) : [])
  if (e['parentID'] !== undefined)
    found.push({ uri: e['parentID'], role: 'parent', at: '/parentID' })
  for (const [name, role] of EPC_LISTS)
    list(name).forEach((uri, i) => found.push({ uri, role, at: `/${name}/${i}` }))
  for (const [name, role] of QUANTITY_LISTS)
    list(name).forEach((q, i) =>
      found.push({
        uri: (q as { epcClass?: unknown } | null)?.epcClass,
        role,
        at: `/${name}/${i}/epcClass`,
      }),
    )
  for (const name of ['readPoint', 'bizLocation'] as const) {
    const id = (e[name] as { id?: unknown } | undefined)?.id
    if (id !== undefined) found.push({ uri: id, role: name, at: `/${name}/id` })
  }
  list('sensorElementList').forEach((s, i) => {
    const device = (s as { sensorMetadata?: { deviceID?: unknown } } | null)?.sensorMetadata
      ?.deviceID
    if (device !== undefined)
      found.push({
        uri: device,
        role: 'sensorDevice',
        at: `/sensorElementList/${i}/sensorMetadata/deviceID`,
      })
  })
  return found
}

function bolOf(e: Readonly<Record<string, unknown>>): string | undefined {
  const list = Array.isArray(e['bizTransactionList']) ? (e['bizTransactionList'] as unknown[]) : []
  for (const t of list) {
    const { type, bizTransaction } = (t ?? {}) as { type?: unknown; bizTransaction?: unknown }
    const isBol =
      type === 'bol' ||
      type === 'urn:epcglobal:cbv:btt:bol' ||
      type === 'https://ref.gs1.org/cbv/BTT-bol'
    if (isBol && typeof bizTransaction === 'string')
      return bizTransaction.replace(/^urn:landsea:bol:/, '')
  }
  return undefined
}

/**
 * Reads one EPCIS 2.0 event (already valid under GS1's schema) as an event of the objects it
 * names: every GS1 key is filed under its canonical Digital Link ({@link objectKeyOf}); a GS1 key
 * written wrongly is refused with its place in the event. An event without eventID gets one from
 * the SHA-256 of its RFC 8785 form (`urn:landsea:epcis-event:<hex>`, not GS1's event hash). The
 * document's `@context` travels with the event when it declares extension namespaces, so the
 * event's extension fields keep their meaning on export. Input is hostile: this never throws.
 */
export function readObjectEvent(
  raw: unknown,
  path: string,
  context?: unknown,
): ObjectEvent | TrackingIssue[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return [
      { path, code: 'TRACKING_EPCIS_UNSUPPORTED', message: 'an EPCIS event must be an object' },
    ]
  const e = raw as Readonly<Record<string, unknown>>
  const issues: TrackingIssue[] = []
  const objects = new Map<string, EventObject>()
  for (const { uri, role, at } of namedUris(e)) {
    if (typeof uri !== 'string') continue // GS1's schema has refused it already
    const key = objectKeyOf(uri)
    if (typeof key === 'string')
      issues.push({ path: `${path}${at}`, code: 'TRACKING_GS1_KEY_INVALID', message: key })
    else objects.set(`${role} ${key.key}`, { key: key.key, role })
  }
  const eventMs = typeof e['eventTime'] === 'string' ? Date.parse(e['eventTime']) : NaN
  if (Number.isNaN(eventMs))
    issues.push({
      path: `${path}/eventTime`,
      code: 'TRACKING_FIELD_INVALID',
      message: 'eventTime is not a date-time',
    })
  if (objects.size === 0 && issues.length === 0)
    issues.push({
      path,
      code: 'TRACKING_EPCIS_UNSUPPORTED',
      message: 'the event names no object, place or sensor',
    })
  if (issues.length > 0) return issues
  const eventID =
    typeof e['eventID'] === 'string'
      ? e['eventID']
      : `urn:landsea:epcis-event:${sha256Hex(canonicalJson(e))}`
  const shipmentKey = bolOf(e)
  return {
    eventID,
    eventType: typeof e['type'] === 'string' ? e['type'] : 'ObjectEvent',
    eventTime: e['eventTime'] as string,
    eventMs,
    ...(shipmentKey !== undefined ? { shipmentKey } : {}),
    objects: [...objects.values()],
    event: { ...e, eventID },
    ...(context !== undefined && e['@context'] === undefined ? { context } : {}),
  }
}
