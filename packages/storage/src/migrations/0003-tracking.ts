import type { Kysely } from 'kysely'

/**
 * Tracking events (one row per accepted DCSA T&T event, with its ledger leaf), webhook
 * subscriptions, their delivery log, and the last predicted arrival per shipment (ETA alerts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tracking_events')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('classifier', 'text', (c) => c.notNull())
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('event_ms', 'bigint', (c) => c.notNull())
    .addColumn('created_ms', 'bigint', (c) => c.notNull())
    .addColumn('shipment_key', 'text')
    .addColumn('equipment_reference', 'text')
    .addColumn('transport_call_id', 'text')
    .addColumn('call_seq', 'integer')
    .addColumn('conveyance_key', 'text')
    .addColumn('un_location_code', 'text')
    .addColumn('leaf_index', 'bigint', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute()
  // A timeline read is one index range scan, whatever the table size.
  await db.schema
    .createIndex('tracking_events_shipment')
    .on('tracking_events')
    .columns(['shipment_key', 'event_ms'])
    .execute()
  await db.schema
    .createIndex('tracking_events_equipment')
    .on('tracking_events')
    .columns(['equipment_reference', 'event_ms'])
    .execute()
  await db.schema
    .createIndex('tracking_events_leaf')
    .on('tracking_events')
    .column('leaf_index')
    .execute()

  await db.schema
    .createTable('tracking_subscriptions')
    .addColumn('subscription_id', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('callback_url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('filter', 'text', (c) => c.notNull())
    .addColumn('alerts', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('tracking_deliveries')
    .addColumn('delivery_id', 'text', (c) => c.primaryKey())
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_ms', 'bigint', (c) => c.notNull())
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute()
  await db.schema
    .createIndex('tracking_deliveries_due')
    .on('tracking_deliveries')
    .columns(['status', 'next_attempt_ms'])
    .execute()
  await db.schema
    .createIndex('tracking_deliveries_subscription')
    .on('tracking_deliveries')
    .columns(['subscription_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('tracking_shipment_eta')
    .addColumn('shipment_key', 'text', (c) => c.primaryKey())
    .addColumn('eta_p50_ms', 'bigint', (c) => c.notNull())
    .addColumn('predicted_at', 'text', (c) => c.notNull())
    .execute()
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'tracking_shipment_eta',
    'tracking_deliveries',
    'tracking_subscriptions',
    'tracking_events',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
