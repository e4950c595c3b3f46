import {
  ingestObjectEvents,
  objectKeyOf,
  TrackingError,
  type EpcisImport,
  type IngestReport,
  type ObjectEventStore,
  type ObjectKey,
  type StoredObjectEvent,
} from '@landsea/core/tracking'
import { nativeSha256Hex } from '../crypto/node-sha256.js'

/** An object's EPCIS events, under the canonical key its URI names. */
export interface ObjectEventsView {
  readonly object: ObjectKey
  readonly events: readonly (StoredObjectEvent & { readonly shipmentKey?: string })[]
}

/**
 * Stores the events of GS1-keyed objects an EPCIS import found and adds them to the report of
 * its T&T events: rejections by position in `epcisBody.eventList`.
 */
export async function addObjectEvents(
  store: ObjectEventStore,
  mapped: EpcisImport,
  report: IngestReport,
  now: () => number,
): Promise<IngestReport> {
  if (mapped.objectEvents.length === 0) return report
  const result = await ingestObjectEvents(
    store,
    mapped.objectEvents.map((o) => o.event),
    { sha256Hex: nativeSha256Hex, now },
  )
  const indexOf = new Map(mapped.objectEvents.map((o) => [o.event.eventID, o.index]))
  return {
    accepted: report.accepted + result.accepted.length,
    acceptedEvents: [...report.acceptedEvents, ...result.accepted],
    duplicates: [...report.duplicates, ...result.duplicates],
    rejected: [
      ...report.rejected,
      ...result.rejected.map((r) => ({
        index: indexOf.get(r.eventID) ?? -1,
        eventID: r.eventID,
        issues: r.issues,
      })),
    ],
  }
}

/**
 * The EPCIS events naming an object, in event-time order, found by any form of its key (EPC URN
 * or GS1 Digital Link on any domain); `TRACKING_GS1_KEY_INVALID` for a GS1 key written wrongly,
 * `TRACKING_NOT_FOUND` when the node holds none.
 */
export async function objectEventsOf(
  store: ObjectEventStore,
  uri: string,
): Promise<ObjectEventsView> {
  const object = objectKeyOf(uri)
  if (typeof object === 'string') {
    throw new TrackingError('TRACKING_GS1_KEY_INVALID', object, {
      issues: [{ path: '/key', code: 'TRACKING_GS1_KEY_INVALID', message: object }],
    })
  }
  const events = await store.eventsOfObject(object.key)
  if (events.length === 0)
    throw new TrackingError('TRACKING_NOT_FOUND', `no events for ${object.key}`)
  return { object, events }
}
