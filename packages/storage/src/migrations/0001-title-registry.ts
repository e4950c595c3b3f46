import type { Kysely } from 'kysely'

/** Organisations, their keys, bills and the signed action chain. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('node_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text')
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('identifiers', 'text', (c) => c.notNull())
    .addColumn('did', 'text')
    .addColumn('api_key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('organisation_keys')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('kid', 'text', (c) => c.notNull())
    .addColumn('alg', 'text', (c) => c.notNull())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('private_jwk', 'text')
    .addColumn('is_active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .addPrimaryKeyConstraint('organisation_keys_pk', ['organisation_id', 'kid'])
    .execute()

  await db.schema
    .createTable('ebl_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('document_checksum', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('possessor', 'text', (c) => c.notNull())
    .addColumn('holder', 'text')
    .addColumn('shipper', 'text')
    .addColumn('consignee', 'text')
    .addColumn('last_entry_checksum', 'text')
    .addColumn('amends_id', 'text')
    .addColumn('amended_by_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('ebl_documents_reference_version', ['reference', 'version'])
    .execute()
  for (const column of ['possessor', 'holder', 'issuer', 'status'] as const) {
    await db.schema
      .createIndex(`ebl_documents_${column}`)
      .on('ebl_documents')
      .column(column)
      .execute()
  }

  await db.schema
    .createTable('ebl_entries')
    .addColumn('document_id', 'text', (c) => c.notNull().references('ebl_documents.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('jws', 'text', (c) => c.notNull())
    .addColumn('entry_checksum', 'text', (c) => c.notNull().unique())
    .addColumn('previous_key', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('signer_kid', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ebl_entries_pk', ['document_id', 'seq'])
    .addUniqueConstraint('ebl_entries_single_successor', ['previous_key'])
    .addUniqueConstraint('ebl_entries_nonce', ['document_id', 'nonce'])
    .execute()
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'ebl_entries',
    'ebl_documents',
    'organisation_keys',
    'organisations',
    'node_settings',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
