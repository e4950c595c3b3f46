import { sql, type Kysely } from 'kysely'

/**
 * A transfer out's envelope and documents (about 80 kB) in a row of their own
 * (`pint_outbox_payloads`), written once when the transfer is enqueued, so that recording each
 * attempt's outcome in `pint_outbox` (status, attempts, the signed answer) rewrites a small row
 * rather than the whole envelope: SQLite rewrites every column of a row it updates. Existing
 * transfers keep their payloads, copied before the columns are dropped.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pint_outbox_payloads')
    .addColumn('id', 'text', (c) => c.primaryKey().references('pint_outbox.id'))
    .addColumn('envelope', 'text', (c) => c.notNull())
    .addColumn('documents', 'text', (c) => c.notNull())
    .execute()
  await sql`insert into pint_outbox_payloads (id, envelope, documents)
    select id, envelope, documents from pint_outbox`.execute(db)
  await db.schema.alterTable('pint_outbox').dropColumn('envelope').execute()
  await db.schema.alterTable('pint_outbox').dropColumn('documents').execute()
}
