import { CompiledQuery, type Transaction } from 'kysely'
import { insertText, MAX_PARAMETERS } from '../bulk-insert.js'
import type { SqlDialect } from '../dialect.js'
import {
  LEDGER_LEAF_COLUMNS,
  LEDGER_NODE_COLUMNS,
  writeAppendRows,
  type LedgerAppendRows,
} from '../ledger-append.js'
import type { Schema } from '../schema.js'

/**
 * Writes an append's rows; a small append (a group of title actions) is one round trip: both
 * inserts and the new frontier in one statement, the inserts as data-modifying CTEs.
 */
export async function writePostgresAppendRows(
  trx: Transaction<Schema>,
  dialect: SqlDialect,
  rows: LedgerAppendRows,
): Promise<void> {
  const { leafRows, nodeRows, frontier } = rows
  const leafParameters = leafRows.length * LEDGER_LEAF_COLUMNS.length
  const parameters = leafParameters + nodeRows.length * LEDGER_NODE_COLUMNS.length
  if (parameters >= MAX_PARAMETERS) return writeAppendRows(trx, dialect, rows)
  const leaves = insertText(dialect, 'ledger_leaves', LEDGER_LEAF_COLUMNS, leafRows.length)
  const nodes = nodeRows.length
    ? `, n as (${insertText(dialect, 'ledger_nodes', LEDGER_NODE_COLUMNS, nodeRows.length, leafParameters)})`
    : ''
  const text = `with l as (${leaves})${nodes} update ledger_head set frontier = ${dialect.parameter(parameters + 1)} where id = 1`
  await trx.executeQuery(
    CompiledQuery.raw(text, [...leafRows.flat(), ...nodeRows.flat(), frontier]),
  )
}
