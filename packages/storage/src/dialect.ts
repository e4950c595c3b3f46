import { PostgresAdapter, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely'
import type { DialectName } from './database.js'
import type { TitleGroupDialect } from './ebl-group-write.js'
import type { LedgerDialect } from './ledger-append.js'
import { postgresDialect } from './postgres/postgres-dialect.js'
import type { Schema } from './schema.js'
import { sqliteDialect } from './sqlite/sqlite-dialect.js'

/** A database handle or an open transaction. */
export type Executor = Kysely<Schema> | Transaction<Schema>

/** What raw SQL and error handling need to know of the database. */
export interface SqlDialect {
  readonly name: DialectName
  /** The placeholder of the bound parameter at `position` (from 1) in raw SQL text. */
  parameter(position: number): string
  /** Whether an error is a unique-constraint violation, and on which columns or constraint (lower case). */
  uniqueViolation(error: unknown): string | undefined
  /** Locks the rows a query selects until the transaction ends, for a read-modify-write. */
  forUpdate<DB, TB extends keyof DB, O>(
    query: SelectQueryBuilder<DB, TB, O>,
  ): SelectQueryBuilder<DB, TB, O>
  /**
   * Locks the rows a query selects and skips rows another transaction holds, so that processes
   * sharing the database take disjoint work (a job queue); SQLite has one writer and needs neither.
   */
  forUpdateSkipLocked<DB, TB extends keyof DB, O>(
    query: SelectQueryBuilder<DB, TB, O>,
  ): SelectQueryBuilder<DB, TB, O>
}

/**
 * Everything that differs between the databases, one implementation per folder (`sqlite/`,
 * `postgres/`), as Kysely keeps its dialects. Every other query is written once.
 */
export interface StorageDialect extends SqlDialect, LedgerDialect, TitleGroupDialect {}

/**
 * The dialect of a database opened by `createDatabase`, from the Kysely dialect it was opened
 * with; store factories choose it once.
 */
export function dialectOf(db: Kysely<Schema>): StorageDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? postgresDialect : sqliteDialect
}
