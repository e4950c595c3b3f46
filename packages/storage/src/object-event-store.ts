import type { ObjectEventStore } from '@landsea/core/tracking'
import type { Kysely } from 'kysely'
import { bulkInsert } from './bulk-insert.js'
import { dialectOf } from './dialect.js'
import { appendRowsWithLeaves } from './rows-with-leaves.js'
import type { Schema } from './schema.js'

const EVENT_COLUMNS = [
  'event_id',
  'content_hash',
  'event_type',
  'event_ms',
  'shipment_key',
  'leaf_index',
  'body',
] as const
const OBJECT_COLUMNS = ['object_key', 'event_id', 'role', 'event_ms'] as const
const CHUNK = 1000

/**
 * The database {@link ObjectEventStore}: an event, the objects it names and its ledger leaf are
 * written in one transaction (as T&T events are), so every stored event is provably in the log.
 */
export function createObjectEventStore(db: Kysely<Schema>): ObjectEventStore {
  const dialect = dialectOf(db)
  return {
    async findContentHashes(eventIDs) {
      const hashes = new Map<string, string>()
      for (let i = 0; i < eventIDs.length; i += CHUNK) {
        const rows = await db
          .selectFrom('epcis_events')
          .select(['event_id', 'content_hash'])
          .where('event_id', 'in', eventIDs.slice(i, i + CHUNK))
          .execute()
        for (const r of rows) hashes.set(r.event_id, r.content_hash)
      }
      return hashes
    },

    appendObjectEvents: (writes) =>
      appendRowsWithLeaves(
        db,
        dialect,
        writes.map((w) => w.leaf),
        async (trx, first) => {
          await bulkInsert(
            trx,
            dialect,
            'epcis_events',
            EVENT_COLUMNS,
            writes.map((w, i) => [
              w.event.eventID,
              w.contentHash,
              w.event.eventType,
              w.event.eventMs,
              w.event.shipmentKey ?? null,
              first + i,
              w.canonical,
            ]),
          )
          await bulkInsert(
            trx,
            dialect,
            'epcis_event_objects',
            OBJECT_COLUMNS,
            writes.flatMap((w) =>
              w.event.objects.map((o) => [o.key, w.event.eventID, o.role, w.event.eventMs]),
            ),
          )
        },
      ),

    async eventsOfObject(key) {
      const rows = await db
        .selectFrom('epcis_event_objects as o')
        .innerJoin('epcis_events as e', 'e.event_id', 'o.event_id')
        .select(['e.event_id', 'e.event_ms', 'e.body', 'e.leaf_index', 'e.shipment_key'])
        .distinct()
        .where('o.object_key', '=', key)
        .orderBy('e.event_ms')
        .orderBy('e.event_id')
        .execute()
      return rows.map((r) => ({
        event: JSON.parse(r.body) as Record<string, unknown>,
        leafIndex: Number(r.leaf_index),
        ...(r.shipment_key !== null ? { shipmentKey: r.shipment_key } : {}),
      }))
    },
  }
}
