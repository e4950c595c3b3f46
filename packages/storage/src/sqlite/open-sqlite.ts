import SQLite from 'better-sqlite3'
import {
  Kysely,
  SqliteDialect,
  SqliteQueryCompiler,
  ValueNode,
  type LimitNode,
  type OffsetNode,
  type OperationNode,
} from 'kysely'
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
    dialect: new LiteralLimitSqliteDialect({ database: withStatementCache(sqlite) }),
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

/**
 * SQLite re-prepares a statement whose `LIMIT` or `OFFSET` is a bound parameter each time it runs
 * (its planner takes the limit's value into account): ~7 µs of parsing and planning for every
 * `limit ?`, ten times the lookup itself. A limit or offset Kysely holds as a whole number is
 * written into the SQL text instead (never anything else: a value bound at run time, such as a
 * precompiled query's argument, stays a parameter).
 */
class LiteralLimitCompiler extends SqliteQueryCompiler {
  private appendCount(keyword: string, node: OperationNode) {
    if (ValueNode.is(node) && Number.isSafeInteger(node.value) && (node.value as number) >= 0) {
      this.append(`${keyword} ${String(node.value)}`)
      return true
    }
    return false
  }

  protected override visitLimit(node: LimitNode): void {
    if (!this.appendCount('limit', node.limit)) super.visitLimit(node)
  }

  protected override visitOffset(node: OffsetNode): void {
    if (!this.appendCount('offset', node.offset)) super.visitOffset(node)
  }
}

class LiteralLimitSqliteDialect extends SqliteDialect {
  override createQueryCompiler() {
    return new LiteralLimitCompiler()
  }
}
