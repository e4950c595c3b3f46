import { EblError, type AcceptedEntry, type TitleWrite } from '@landsea/core/ebl'
import { CompiledQuery, type Transaction } from 'kysely'
import { bulkInsert, tupleText } from './bulk-insert.js'
import type { SqlDialect } from './dialect.js'
import { appendLeaves, type LedgerDialect } from './ledger-append.js'
import type { EblEntryTable, Schema } from './schema.js'

/** The columns of `ebl_entries`, in {@link entryValues} order. */
export const ENTRY_COLUMNS = [
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
export function entryValues(entry: AcceptedEntry): unknown[] {
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
export function moveValues({ record, expectedLastEntryChecksum }: TitleWrite): unknown[] {
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
 * guarded by its expected head, by `amended_by_id IS NULL` (a replaced bill no longer moves) and by
 * `pint_lock IS NULL` (a bill being transferred to another platform does not move here), and
 * the statement returns the ids it moved.
 */
export function moveSql(dialect: SqlDialect, bills: number, offset: number): string {
  const tuples: string[] = []
  for (let b = 0; b < bills; b++)
    tuples.push(tupleText(dialect, MOVE_VALUES, offset + b * MOVE_VALUES))
  return `update ebl_documents as d set
      state = v.column3, status = v.column4, issuer = v.column5, possessor = v.column6,
      holder = v.column7, shipper = v.column8, consignee = v.column9,
      last_entry_checksum = v.column10, updated_at = v.column11
    from (values ${tuples.join(',')}) as v
    where d.id = v.column1 and d.last_entry_checksum = v.column2 and d.amended_by_id is null
      and d.pint_lock is null
    returning id`
}

/** The error of a write whose bill is no longer at the head the action was taken on. */
export function moved(): EblError {
  return new EblError('EBL_CONFLICT', 'the bill moved while this action was being recorded')
}

/**
 * Moves one bill's row to its new title state with the same guards as {@link moveSql}, for a write
 * that is not a plain move: the document frozen at issue, or an amendment marking the bill it
 * replaces.
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
    .where('pint_lock', 'is', null)
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
export function isPlainMove({
  isDocumentFrozen,
  expectedLastEntryChecksum,
  amendsId,
}: TitleWrite): boolean {
  return !isDocumentFrozen && expectedLastEntryChecksum !== null && amendsId === null
}

/** How a database writes a group of title writes. */
export interface TitleGroupDialect {
  /**
   * Carries out title writes on distinct bills in the caller's transaction: their entries, their
   * bills' records and their leaves. The unique `previous_key` and `nonce` refuse a second
   * successor or a replay, and a moved head refuses its row, failing the whole group.
   */
  writeTitleGroup(trx: Transaction<Schema>, writes: readonly TitleWrite[]): Promise<void>
}

/**
 * {@link TitleGroupDialect.writeTitleGroup} written once: one INSERT of the entries, one UPDATE of
 * the plain moves, one per other write, and the leaves.
 */
export async function writeTitleGroup(
  trx: Transaction<Schema>,
  dialect: SqlDialect & LedgerDialect,
  writes: readonly TitleWrite[],
): Promise<void> {
  await bulkInsert(
    trx,
    dialect,
    'ebl_entries',
    ENTRY_COLUMNS,
    writes.map((w) => entryValues(w.entry)),
  )
  const moves = writes.filter(isPlainMove)
  if (moves.length > 0) {
    const { rows } = await trx.executeQuery(
      CompiledQuery.raw(moveSql(dialect, moves.length, 0), moves.flatMap(moveValues)),
    )
    if (rows.length !== moves.length) throw moved()
  }
  for (const write of writes) if (!isPlainMove(write)) await writeTitleState(trx, write)
  await appendLeaves(
    trx,
    dialect,
    writes.flatMap((w) => w.leaves),
  )
}
