import {
  eventIdConflict,
  findTimeContradiction,
  formatEventTime,
  type EventStore,
  type PreparedEvent,
  type StoredEvent,
  type TrackingEvent,
  type TrackingIssue,
  type TransportMilestoneTime,
} from '@landsea/core/tracking'
import type { Kysely, Transaction } from 'kysely'
import { bulkInsert } from './bulk-insert.js'
import { appendLeaves } from './ledger-store.js'
import type { Schema } from './schema.js'
import { uniqueViolation } from './storage-error.js'

// Rows per INSERT and ids per IN (...): 15 columns × 1000 rows stays under both databases'
// bound-parameter limits.
const CHUNK = 1000

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** The columns of `tracking_events`, in the order of {@link trackingEventValues}. */
export const TRACKING_EVENT_COLUMNS: readonly string[] = [
  'event_id',
  'content_hash',
  'event_type',
  'classifier',
  'type_code',
  'event_ms',
  'created_ms',
  'shipment_key',
  'equipment_reference',
  'transport_call_id',
  'call_seq',
  'conveyance_key',
  'un_location_code',
  'leaf_index',
  'body',
]

/** The `tracking_events` row of a prepared event whose leaf is at `leafIndex`. */
export function trackingEventValues(e: PreparedEvent, leafIndex: number): unknown[] {
  return [
    e.eventID,
    e.contentHash,
    e.event.eventType,
    e.event.eventClassifierCode,
    e.typeCode,
    e.eventMs,
    e.createdMs,
    e.shipmentKey ?? null,
    e.equipmentReference ?? null,
    e.transportCallID ?? null,
    e.transportCallSequenceNumber ?? null,
    e.conveyanceKey ?? null,
    e.UNLocationCode ?? null,
    leafIndex,
    e.canonical,
  ]
}

function toStored(row: { body: string; leaf_index: number }): StoredEvent {
  return { event: JSON.parse(row.body) as TrackingEvent, leafIndex: Number(row.leaf_index) }
}

const encoder = new TextEncoder()

/**
 * The `tracking-event` leaf of an event. The event's RFC 8785 form is already at hand, so the
 * envelope is written around it instead of canonicalising the event a second time: the bytes
 * equal `encodeLeaf({ type: 'tracking-event', body: event })` (keys body < type < v), which the
 * contract test checks.
 */
export function trackingEventLeaf(e: PreparedEvent): Uint8Array {
  return encoder.encode(`{"body":${e.canonical},"type":"tracking-event","v":1}`)
}

function isActualTransport(e: PreparedEvent): boolean {
  return e.event.eventType === 'TRANSPORT' && e.event.eventClassifierCode === 'ACT'
}

async function ingestIn(trx: Transaction<Schema>, events: readonly PreparedEvent[]) {
  const duplicates: string[] = []
  const rejected: { eventID: string; issues: readonly TrackingIssue[] }[] = []
  const existing = new Map<string, string>()
  for (const ids of chunks(events.map((e) => e.eventID))) {
    const rows = await trx
      .selectFrom('tracking_events')
      .select(['event_id', 'content_hash'])
      .where('event_id', 'in', ids)
      .execute()
    for (const r of rows) existing.set(r.event_id, r.content_hash)
  }
  let fresh: PreparedEvent[] = []
  for (const e of events) {
    const hash = existing.get(e.eventID)
    if (hash === undefined) fresh.push(e)
    else if (hash === e.contentHash) duplicates.push(e.eventID)
    else rejected.push({ eventID: e.eventID, issues: [eventIdConflict()] })
  }

  // Impossible times are judged against the shipment's actual transport events, stored or
  // earlier in this batch; an event arriving late is fine when its time fits.
  const keys = [...new Set(fresh.filter(isActualTransport).map((e) => e.shipmentKey))].filter(
    (k): k is string => k !== undefined,
  )
  if (keys.length > 0) {
    const known = new Map<string, TransportMilestoneTime[]>()
    for (const part of chunks(keys)) {
      const rows = await trx
        .selectFrom('tracking_events')
        .select([
          'event_id',
          'type_code',
          'event_ms',
          'transport_call_id',
          'call_seq',
          'conveyance_key',
          'shipment_key',
        ])
        .where('shipment_key', 'in', part)
        .where('event_type', '=', 'TRANSPORT')
        .where('classifier', '=', 'ACT')
        .execute()
      for (const r of rows) {
        const list = known.get(r.shipment_key as string) ?? []
        list.push({
          eventID: r.event_id,
          typeCode: r.type_code,
          eventMs: Number(r.event_ms),
          transportCallID: r.transport_call_id ?? undefined,
          transportCallSequenceNumber: r.call_seq ?? undefined,
          conveyanceKey: r.conveyance_key ?? undefined,
        })
        known.set(r.shipment_key as string, list)
      }
    }
    const kept: PreparedEvent[] = []
    for (const e of fresh) {
      if (isActualTransport(e) && e.shipmentKey !== undefined) {
        const list = known.get(e.shipmentKey) ?? []
        const issue = findTimeContradiction(e, list)
        if (issue !== undefined) {
          rejected.push({ eventID: e.eventID, issues: [issue] })
          continue
        }
        list.push(e)
        known.set(e.shipmentKey, list)
      }
      kept.push(e)
    }
    fresh = kept
  }
  if (fresh.length === 0) return { accepted: [], duplicates, rejected }

  const { firstIndex } = await appendLeaves(
    trx,
    fresh.map(trackingEventLeaf),
    fresh.map(() => 'tracking-event'),
  )
  await bulkInsert(
    trx,
    'tracking_events',
    TRACKING_EVENT_COLUMNS,
    fresh.map((e, i) => trackingEventValues(e, firstIndex + i)),
  )
  return {
    accepted: fresh.map((e, i) => ({ eventID: e.eventID, leafIndex: firstIndex + i })),
    duplicates,
    rejected,
  }
}

/**
 * The database {@link EventStore}: events and their `tracking-event` ledger leaves are written in
 * one transaction, so every stored event is provably in the log and no leaf lacks its event.
 */
export function createEventStore(db: Kysely<Schema>): EventStore {
  const byTime = (column: 'shipment_key' | 'equipment_reference', value: string) =>
    db
      .selectFrom('tracking_events')
      .select(['body', 'leaf_index'])
      .where(column, '=', value)
      .orderBy('event_ms')
      .orderBy('event_id')
      .execute()
      .then((rows) => rows.map(toStored))

  return {
    async ingest(events) {
      try {
        return await db.transaction().execute((trx) => ingestIn(trx, events))
      } catch (error) {
        // A concurrent batch stored one of these eventIDs first: run again, and the repeat is
        // then seen as a duplicate or a conflict like any other.
        if (uniqueViolation(error)) return db.transaction().execute((trx) => ingestIn(trx, events))
        throw error
      }
    },

    async getEvent(eventID) {
      const row = await db
        .selectFrom('tracking_events')
        .select(['body', 'leaf_index'])
        .where('event_id', '=', eventID.toLowerCase())
        .executeTakeFirst()
      return row && toStored(row)
    },

    async listEvents(query) {
      let q = db.selectFrom('tracking_events').select(['body', 'leaf_index'])
      if (query.eventType) q = q.where('event_type', '=', query.eventType)
      if (query.shipmentKey) q = q.where('shipment_key', '=', query.shipmentKey)
      if (query.equipmentReference)
        q = q.where('equipment_reference', '=', query.equipmentReference)
      if (query.transportCallID) q = q.where('transport_call_id', '=', query.transportCallID)
      if (query.UNLocationCode) q = q.where('un_location_code', '=', query.UNLocationCode)
      if (query.typeCode) q = q.where('type_code', '=', query.typeCode)
      if (query.afterLeafIndex !== undefined) q = q.where('leaf_index', '>', query.afterLeafIndex)
      const rows = await q
        .orderBy('leaf_index')
        .limit(query.limit ?? 100)
        .execute()
      return rows.map(toStored)
    },

    eventsOfShipment: (shipmentKey) => byTime('shipment_key', shipmentKey),
    eventsOfEquipment: (equipmentReference) => byTime('equipment_reference', equipmentReference),

    async listShipments({ limit = 100, shipmentKeys } = {}) {
      if (shipmentKeys !== undefined && shipmentKeys.length === 0) return []
      let query = db
        .selectFrom('tracking_events')
        .select((eb) => [
          'shipment_key',
          eb.fn.countAll<number>().as('event_count'),
          eb.fn.min('event_ms').as('first_ms'),
          eb.fn.max('event_ms').as('last_ms'),
        ])
        .where('shipment_key', 'is not', null)
      if (shipmentKeys !== undefined) query = query.where('shipment_key', 'in', shipmentKeys)
      const rows = await query
        .groupBy('shipment_key')
        .orderBy('last_ms', 'desc')
        .limit(limit)
        .execute()
      return rows.map((r) => ({
        shipmentKey: r.shipment_key as string,
        eventCount: Number(r.event_count),
        firstEventAt: formatEventTime(Number(r.first_ms)),
        lastEventAt: formatEventTime(Number(r.last_ms)),
      }))
    },
  }
}
