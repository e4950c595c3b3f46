import { sql, type Kysely } from 'kysely'

// `bytea` is PostgreSQL's byte string; SQLite accepts any type name and stores the bytes as a blob.
const bytes = sql`bytea`

/**
 * The Merkle log: leaves, the hashes of complete subtrees above them (so a proof is O(log n) row
 * reads at any size), the head that serialises appends, signed checkpoints, and the witness state.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ledger_leaves')
    .addColumn('leaf_index', 'bigint', (c) => c.primaryKey())
    .addColumn('leaf_hash', bytes, (c) => c.notNull())
    .addColumn('leaf_type', 'text', (c) => c.notNull())
    .addColumn('data', bytes, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('ledger_leaves_hash')
    .on('ledger_leaves')
    .column('leaf_hash')
    .execute()

  await db.schema
    .createTable('ledger_nodes')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('node_index', 'bigint', (c) => c.notNull())
    .addColumn('hash', bytes, (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_nodes_pk', ['level', 'node_index'])
    .execute()

  await db.schema
    .createTable('ledger_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('tree_size', 'bigint', (c) => c.notNull())
    .execute()
  await db
    .insertInto('ledger_head' as never)
    .values({ id: 1, tree_size: 0 } as never)
    .execute()

  await db.schema
    .createTable('ledger_checkpoints')
    .addColumn('tree_size', 'bigint', (c) => c.primaryKey())
    .addColumn('root_hash', bytes, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('witness_checkpoints')
    .addColumn('origin', 'text', (c) => c.primaryKey())
    .addColumn('tree_size', 'bigint', (c) => c.notNull())
    .addColumn('root_hash', bytes, (c) => c.notNull())
    .addColumn('checkpoint', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('witness_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('observed_at', 'text', (c) => c.notNull())
    .execute()
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'witness_evidence',
    'witness_checkpoints',
    'ledger_checkpoints',
    'ledger_head',
    'ledger_nodes',
    'ledger_leaves',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
