import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import type { Schema } from '../schema.js'

/** Opens a SQLite file (`:memory:` for tests) in WAL mode, with foreign keys and a busy timeout. */
export function openSqlite({ file }: { file: string }): Kysely<Schema> {
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  // WAL with synchronous=NORMAL survives a killed process; FULL also survives power loss (docs/storage.md).
  sqlite.pragma(
    `synchronous = ${process.env.LANDSEA_SQLITE_SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL'}`,
  )
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  return new Kysely<Schema>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  })
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
