import { sql, type Kysely } from 'kysely'

/**
 * The log's right frontier (the hashes of the complete subtrees of `[0, tree_size)`, largest first,
 * concatenated) kept in the head row, so an append reads it with the lock it takes instead of
 * looking its nodes up. Null until the first append after this migration, which computes it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('ledger_head')
    .addColumn('frontier', sql`bytea`)
    .execute()
}
