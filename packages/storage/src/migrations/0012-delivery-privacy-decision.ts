import type { Kysely } from 'kysely'

/**
 * The privacy gate decides a webhook delivery when it is enqueued (docs/privacy.md, "Channels"):
 * `privacy_decision` says what the queued body holds and under which policy it was decided, so the
 * worker re-decides only what a policy change may no longer cover. Null: decided at send, as
 * deliveries queued before this change are.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tracking_deliveries').addColumn('privacy_decision', 'text').execute()
}
