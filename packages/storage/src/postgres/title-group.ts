import type { TitleWrite } from '@landsea/core/ebl'
import { CompiledQuery, type Transaction } from 'kysely'
import { insertText } from '../bulk-insert.js'
import type { SqlDialect } from '../dialect.js'
import {
  ENTRY_COLUMNS,
  entryValues,
  isPlainMove,
  moved,
  moveSql,
  moveValues,
  writeTitleGroup,
} from '../ebl-group-write.js'
import { appendAfterHead, headUpdateSql, type LedgerDialect } from '../ledger-append.js'
import type { Schema } from '../schema.js'

/**
 * Writes a group of title writes. A group of plain moves is one statement (the entries' INSERT,
 * the guarded UPDATE and the ledger head, as data-modifying CTEs) followed by the ledger write:
 * with BEGIN and COMMIT, four round trips. Any other group is written as on every database.
 */
export async function writePostgresTitleGroup(
  trx: Transaction<Schema>,
  dialect: SqlDialect & LedgerDialect,
  writes: readonly TitleWrite[],
): Promise<void> {
  if (!writes.every(isPlainMove)) return writeTitleGroup(trx, dialect, writes)
  const leaves = writes.flatMap((w) => w.leaves)
  const { rows } = await trx.executeQuery<{
    moved: number | string
    tree_size: number | string
    frontier: Uint8Array | null
  }>(
    CompiledQuery.raw(
      `with e as (${insertText(dialect, 'ebl_entries', ENTRY_COLUMNS, writes.length)}),
        s as (${moveSql(dialect, writes.length, writes.length * ENTRY_COLUMNS.length)}),
        h as (${headUpdateSql(leaves.length)})
        select (select count(*) from s) as moved, h.tree_size, h.frontier from h`,
      [...writes.flatMap((w) => entryValues(w.entry)), ...writes.flatMap(moveValues)],
    ),
  )
  const row = rows[0]
  if (!row) throw new Error('the ledger head row is missing')
  if (Number(row.moved) !== writes.length) throw moved()
  await appendAfterHead(trx, dialect, row, leaves)
}
