import { parseStrictJson } from '../crypto/strict-json.js'
import { canonicalJson, sha256Hex } from '../crypto/index.js'
import { TrackingError, type TrackingIssue } from './tracking-error.js'
import {
  eventTypeCodeOf,
  equipmentReferenceOf,
  shipmentKeyOf,
  transportCallOf,
  unLocationCodeOf,
  type TrackingEvent,
  type TransportCall,
} from './tracking-event.js'
import { parseEventTime } from './event-time.js'
import { validateTrackingEvent, type ValidateEventOptions } from './validate-event.js'

/** Largest batch accepted in one call, by default. */
export const DEFAULT_MAX_BATCH_EVENTS = 10_000

/** A validated event with the fields storage indexes, and the hash that makes ingestion idempotent. */
export interface PreparedEvent {
  readonly event: TrackingEvent
  readonly eventID: string
  /** RFC 8785 JSON of the event: what is stored and what the ledger leaf commits to. */
  readonly canonical: string
  /** Lower-case hex SHA-256 of {@link canonical}. */
  readonly contentHash: string
  readonly eventMs: number
  readonly createdMs: number
  readonly shipmentKey: string | undefined
  readonly equipmentReference: string | undefined
  readonly transportCallID: string | undefined
  readonly transportCallSequenceNumber: number | undefined
  /**
   * The conveyance a transport call belongs to (mode, service and voyage or train number), when
   * the event names a voyage: sequence numbers are only comparable within one conveyance.
   */
  readonly conveyanceKey: string | undefined
  readonly UNLocationCode: string | undefined
  readonly typeCode: string
}

/** An event refused, with the position it had in its batch and every reason. */
export interface RejectedEvent {
  readonly index: number
  readonly eventID?: string
  readonly issues: readonly TrackingIssue[]
}

/** One item read from a batch: a JSON value, or why its line could not be parsed. */
export type BatchItem =
  | { readonly index: number; readonly value: unknown }
  | { readonly index: number; readonly parseError: string }

/**
 * Reads a batch body: a JSON array of events, or NDJSON (one event per line; blank lines ignored).
 * A line that is not JSON becomes an item with `parseError`, so the rest of the batch survives.
 */
export function parseEventBatch(text: string): readonly BatchItem[] {
  const trimmed = text.trimStart()
  if (trimmed.startsWith('[')) {
    const strict = parseStrictJson(trimmed)
    if (strict.error) {
      throw new TrackingError(
        'TRACKING_BATCH_MALFORMED',
        strict.error.code === 'JSON_SYNTAX'
          ? 'the batch is not a valid JSON array'
          : `the batch is not strict JSON: ${strict.error.path}: ${strict.error.message}`,
      )
    }
    const parsed = strict.value
    if (!Array.isArray(parsed)) {
      throw new TrackingError('TRACKING_BATCH_MALFORMED', 'the batch is not a JSON array')
    }
    return parsed.map((value, index) => ({ index, value }))
  }
  const items: BatchItem[] = []
  const lines = text.split('\n')
  let index = 0
  for (const line of lines) {
    if (line.trim() === '') continue
    const strict = parseStrictJson(line)
    if (!strict.error) items.push({ index, value: strict.value })
    else if (strict.error.code === 'JSON_SYNTAX') {
      items.push({ index, parseError: `line ${index + 1} is not JSON` })
    } else {
      items.push({ index, parseError: `line ${index + 1}: ${strict.error.message}` })
    }
    index++
  }
  return items
}

/** Options of {@link prepareEvent} and {@link prepareEventBatch}. */
export interface PrepareOptions extends ValidateEventOptions {
  /**
   * Lower-case hex SHA-256 of a string. Defaults to the pure `sha256Hex` of the crypto module;
   * a server may pass a native one (same result, several times faster).
   */
  readonly sha256Hex?: (text: string) => string
}

/** Validates one event and computes its canonical form, hash and index fields. */
export function prepareEvent(
  input: unknown,
  options: PrepareOptions = {},
):
  | { readonly ok: true; readonly prepared: PreparedEvent }
  | { readonly ok: false; readonly issues: readonly TrackingIssue[] } {
  const result = validateTrackingEvent(input, options)
  if (!result.ok) return result
  const event = result.event
  const canonical = canonicalJson(event)
  const call = transportCallOf(event)
  return {
    ok: true,
    prepared: {
      event,
      eventID: event.eventID.toLowerCase(),
      canonical,
      contentHash: (options.sha256Hex ?? sha256Hex)(canonical),
      eventMs: parseEventTime(event.eventDateTime) as number,
      createdMs: parseEventTime(event.eventCreatedDateTime) as number,
      shipmentKey: shipmentKeyOf(event),
      equipmentReference: equipmentReferenceOf(event),
      transportCallID: call?.transportCallID,
      transportCallSequenceNumber: call?.transportCallSequenceNumber,
      conveyanceKey: conveyanceKeyOf(call),
      UNLocationCode: unLocationCodeOf(event),
      typeCode: eventTypeCodeOf(event),
    },
  }
}

function conveyanceKeyOf(call: TransportCall | undefined): string | undefined {
  const voyage = call?.exportVoyageNumber ?? call?.importVoyageNumber
  if (call === undefined || voyage === undefined) return undefined
  return `${call.modeOfTransport}|${call.carrierServiceCode ?? ''}|${voyage}`
}

/** Result of {@link prepareEventBatch}. */
export interface PreparedBatch {
  /** Valid events, first occurrence of each eventID, in batch order. */
  readonly valid: readonly PreparedEvent[]
  /** Repeats of an event already in this batch with identical content (idempotent, not an error). */
  readonly duplicates: readonly { readonly index: number; readonly eventID: string }[]
  readonly rejected: readonly RejectedEvent[]
}

/**
 * Validates every item of a batch, keeping the valid ones and returning the rest with reasons.
 * Within the batch, a repeated eventID with the same content is a duplicate and with different
 * content a `TRACKING_EVENT_ID_CONFLICT`. Throws `TRACKING_BATCH_TOO_LARGE` over `maxEvents`.
 */
export function prepareEventBatch(
  items: readonly BatchItem[],
  options: PrepareOptions & { readonly maxEvents?: number } = {},
): PreparedBatch {
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_BATCH_EVENTS
  if (items.length > maxEvents) {
    throw new TrackingError(
      'TRACKING_BATCH_TOO_LARGE',
      `a batch holds at most ${maxEvents} events; this one has ${items.length}`,
    )
  }
  const valid: PreparedEvent[] = []
  const duplicates: { index: number; eventID: string }[] = []
  const rejected: RejectedEvent[] = []
  const seen = new Map<string, string>()
  for (const item of items) {
    if ('parseError' in item) {
      rejected.push({
        index: item.index,
        issues: [{ path: '', code: 'TRACKING_BATCH_MALFORMED', message: item.parseError }],
      })
      continue
    }
    const result = prepareEvent(item.value, options)
    if (!result.ok) {
      const id = (item.value as { eventID?: unknown } | null)?.eventID
      rejected.push({
        index: item.index,
        ...(typeof id === 'string' ? { eventID: id } : {}),
        issues: result.issues,
      })
      continue
    }
    const { prepared } = result
    const earlier = seen.get(prepared.eventID)
    if (earlier === undefined) {
      seen.set(prepared.eventID, prepared.contentHash)
      valid.push(prepared)
    } else if (earlier === prepared.contentHash) {
      duplicates.push({ index: item.index, eventID: prepared.eventID })
    } else {
      rejected.push({
        index: item.index,
        eventID: prepared.eventID,
        issues: [eventIdConflict()],
      })
    }
  }
  return { valid, duplicates, rejected }
}

/** The issue reported when an eventID is reused with different content. */
export function eventIdConflict(): TrackingIssue {
  return {
    path: '/eventID',
    code: 'TRACKING_EVENT_ID_CONFLICT',
    message: 'this eventID is already recorded with different content',
  }
}

/** Wraps already-parsed values (a JSON array) as batch items. */
export function toBatchItems(values: readonly unknown[]): readonly BatchItem[] {
  return values.map((value, index) => ({ index, value }))
}
