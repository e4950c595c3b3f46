import type { Kysely } from 'kysely'

/**
 * Personal data (docs/privacy.md): per-subject keys (crypto-shredding), the vault of encrypted
 * personal values, the access log of local reads, erasure requests, and transfer intents (one
 * register entry per intent, marked sent).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('privacy_subject_keys')
    .addColumn('subject_hash', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'text')
    .execute()
  await db.schema
    .createTable('privacy_vault')
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('subject_hash', 'text', (c) => c.notNull())
    .addColumn('commitment', 'text', (c) => c.notNull())
    .addColumn('sealed', 'text')
    .addPrimaryKeyConstraint('privacy_vault_pk', ['record_id', 'path'])
    .execute()
  await db.schema
    .createIndex('privacy_vault_subject')
    .on('privacy_vault')
    .column('subject_hash')
    .execute()
  await db.schema
    .createIndex('privacy_vault_commitment')
    .on('privacy_vault')
    .column('commitment')
    .execute()
  await db.schema
    .createTable('privacy_access_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('reader', 'text', (c) => c.notNull())
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('record_ids', 'text', (c) => c.notNull())
    .addColumn('subject_hashes', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('privacy_access_log_at')
    .on('privacy_access_log')
    .column('at')
    .execute()
  await db.schema
    .createTable('privacy_erasures')
    .addColumn('subject_hash', 'text', (c) => c.primaryKey())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('rule', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'text')
    .execute()
  await db.schema
    .createTable('privacy_transfer_intents')
    .addColumn('intent_id', 'text', (c) => c.primaryKey())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('leaf_index', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('privacy_transfer_intents_state')
    .on('privacy_transfer_intents')
    .column('state')
    .execute()
}
