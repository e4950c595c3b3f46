import { CompiledQuery } from 'kysely'
import type { Executor, SqlDialect } from './dialect.js'
import type { Schema } from './schema.js'

/** Bound parameters per statement: SQLite binds at most 32,766 and PostgreSQL 65,535. */
export const MAX_PARAMETERS = 8_000

const statements = new Map<string, string>()

/**
 * The placeholders of `count` values in parentheses, numbered from `offset + 1`: `(?,?)` or
 * `($3,$4)`.
 */
export function tupleText(dialect: SqlDialect, count: number, offset = 0): string {
  const marks: string[] = []
  for (let i = 1; i <= count; i++) marks.push(dialect.parameter(offset + i))
  return `(${marks.join(',')})`
}

/**
 * The text of `insert into table (columns) values (…), (…)` for `rows` rows, with placeholders
 * numbered from `offset + 1`; built once per shape.
 */
export function insertText(
  dialect: SqlDialect,
  table: string,
  columns: readonly string[],
  rows: number,
  offset = 0,
): string {
  const key = `${dialect.name}|${table}|${columns.join(',')}|${rows}|${offset}`
  let text = statements.get(key)
  if (text === undefined) {
    const tuples: string[] = []
    for (let r = 0; r < rows; r++) {
      tuples.push(tupleText(dialect, columns.length, offset + r * columns.length))
    }
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values ${tuples.join(',')}`
    if (statements.size > 200) statements.clear()
    statements.set(key, text)
  }
  return text
}

/**
 * Inserts many rows with few statements and without the query builder: multi-row `VALUES`
 * statements of one fixed size (plus one for the rest), so that their SQL text is built once and
 * SQLite's prepared-statement cache reuses them. `rows` hold column values in the order of
 * `columns`; values are always bound as parameters, never spliced into the SQL text.
 *
 * Kysely's builder compiles an operation node per value, which dominated bulk ingestion. (On
 * PostgreSQL, `unnest` of one array per column was measured too: bytea arrays travel as hex text and
 * made it slower than bound `VALUES`, whose Buffers are sent in binary.)
 */
export async function bulkInsert(
  executor: Executor,
  dialect: SqlDialect,
  table: keyof Schema,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  const chunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length))
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk)
    await executor.executeQuery(
      CompiledQuery.raw(insertText(dialect, table, columns, part.length), part.flat()),
    )
  }
}
