import type { JobLeases } from '@landsea/core/settings'
import type { Kysely } from 'kysely'
import type { Schema } from './schema.js'

/**
 * The database {@link JobLeases}: one row per job. A claim is one conditional update (the row
 * is created first if missing), so of several processes claiming at once exactly one wins: on
 * PostgreSQL the losers wait on the row lock and then see the winner's lease; SQLite has one writer.
 */
export function createJobLeaseStore(db: Kysely<Schema>): JobLeases {
  return {
    async claim(job, holder, nowMs, ttlMs) {
      await db
        .insertInto('job_leases')
        .values({ job, holder: '', expires_ms: 0 })
        .onConflict((oc) => oc.column('job').doNothing())
        .execute()
      const result = await db
        .updateTable('job_leases')
        .set({ holder, expires_ms: nowMs + ttlMs })
        .where('job', '=', job)
        .where((eb) => eb.or([eb('holder', '=', holder), eb('expires_ms', '<=', nowMs)]))
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async release(job, holder) {
      await db
        .updateTable('job_leases')
        .set({ expires_ms: 0 })
        .where('job', '=', job)
        .where('holder', '=', holder)
        .execute()
    },
  }
}
