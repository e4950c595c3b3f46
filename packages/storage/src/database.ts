import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { migrateToLatest } from './migrate.js'
import type { Schema } from './schema.js'

/** Which database a node runs on. */
export type DialectName = 'sqlite' | 'postgres'

/** An open database with its schema migrated. */
export interface LandseaDatabase {
  readonly db: Kysely<Schema>
  readonly dialect: DialectName
  destroy(): Promise<void>
}

// PostgreSQL returns int8 (count, sum) as strings; parse them, our counts fit in a double.
pg.types.setTypeParser(20, (value: string) => Number(value))

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
  let db: Kysely<Schema>
  let dialect: DialectName
  if (url) {
    dialect = 'postgres'
    db = new Kysely<Schema>({
      dialect: new PostgresDialect({ pool: createPool(url, poolSize) }),
    })
  } else {
    dialect = 'sqlite'
    const sqlite = new SQLite(file)
    sqlite.pragma('journal_mode = WAL')
    // WAL with synchronous=NORMAL survives a killed process; FULL also survives power loss (docs/storage.md).
    sqlite.pragma(
      `synchronous = ${process.env.LANDSEA_SQLITE_SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL'}`,
    )
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('busy_timeout = 5000')
    db = new Kysely<Schema>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    })
  }
  await migrateToLatest(db)
  return { db, dialect, destroy: () => db.destroy() }
}

const MAX_CACHED_STATEMENTS = 500

/**
 * Kysely prepares every query anew; better-sqlite3 statements are reusable and the driver runs one query at a
 * time on its single connection, so prepared statements are cached by SQL text.
 */
function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>()
  return new Proxy(sqlite, {
    get(target, property, receiver) {
      if (property !== 'prepare') {
        const value = Reflect.get(target, property, receiver)
        return typeof value === 'function' ? value.bind(target) : value
      }
      return (sql: string) => {
        let statement = cache.get(sql)
        if (!statement) {
          statement = target.prepare(sql)
          if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear()
          cache.set(sql, statement)
        }
        return statement
      }
    },
  })
}

/**
 * A PostgreSQL pool whose idle-client errors (a restarted server, a terminated connection) are reported
 * instead of crashing the process; the pool replaces the client on the next query.
 */
function createPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max })
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL idle client error: ${error.message}`)
  })
  return pool
}
