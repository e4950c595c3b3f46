import { PostgresAdapter, sql, type Kysely } from 'kysely'
import { createRegisterIndexes, withRowColumns } from './0010-privacy-transfers.js'

/**
 * A leaner transfer register row (docs/privacy.md, "Cost"): each gated delivery writes one, so
 * what each insert maintains is what the register's queries need and no more.
 *
 * - `canonical`: 1 when `record` is the record's RFC 8785 text, which the seal then wraps in its
 *   leaf envelope as it is (no parse, no second canonicalisation); 0 for rows written before, or by
 *   an older process, whose text is parsed and encoded as before.
 * - No unique index on `record_id`: no query looks a row up by it (a random UUID the gate makes per
 *   record); one row per intent stays enforced by `intent_id`'s.
 * - SQLite: `seq` without `AUTOINCREMENT` (no `sqlite_sequence` update per insert). Rows are never
 *   deleted, so the next rowid is still above every earlier one, as the register's catch-up by
 *   `seq` needs. The table is rebuilt (SQLite drops neither a column constraint nor `AUTOINCREMENT`)
 *   with its rows and their sequence numbers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // The name PostgreSQL gave the column's unique constraint in 0010 (`<table>_<column>_key`).
    await sql`alter table privacy_transfers drop constraint privacy_transfers_record_id_key`.execute(
      db,
    )
    await db.schema
      .alterTable('privacy_transfers')
      .addColumn('canonical', 'integer', (c) => c.notNull().defaultTo(0))
      .execute()
    return
  }
  await withRowColumns(
    db.schema
      .createTable('privacy_transfers_0013')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('record_id', 'text', (c) => c.notNull()),
  )
    .addColumn('canonical', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await sql`insert into privacy_transfers_0013
    (seq, record_id, intent_id, delivery_id, recorded_at, record, leaf_index, settled_at)
    select seq, record_id, intent_id, delivery_id, recorded_at, record, leaf_index, settled_at
    from privacy_transfers`.execute(db)
  await db.schema.dropTable('privacy_transfers').execute()
  await sql`alter table privacy_transfers_0013 rename to privacy_transfers`.execute(db)
  // The partial indexes of 0010, dropped with the old table.
  await createRegisterIndexes(db)
}
