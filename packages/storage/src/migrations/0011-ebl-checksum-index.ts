import type { Kysely } from 'kysely'

/**
 * Bills are found by their document checksum (a PINT crossing names a bill by it, docs/pint.md):
 * an index on it, with the version, so the latest version is read without scanning every bill.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('ebl_documents_document_checksum')
    .on('ebl_documents')
    .columns(['document_checksum', 'version'])
    .execute()
}
