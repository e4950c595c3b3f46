import type { Kysely } from 'kysely'

/**
 * Identity: organisations' verification status (set when a legal-entity credential was verified),
 * the DID document cache, trust lists and recognition statements, issued credentials, Bitstring
 * status lists, and the one-time nonces of the join handshake.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('organisations')
    .addColumn('verification_status', 'text', (c) => c.notNull().defaultTo('unverified'))
    .execute()
  await db.schema.alterTable('organisations').addColumn('verification', 'text').execute()

  await db.schema
    .createTable('identity_did_documents')
    .addColumn('did', 'text', (c) => c.primaryKey())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('identity_trust_lists')
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('jws', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('identity_trust_lists_pk', ['authority', 'version'])
    .execute()

  await db.schema
    .createTable('identity_recognitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recogniser', 'text', (c) => c.notNull())
    .addColumn('recognised_jurisdiction', 'text', (c) => c.notNull())
    .addColumn('jws', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('identity_credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('credential', 'text', (c) => c.notNull())
    .addColumn('status_list', 'text')
    .addColumn('status_index', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('identity_credentials_organisation')
    .on('identity_credentials')
    .column('organisation_id')
    .execute()

  await db.schema
    .createTable('identity_status_lists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('bitstring', 'text', (c) => c.notNull())
    .addColumn('next_index', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('identity_challenges')
    .addColumn('nonce', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'identity_challenges',
    'identity_status_lists',
    'identity_credentials',
    'identity_recognitions',
    'identity_trust_lists',
    'identity_did_documents',
  ]) {
    await db.schema.dropTable(table).execute()
  }
  await db.schema.alterTable('organisations').dropColumn('verification').execute()
  await db.schema.alterTable('organisations').dropColumn('verification_status').execute()
}
