import { decodeLeaf } from '@landsea/core/ledger'
import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely, type SqlBool } from 'kysely'

/** A register row's columns after `seq` and `record_id`. */
export const withRowColumns = <T extends string, C extends string>(
  table: CreateTableBuilder<T, C>,
) =>
  table
    .addColumn('intent_id', 'text', (c) => c.unique())
    .addColumn('delivery_id', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .addColumn('leaf_index', 'bigint')
    .addColumn('settled_at', 'text')

/** The register's partial indexes: the intents not yet settled, the rows waiting for their leaf. */
export async function createRegisterIndexes(db: Kysely<unknown>): Promise<void> {
  // The intents not yet settled (few at any time: a partial index).
  await db.schema
    .createIndex('privacy_transfers_open')
    .on('privacy_transfers')
    .column('seq')
    .where(sql<SqlBool>`intent_id is not null and settled_at is null`)
    .execute()
  // The rows waiting for their leaf (few at any time: a partial index).
  await db.schema
    .createIndex('privacy_transfers_pending')
    .on('privacy_transfers')
    .column('seq')
    .where(sql.ref('leaf_index'), 'is', null)
    .execute()
}

/**
 * The transfer register's rows (docs/privacy.md, "Cost"): each transfer of personal data is one row
 * written before the send (record first), and gets its `privacy-transfer` ledger leaf when the
 * register seals its pending rows in a batch (`leaf_index` then set, in the same transaction as the
 * append). `delivery_id` names the webhook delivery whose own status settles the transfer's intent.
 * Register entries already in the ledger are copied in, with their leaf index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  await withRowColumns(
    db.schema
      .createTable('privacy_transfers')
      .addColumn('seq', postgres ? 'bigserial' : 'integer', (c) =>
        postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
      )
      .addColumn('record_id', 'text', (c) => c.notNull().unique()),
  ).execute()
  await createRegisterIndexes(db)
  const leaves = await (
    db as Kysely<{ ledger_leaves: { leaf_index: number; leaf_type: string; data: Uint8Array } }>
  )
    .selectFrom('ledger_leaves')
    .select(['leaf_index', 'data'])
    .where('leaf_type', '=', 'privacy-transfer')
    .orderBy('leaf_index')
    .execute()
  for (const { leaf_index, data } of leaves) {
    const record = decodeLeaf(data).body as {
      recordId: string
      recordedAt: string
      intentId?: string
    }
    await (db as Kysely<{ privacy_transfers: Record<string, unknown> }>)
      .insertInto('privacy_transfers')
      .values({
        record_id: record.recordId,
        intent_id: record.intentId ?? null,
        // A webhook intent names its delivery (`webhook:<subscription>:<delivery>`).
        delivery_id: record.intentId?.startsWith('webhook:')
          ? (record.intentId.split(':')[2] ?? null)
          : null,
        recorded_at: record.recordedAt,
        record: JSON.stringify(record),
        leaf_index: Number(leaf_index),
      })
      .execute()
  }
  await sql`update privacy_transfers set settled_at = 'before 0010'
    where intent_id in (select intent_id from privacy_transfer_intents)`.execute(db)
}
