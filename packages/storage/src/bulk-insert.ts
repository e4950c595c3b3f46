import { CompiledQuery, PostgresAdapter, type Kysely, type Transaction } from 'kysely'
import type { Schema } from './schema.js'

/** Bound parameters per statement: SQLite binds at most 32,766 and PostgreSQL 65,535. */
export const MAX_PARAMETERS = 8_000

const statements = new Map<string, string>()

/** Whether the executor talks to PostgreSQL (else SQLite). */
export function isPostgres(executor: Kysely<Schema> | Transaction<Schema>): boolean {
  return executor.getExecutor().adapter instanceof PostgresAdapter
}

/**
 * The text of `insert into table (columns) values (…), (…)` for `rows` rows, with placeholders
 * numbered from `offset + 1` on PostgreSQL; built once per shape.
 */
export function insertText(
  postgres: boolean,
  table: string,
  columns: readonly string[],
  rows: number,
  offset = 0,
): string {
  const key = `${postgres ? 'pg' : 'sqlite'}|${table}|${columns.join(',')}|${rows}|${offset}`
  let text = statements.get(key)
  if (text === undefined) {
    const tuples: string[] = []
    for (let r = 0; r < rows; r++) {
      const first = offset + r * columns.length
      tuples.push(`(${columns.map((_, c) => (postgres ? `$${first + c + 1}` : '?')).join(',')})`)
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
  executor: Kysely<Schema> | Transaction<Schema>,
  table: keyof Schema,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  const postgres = isPostgres(executor)
  const chunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length))
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk)
    await executor.executeQuery(
      CompiledQuery.raw(insertText(postgres, table, columns, part.length), part.flat()),
    )
  }
}
