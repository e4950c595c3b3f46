import { encodeLeafWithCanonicalBody } from '../ledger/leaf-envelope.js'
import { eventIdConflict, type PreparedEvent } from './event-batch.js'
import {
  findTimeContradiction,
  isActualTransport,
  type TransportMilestoneTime,
} from './time-consistency.js'
import type { TrackingIssue } from './tracking-error.js'

/** A new event to store, with the ledger leaf that commits to it. */
export interface EventWrite {
  readonly event: PreparedEvent
  /** Its `tracking-event` leaf, appended in the same transaction as the event's row. */
  readonly leaf: Uint8Array
}

/** What the store already holds that a batch is judged against. */
export interface StoredEventFacts {
  /** Content hashes of the batch's eventIDs that are stored, by eventID. */
  readonly contentHashes: ReadonlyMap<string, string>
  /** Stored actual TRANSPORT events of the shipments {@link shipmentsToCheck} names, by shipment key. */
  readonly transportTimes: ReadonlyMap<string, readonly TransportMilestoneTime[]>
}

/** What to do with a batch of prepared events: which to write (with their leaves), which to refuse. */
export interface IngestPlan {
  /** New events in batch order, each with its leaf. */
  readonly writes: readonly EventWrite[]
  /** Already stored with identical content: nothing to write (an idempotent retry). */
  readonly duplicates: readonly string[]
  readonly rejected: readonly {
    readonly eventID: string
    readonly issues: readonly TrackingIssue[]
  }[]
}

/**
 * The shipments whose stored actual TRANSPORT events the time rules need: those of the batch's
 * actual TRANSPORT events that are not stored yet.
 */
export function shipmentsToCheck(
  events: readonly PreparedEvent[],
  contentHashes: ReadonlyMap<string, string>,
): string[] {
  const keys = new Set<string>()
  for (const e of events) {
    if (isActualTransport(e) && e.shipmentKey !== undefined && !contentHashes.has(e.eventID))
      keys.add(e.shipmentKey)
  }
  return [...keys]
}

/**
 * Plans the ingest of prepared events (first occurrence of each eventID, in batch order) against
 * what is stored: a stored eventID with the same content is a duplicate and with other content
 * `TRACKING_EVENT_ID_CONFLICT`; a new actual TRANSPORT event whose time contradicts its
 * shipment's stored or earlier accepted ones is `TRACKING_TIME_IMPOSSIBLE`; every other event is
 * written with its `tracking-event` leaf.
 */
export function planIngest(events: readonly PreparedEvent[], stored: StoredEventFacts): IngestPlan {
  const duplicates: string[] = []
  const rejected: { eventID: string; issues: readonly TrackingIssue[] }[] = []
  const fresh: PreparedEvent[] = []
  for (const e of events) {
    const hash = stored.contentHashes.get(e.eventID)
    if (hash === undefined) fresh.push(e)
    else if (hash === e.contentHash) duplicates.push(e.eventID)
    else rejected.push({ eventID: e.eventID, issues: [eventIdConflict()] })
  }

  // Impossible times are judged against the shipment's actual transport events, stored or
  // earlier in this batch; an event arriving late is fine when its time fits.
  const known = new Map<string, TransportMilestoneTime[]>()
  const writes: EventWrite[] = []
  for (const e of fresh) {
    if (isActualTransport(e) && e.shipmentKey !== undefined) {
      let list = known.get(e.shipmentKey)
      if (list === undefined) {
        list = [...(stored.transportTimes.get(e.shipmentKey) ?? [])]
        known.set(e.shipmentKey, list)
      }
      const issue = findTimeContradiction(e, list)
      if (issue !== undefined) {
        rejected.push({ eventID: e.eventID, issues: [issue] })
        continue
      }
      list.push(e)
    }
    writes.push({ event: e, leaf: trackingEventLeaf(e) })
  }
  return { writes, duplicates, rejected }
}

/**
 * The `tracking-event` leaf of a prepared event, `encodeLeaf({ type: 'tracking-event', body })`,
 * built around the RFC 8785 form already at hand instead of canonicalising the event again.
 */
export function trackingEventLeaf(e: PreparedEvent): Uint8Array {
  return encodeLeafWithCanonicalBody({ type: 'tracking-event', canonicalBody: e.canonical })
}
