import { sql, type Kysely } from 'kysely'
import type { Schema } from '../schema.js'

/** The advisory lock key of first-run setup: "LSETUP" in ASCII, one key for every Landsea database. */
const SETUP_LOCK_KEY = 0x4c5345545550

/**
 * Runs `setup` while this session holds PostgreSQL's session advisory lock for setup, so that of
 * several processes starting at once on one database exactly one creates the node's keys and
 * seed; the others wait, then find what it stored. The lock lives on one pooled connection held
 * for the duration; `setup` itself queries through the pool.
 */
export async function withPostgresSetupLock<T>(
  db: Kysely<Schema>,
  setup: () => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${SETUP_LOCK_KEY})`.execute(connection)
    try {
      return await setup()
    } finally {
      await sql`select pg_advisory_unlock(${SETUP_LOCK_KEY})`.execute(connection)
    }
  })
}
