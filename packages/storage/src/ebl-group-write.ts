import { EblError, type AcceptedEntry, type TitleWrite } from '@landsea/core/ebl'
import { CompiledQuery, type Transaction } from 'kysely'
import { bulkInsert, insertText, isPostgres } from './bulk-insert.js'
import { appendAfterHead, appendLeaves, headUpdateSql } from './ledger-store.js'
import type { EblEntryTable, Schema } from './schema.js'

const ENTRY_COLUMNS = [
  'document_id',
  'seq',
  'jws',
  'entry_checksum',
  'previous_key',
  'nonce',
  'payload',
  'signer_kid',
  'accepted_at',
] as const satisfies readonly (keyof EblEntryTable)[]

/** The `ebl_entries` values of an accepted entry, in {@link ENTRY_COLUMNS} order. */
function entryValues(entry: AcceptedEntry): unknown[] {
  return [
    entry.documentId,
    entry.seq,
    entry.jws,
    entry.entryChecksum,
    entry.previousEntryChecksum ?? `genesis:${entry.documentId}`,
    entry.payload.nonce,
    JSON.stringify(entry.payload),
    entry.signerKid,
    entry.acceptedAt,
  ]
}

/** The values of one row of {@link moveSql}'s `VALUES`: the bill, its expected head, its new state. */
function moveValues({ record, expectedLastEntryChecksum }: TitleWrite): unknown[] {
  const s = record.state
  return [
    record.id,
    expectedLastEntryChecksum,
    JSON.stringify(s),
    s.status,
    s.issuer,
    s.possessor,
    s.holder,
    s.shipper,
    s.namedConsignee,
    record.lastEntryChecksum,
    record.updatedAt,
  ]
}
const MOVE_VALUES = 11

/**
 * Moves many bills to their new title states in one `UPDATE … FROM (VALUES …)` (the same SQL on
 * SQLite 3.33+ and PostgreSQL, whose VALUES columns are both named column1, column2, …). Each row is
 * guarded by its expected head and by `amended_by_id IS NULL` (a replaced bill no longer moves), and
 * the statement returns the ids it moved.
 */
function moveSql(postgres: boolean, bills: number, offset: number): string {
  const tuples: string[] = []
  for (let b = 0; b < bills; b++) {
    const first = offset + b * MOVE_VALUES
    const marks = Array.from({ length: MOVE_VALUES }, (_, i) =>
      postgres ? `$${first + i + 1}` : '?',
    )
    tuples.push(`(${marks.join(',')})`)
  }
  return `update ebl_documents as d set
      state = v.column3, status = v.column4, issuer = v.column5, possessor = v.column6,
      holder = v.column7, shipper = v.column8, consignee = v.column9,
      last_entry_checksum = v.column10, updated_at = v.column11
    from (values ${tuples.join(',')}) as v
    where d.id = v.column1 and d.last_entry_checksum = v.column2 and d.amended_by_id is null
    returning id`
}

function moved(): EblError {
  return new EblError('EBL_CONFLICT', 'the bill moved while this action was being recorded')
}

/**
 * Moves one bill's row to its new title state with the same guards as {@link moveSql}, for an action
 * that is not a plain move: the document is frozen at issue, so the issuing action writes it, and an
 * amendment marks the bill it replaces.
 */
async function writeTitleState(
  trx: Transaction<Schema>,
  { record, isDocumentFrozen, expectedLastEntryChecksum, amendsId }: TitleWrite,
): Promise<void> {
  const s = record.state
  const result = await trx
    .updateTable('ebl_documents')
    .set({
      ...(isDocumentFrozen
        ? { document: JSON.stringify(record.document), document_checksum: record.documentChecksum }
        : {}),
      state: JSON.stringify(s),
      status: s.status,
      issuer: s.issuer,
      possessor: s.possessor,
      holder: s.holder,
      shipper: s.shipper,
      consignee: s.namedConsignee,
      last_entry_checksum: record.lastEntryChecksum,
      updated_at: record.updatedAt,
    })
    .where('id', '=', record.id)
    .where('amended_by_id', 'is', null)
    .where((eb) =>
      expectedLastEntryChecksum === null
        ? eb('last_entry_checksum', 'is', null)
        : eb('last_entry_checksum', '=', expectedLastEntryChecksum),
    )
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== 1) throw moved()
  if (amendsId) {
    await trx
      .updateTable('ebl_documents')
      .set({ amended_by_id: record.id })
      .where('id', '=', amendsId)
      .execute()
  }
}

/** A write that changes only a bill's title state columns: no document, no amended bill. */
function isPlainMove({
  isDocumentFrozen,
  expectedLastEntryChecksum,
  amendsId,
}: TitleWrite): boolean {
  return !isDocumentFrozen && expectedLastEntryChecksum !== null && amendsId === null
}

/**
 * Writes a group of actions on distinct bills in the caller's transaction: their entries, their
 * bills' title states and their `ebl-action` ledger leaves. The unique `previous_key` and `nonce`
 * refuse a second successor or a replay, and a moved head refuses its row, failing the whole group.
 *
 * On PostgreSQL a group of plain moves is one statement (the entries' INSERT, the guarded UPDATE and
 * the ledger head, as data-modifying CTEs) followed by the ledger write: with BEGIN and COMMIT, four
 * round trips. Otherwise: one INSERT of the entries, one UPDATE of the plain moves, one per other
 * action, and the leaves.
 */
export async function writeActionGroup(
  trx: Transaction<Schema>,
  inputs: readonly TitleWrite[],
): Promise<void> {
  const postgres = isPostgres(trx)
  const leaves = inputs.flatMap((input) => input.leaves)
  const moves = inputs.filter(isPlainMove)
  const entries = inputs.map((input) => entryValues(input.entry))

  if (postgres && moves.length === inputs.length) {
    const entryParameters = inputs.length * ENTRY_COLUMNS.length
    const { rows } = await trx.executeQuery<{
      moved: number | string
      tree_size: number | string
      frontier: Uint8Array | null
    }>(
      CompiledQuery.raw(
        `with e as (${insertText(true, 'ebl_entries', ENTRY_COLUMNS, inputs.length)}),
        s as (${moveSql(true, moves.length, entryParameters)}),
        h as (${headUpdateSql(leaves.length)})
        select (select count(*) from s) as moved, h.tree_size, h.frontier from h`,
        [...entries.flat(), ...moves.flatMap(moveValues)],
      ),
    )
    const row = rows[0]
    if (!row) throw new Error('the ledger head row is missing')
    if (Number(row.moved) !== moves.length) throw moved()
    await appendAfterHead(trx, row, leaves)
    return
  }

  await bulkInsert(trx, 'ebl_entries', ENTRY_COLUMNS, entries)
  if (moves.length > 0) {
    const { rows } = await trx.executeQuery(
      CompiledQuery.raw(moveSql(postgres, moves.length, 0), moves.flatMap(moveValues)),
    )
    if (rows.length !== moves.length) throw moved()
  }
  for (const input of inputs) if (!isPlainMove(input)) await writeTitleState(trx, input)
  await appendLeaves(trx, leaves)
}
