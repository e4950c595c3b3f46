import {
  formatEventTime,
  type EventFacts,
  type EventStore,
  type PreparedEvent,
  type StoredEvent,
  type TrackingEvent,
  type TransportMilestoneTime,
} from '@landsea/core/tracking'
import type { Kysely } from 'kysely'
import { bulkInsert } from './bulk-insert.js'
import { dialectOf, type Executor } from './dialect.js'
import { appendLeaves } from './ledger-append.js'
import type { Schema } from './schema.js'

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

/** {@link EventFacts} read through `db`, or through a transaction to read within it. */
function eventFacts(db: Executor): EventFacts {
  return {
    async findContentHashes(eventIDs) {
      const hashes = new Map<string, string>()
      for (const ids of chunks(eventIDs)) {
        const rows = await db
          .selectFrom('tracking_events')
          .select(['event_id', 'content_hash'])
          .where('event_id', 'in', ids)
          .execute()
        for (const r of rows) hashes.set(r.event_id, r.content_hash)
      }
      return hashes
    },

    async findTransportTimes(shipmentKeys) {
      const times = new Map<string, TransportMilestoneTime[]>()
      for (const keys of chunks(shipmentKeys)) {
        const rows = await db
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
          .where('shipment_key', 'in', keys)
          .where('event_type', '=', 'TRANSPORT')
          .where('classifier', '=', 'ACT')
          .execute()
        for (const r of rows) {
          const list = times.get(r.shipment_key as string) ?? []
          list.push({
            eventID: r.event_id,
            typeCode: r.type_code,
            eventMs: Number(r.event_ms),
            transportCallID: r.transport_call_id ?? undefined,
            transportCallSequenceNumber: r.call_seq ?? undefined,
            conveyanceKey: r.conveyance_key ?? undefined,
          })
          times.set(r.shipment_key as string, list)
        }
      }
      return times
    },
  }
}

/**
 * The database {@link EventStore}: events and their ledger leaves are written in one
 * transaction, so every stored event is provably in the log and no leaf lacks its event; the
 * ingest is planned inside that transaction, under the ledger head.
 */
export function createEventStore(db: Kysely<Schema>): EventStore {
  const dialect = dialectOf(db)
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
    ...eventFacts(db),

    async appendPlanned(plan) {
      return db.transaction().execute(async (trx) => {
        // The head first: an update takes PostgreSQL's row lock and SQLite's write lock, so every
        // other append waits until this transaction ends and the facts read below stay true.
        await trx
          .updateTable('ledger_head')
          .set((eb) => ({ tree_size: eb.ref('tree_size') }))
          .where('id', '=', 1)
          .execute()
        const planned = await plan(eventFacts(trx))
        const { writes } = planned
        if (writes.length === 0) return { plan: planned, firstLeafIndex: 0 }
        const appended = await appendLeaves(
          trx,
          dialect,
          writes.map((w) => w.leaf),
        )
        await bulkInsert(
          trx,
          dialect,
          'tracking_events',
          TRACKING_EVENT_COLUMNS,
          writes.map((w, i) => trackingEventValues(w.event, appended.firstIndex + i)),
        )
        return { plan: planned, firstLeafIndex: appended.firstIndex }
      })
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
