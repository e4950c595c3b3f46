import type { Kysely } from 'kysely'

/**
 * A status list is signed when it changes, not on each read (docs/identity.md): `signed_credential`
 * holds the signed list credential as served, `signed_stamp` what it was signed over (the list's
 * bits, purpose and update time, the issuer's keys). A reader serves the stored credential only
 * when its stamp is the current one, and signs again otherwise. Null: not signed yet.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('identity_status_lists').addColumn('signed_stamp', 'text').execute()
  await db.schema
    .alterTable('identity_status_lists')
    .addColumn('signed_credential', 'text')
    .execute()
}
