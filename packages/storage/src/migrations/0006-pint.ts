import type { Kysely } from 'kysely'

/**
 * DCSA PINT 3.0 (docs/pint.md): the platform directory, transfers out (the outbox) and in (the
 * inbox, with the additional documents received), and the lock on a bill being transferred out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The id of the transfer out that holds the bill; every title write requires it null.
  await db.schema.alterTable('ebl_documents').addColumn('pint_lock', 'text').execute()

  await db.schema
    .createTable('pint_platforms')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('jwks', 'text', (c) => c.notNull())
    .addColumn('parties', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('pint_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('ebl_documents.id'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('envelope', 'text', (c) => c.notNull())
    .addColumn('last_entry_checksum', 'text', (c) => c.notNull().unique())
    .addColumn('documents', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('response_code', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('pint_outbox_status').on('pint_outbox').column('status').execute()
  await db.schema
    .createIndex('pint_outbox_document')
    .on('pint_outbox')
    .column('document_id')
    .execute()

  await db.schema
    .createTable('pint_inbox')
    .addColumn('reference', 'text', (c) => c.primaryKey())
    .addColumn('document_checksum', 'text', (c) => c.notNull())
    .addColumn('last_entry_checksum', 'text', (c) => c.notNull().unique())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('envelope', 'text', (c) => c.notNull())
    .addColumn('manifest', 'text', (c) => c.notNull())
    .addColumn('documents', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('pint_inbox_document')
    .on('pint_inbox')
    .column('document_checksum')
    .execute()

  await db.schema
    .createTable('pint_inbox_documents')
    .addColumn('reference', 'text', (c) => c.notNull().references('pint_inbox.reference'))
    .addColumn('checksum', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pint_inbox_documents_pk', ['reference', 'checksum'])
    .execute()
}
