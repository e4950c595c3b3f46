import { sql, type Kysely } from 'kysely'

/**
 * The vault's commitment index kept for the rows it is read by: a bill's plain checksum (its
 * `#document` row, docs/privacy.md), which PINT finds a bill by. Every other row (a sealed value's
 * commitment) was indexed too, one random key per value in a B-tree that each of a received bill's
 * three vault inserts maintained for rows no query looks up; a partial index leaves them out. Its
 * query names the path as a literal, as the planners need to use a partial index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('privacy_vault_commitment').execute()
  await db.schema
    .createIndex('privacy_vault_plain_checksum')
    .on('privacy_vault')
    .column('commitment')
    .where(sql.ref('path'), '=', sql.lit('#document'))
    .execute()
}
