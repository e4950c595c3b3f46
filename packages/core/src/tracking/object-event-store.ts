import { canonicalJson } from '../crypto/index.js'
import { encodeLeafWithCanonicalBody } from '../ledger/leaf-envelope.js'
import { eventIdConflict } from './event-batch.js'
import type { ObjectEvent } from './epcis-objects.js'
import type { TrackingIssue } from './tracking-error.js'

/** An EPCIS event of GS1-keyed objects as the node holds it, with the ledger leaf that commits to it. */
export interface StoredObjectEvent {
  readonly event: Readonly<Record<string, unknown>>
  readonly leafIndex: number
}

/** A new object event to store: its row and its `epcis-event` leaf. */
export interface ObjectEventWrite {
  readonly event: ObjectEvent
  /** RFC 8785 form of the event with its `@context` when it has one: the leaf's body and the stored text. */
  readonly canonical: string
  /** SHA-256 of the event as written (without a document's `@context`), for idempotent imports. */
  readonly contentHash: string
  readonly leaf: Uint8Array
}

/**
 * Port: where EPCIS events of GS1-keyed objects (SGTIN, SSCC, GRAI, GIAI, classes, places and
 * sensors) live, filed under every object they name. Like {@link EventStore} it decides nothing.
 */
export interface ObjectEventStore {
  /** The content hashes of the stored events among these eventIDs, by eventID. */
  findContentHashes(eventIDs: readonly string[]): Promise<ReadonlyMap<string, string>>
  /**
   * Stores the events, their object index and their leaves in one transaction; writes nothing
   * (`isWritten: false`) when one of the eventIDs was stored meanwhile.
   */
  appendObjectEvents(
    writes: readonly ObjectEventWrite[],
  ): Promise<
    { readonly isWritten: true; readonly firstLeafIndex: number } | { readonly isWritten: false }
  >
  /** The events naming this object key (any role), in event-time order, with their bol shipment key. */
  eventsOfObject(
    key: string,
  ): Promise<readonly (StoredObjectEvent & { readonly shipmentKey?: string })[]>
}

/** What became of a set of object events, by eventID. */
export interface ObjectIngestResult {
  readonly accepted: readonly { readonly eventID: string; readonly leafIndex: number }[]
  readonly duplicates: readonly string[]
  readonly rejected: readonly {
    readonly eventID: string
    readonly issues: readonly TrackingIssue[]
  }[]
}

/**
 * Stores object events idempotently by eventID: the same content again is a duplicate, other
 * content under a stored eventID is `TRACKING_EVENT_ID_CONFLICT`, an event in the future (beyond
 * `now`) is `TRACKING_TIME_IMPOSSIBLE`, the rest are written with their `epcis-event` leaves. A
 * concurrent ingest of the same eventIDs is re-planned once, as for T&T events.
 */
export async function ingestObjectEvents(
  store: ObjectEventStore,
  events: readonly ObjectEvent[],
  { sha256Hex, now }: { readonly sha256Hex: (text: string) => string; readonly now: () => number },
): Promise<ObjectIngestResult> {
  const rejected: { eventID: string; issues: readonly TrackingIssue[] }[] = []
  const seen = new Set<string>()
  const candidates: ObjectEventWrite[] = []
  const duplicates: string[] = []
  for (const event of events) {
    if (seen.has(event.eventID)) {
      duplicates.push(event.eventID)
      continue
    }
    seen.add(event.eventID)
    if (event.eventMs > now()) {
      rejected.push({ eventID: event.eventID, issues: [futureEvent(event)] })
      continue
    }
    const canonical = canonicalJson(
      event.context !== undefined ? { '@context': event.context, ...event.event } : event.event,
    )
    candidates.push({
      event,
      canonical,
      contentHash: sha256Hex(canonicalJson(event.event)),
      leaf: encodeLeafWithCanonicalBody({ type: 'epcis-event', canonicalBody: canonical }),
    })
  }
  for (let attempt = 1; ; attempt++) {
    const hashes = await store.findContentHashes(candidates.map((c) => c.event.eventID))
    const writes = candidates.filter((c) => !hashes.has(c.event.eventID))
    const stored = candidates.filter((c) => hashes.has(c.event.eventID))
    const again = stored.filter((c) => hashes.get(c.event.eventID) === c.contentHash)
    const conflicts = stored.filter((c) => hashes.get(c.event.eventID) !== c.contentHash)
    const settled = {
      duplicates: [...duplicates, ...again.map((c) => c.event.eventID)],
      rejected: [
        ...rejected,
        ...conflicts.map((c) => ({ eventID: c.event.eventID, issues: [eventIdConflict()] })),
      ],
    }
    if (writes.length === 0) return { accepted: [], ...settled }
    const written = await store.appendObjectEvents(writes)
    if (written.isWritten) {
      const accepted = writes.map((w, i) => ({
        eventID: w.event.eventID,
        leafIndex: written.firstLeafIndex + i,
      }))
      return { accepted, ...settled }
    }
    if (attempt === 2) throw new Error('concurrent ingests kept storing these eventIDs first')
  }
}

function futureEvent(event: ObjectEvent): TrackingIssue {
  return {
    path: '/eventTime',
    code: 'TRACKING_TIME_IMPOSSIBLE',
    message: `eventTime ${event.eventTime} is in the future: an EPCIS event records what happened`,
  }
}
