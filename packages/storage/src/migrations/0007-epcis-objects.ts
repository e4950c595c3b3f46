import type { Kysely } from 'kysely'

/**
 * EPCIS 2.0 events of GS1-keyed objects (SGTIN, SSCC, GRAI, GIAI, GTIN and lot classes, places,
 * sensors), kept as GS1 wrote them with their ledger leaf, and the index of the objects each
 * names: one row per (object key, event, role), so an object's events are one index range scan.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('epcis_events')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('event_ms', 'bigint', (c) => c.notNull())
    .addColumn('shipment_key', 'text')
    .addColumn('leaf_index', 'bigint', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('epcis_event_objects')
    .addColumn('object_key', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('event_ms', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('epcis_event_objects_pk', ['object_key', 'event_id', 'role'])
    .execute()
  await db.schema
    .createIndex('epcis_event_objects_time')
    .on('epcis_event_objects')
    .columns(['object_key', 'event_ms'])
    .execute()
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('epcis_event_objects').execute()
  await db.schema.dropTable('epcis_events').execute()
}
