import type { Kysely } from 'kysely'
import { migrateToLatest } from './migrate.js'
import { withPostgresSetupLock } from './postgres/setup-lock.js'
import type { Schema } from './schema.js'
import { openSqlite } from './sqlite/open-sqlite.js'

/** Which database a node runs on. */
export type DialectName = 'sqlite' | 'postgres'

/** An open database with its schema migrated. */
export interface LandseaDatabase {
  readonly db: Kysely<Schema>
  readonly dialect: DialectName
  destroy(): Promise<void>
  /**
   * Runs first-run setup (keys, demo seed) alone: on PostgreSQL under an advisory lock shared by
   * every process on the database; on SQLite, one process owns the file, so it just runs.
   */
  withSetupLock<T>(setup: () => Promise<T>): Promise<T>
}

/**
 * Opens the node's database: PostgreSQL when `url` is given, otherwise SQLite at `file` (`:memory:` for tests)
 * in WAL mode. Runs the migrations.
 */
export async function createDatabase({
  file = ':memory:',
  url,
  poolSize = 10,
}: {
  file?: string
  url?: string
  poolSize?: number
}): Promise<LandseaDatabase> {
  const dialect: DialectName = url ? 'postgres' : 'sqlite'
  // The PostgreSQL driver (pg, and undici through it) loads only when a URL asks for it: a CLI
  // command on SQLite starts without it.
  const db = url
    ? (await import('./postgres/open-postgres.js')).openPostgres({ url, poolSize })
    : openSqlite({ file })
  await migrateToLatest(db)
  return {
    db,
    dialect,
    destroy: () => db.destroy(),
    withSetupLock: (setup) => (url ? withPostgresSetupLock(db, setup) : setup()),
  }
}
