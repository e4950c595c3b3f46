import type { Kysely } from 'kysely'
import { migrateToLatest } from './migrate.js'
import { openPostgres } from './postgres/open-postgres.js'
import type { Schema } from './schema.js'
import { openSqlite } from './sqlite/open-sqlite.js'

/** Which database a node runs on. */
export type DialectName = 'sqlite' | 'postgres'

/** An open database with its schema migrated. */
export interface LandseaDatabase {
  readonly db: Kysely<Schema>
  readonly dialect: DialectName
  destroy(): Promise<void>
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
  const db = url ? openPostgres({ url, poolSize }) : openSqlite({ file })
  await migrateToLatest(db)
  return { db, dialect, destroy: () => db.destroy() }
}
