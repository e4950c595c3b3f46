import {
  EblError,
  type AcceptedEntry,
  type EblRecord,
  type EblStore,
  type TitleState,
} from '@landsea/core/ebl'
import { encodeLeaf } from '@landsea/core/ledger'
import { CompiledQuery, sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import { insertText, isPostgres } from './bulk-insert.js'
import { appendAfterHead, appendLeaves, headUpdateSql } from './ledger-store.js'
import type { EblDocumentTable, EblEntryTable, Schema } from './schema.js'
import { uniqueViolation } from './storage-error.js'

/** The database implementation of core's {@link EblStore}. */
export function createEblStore(db: Kysely<Schema>): EblStore {
  const commits = createCommitQueue(db)
  return {
    async insertDraft(record) {
      try {
        await db.insertInto('ebl_documents').values(toRow(record)).execute()
      } catch (e) {
        if (uniqueViolation(e)) {
          throw new EblError(
            'EBL_DUPLICATE_REFERENCE',
            `a bill ${record.reference} v${record.version} exists`,
          )
        }
        throw e
      }
    },

    async getById(id) {
      const row = await db
        .selectFrom('ebl_documents')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()
      return row && toRecord(row)
    },

    async list({ party, status, q, limit = 100 }) {
      let query = db.selectFrom('ebl_documents').selectAll()
      if (party) {
        query = query.where((eb) =>
          eb.or([
            eb('issuer', '=', party),
            eb('possessor', '=', party),
            eb('holder', '=', party),
            eb('shipper', '=', party),
            eb('consignee', '=', party),
          ]),
        )
      }
      if (status) query = query.where('status', '=', status)
      if (q) query = query.where('reference', 'like', `%${q.replace(/[%_\\]/g, '')}%`)
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute()
      return rows.map(toRecord)
    },

    async listEntries(documentId) {
      const rows = await db
        .selectFrom('ebl_entries')
        .selectAll()
        .where('document_id', '=', documentId)
        .orderBy('seq')
        .execute()
      return rows.map(toEntry)
    },

    appendEntry: (input) => commits.submit(input),
  }
}

type AppendInput = Parameters<EblStore['appendEntry']>[0]

/** The `ebl_entries` row of an accepted entry. */
function toEntryRow(entry: AcceptedEntry): EblEntryTable {
  return {
    document_id: entry.documentId,
    seq: entry.seq,
    jws: entry.jws,
    entry_checksum: entry.entryChecksum,
    previous_key: entry.previousEntryChecksum ?? `genesis:${entry.documentId}`,
    nonce: entry.payload.nonce,
    payload: JSON.stringify(entry.payload),
    signer_kid: entry.signerKid,
    accepted_at: entry.acceptedAt,
  }
}

/**
 * Moves a bill's row to its new title state, checking that the chain head has not moved and that the
 * bill was not replaced by an amendment. The document is frozen at issue, so it is written only by the
 * action that issues it.
 */
async function writeTitleState(
  trx: Transaction<Schema>,
  { record, entry, expectedLastEntryChecksum, amendsId }: AppendInput,
): Promise<void> {
  const s = record.state
  const result = await trx
    .updateTable('ebl_documents')
    .set({
      ...(entry.payload.action === 'ISSUE'
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
  if (Number(result.numUpdatedRows) !== 1) {
    throw new EblError('EBL_CONFLICT', 'the bill moved while this action was being recorded')
  }
  if (amendsId) {
    await trx
      .updateTable('ebl_documents')
      .set({ amended_by_id: record.id })
      .where('id', '=', amendsId)
      .execute()
  }
}

/** An action on an issued bill that amends no other: only its title state columns change. */
function isPlainMove({ entry, expectedLastEntryChecksum, amendsId }: AppendInput): boolean {
  return entry.payload.action !== 'ISSUE' && expectedLastEntryChecksum !== null && !amendsId
}

/**
 * {@link writeTitleState} for many bills in one statement (`UPDATE … FROM (VALUES …)`, the same SQL on
 * SQLite 3.33+ and PostgreSQL), each row guarded as there. Fewer rows changed than bills means some
 * head moved: the group fails and its actions are retried one by one.
 */
async function writeTitleStates(
  trx: Transaction<Schema>,
  moves: readonly { input: AppendInput }[],
): Promise<void> {
  if (moves.length === 0) return
  const rows = moves.map(({ input: { record, expectedLastEntryChecksum } }) => {
    const s = record.state
    return sql`(${sql.join([
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
    ])})`
  })
  // VALUES columns are column1, column2, … on both databases.
  const { rows: changed } = await sql<{ id: string }>`
    update ebl_documents as d set
      state = v.column3, status = v.column4, issuer = v.column5, possessor = v.column6,
      holder = v.column7, shipper = v.column8, consignee = v.column9,
      last_entry_checksum = v.column10, updated_at = v.column11
    from (values ${sql.join(rows)}) as v
    where d.id = v.column1 and d.last_entry_checksum = v.column2 and d.amended_by_id is null
    returning id`.execute(trx)
  if (changed.length !== moves.length) {
    throw new EblError('EBL_CONFLICT', 'the bill moved while this action was being recorded')
  }
}

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

/**
 * On PostgreSQL, a group of plain moves in one statement: the entries' INSERT, the guarded
 * title-state UPDATE of {@link writeTitleStates} and the ledger head update, as data-modifying CTEs;
 * the leaves then follow with {@link appendAfterHead}. A group is four round trips: BEGIN, this, the
 * ledger write, COMMIT.
 */
async function moveAndAppend(
  trx: Transaction<Schema>,
  inputs: readonly AppendInput[],
  leaves: readonly Uint8Array[],
): Promise<void> {
  const parameters: unknown[] = []
  for (const { entry } of inputs) {
    const row = toEntryRow(entry)
    for (const column of ENTRY_COLUMNS) parameters.push(row[column])
  }
  const tuples = inputs.map(({ record, expectedLastEntryChecksum }) => {
    const s = record.state
    const first = parameters.length
    parameters.push(
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
    )
    return `(${Array.from({ length: 11 }, (_, i) => `$${first + i + 1}`).join(',')})`
  })
  const { rows } = await trx.executeQuery<{
    moved: number | string
    tree_size: number | string
    frontier: Uint8Array | null
  }>(
    CompiledQuery.raw(
      `with e as (${insertText(true, 'ebl_entries', ENTRY_COLUMNS, inputs.length)}),
      s as (
        update ebl_documents as d set
          state = v.column3, status = v.column4, issuer = v.column5, possessor = v.column6,
          holder = v.column7, shipper = v.column8, consignee = v.column9,
          last_entry_checksum = v.column10, updated_at = v.column11
        from (values ${tuples.join(',')}) as v
        where d.id = v.column1 and d.last_entry_checksum = v.column2 and d.amended_by_id is null
        returning d.id),
      h as (${headUpdateSql(leaves.length)})
      select (select count(*) from s) as moved, h.tree_size, h.frontier from h`,
      parameters,
    ),
  )
  const row = rows[0]
  if (!row) throw new Error('the ledger head row is missing')
  if (Number(row.moved) !== inputs.length) {
    throw new EblError('EBL_CONFLICT', 'the bill moved while this action was being recorded')
  }
  await appendAfterHead(trx, row, leaves)
}

function asEblError(e: unknown): unknown {
  const violated = uniqueViolation(e)
  if (violated?.includes('nonce'))
    return new EblError('EBL_REPLAY', 'this action was already submitted')
  if (violated)
    return new EblError('EBL_CONFLICT', 'another action on this bill was accepted first')
  return e
}

const MAX_GROUP = 256

/**
 * Group commit for title actions. Each action's entry, title state and Merkle leaf are written in one
 * transaction, so an acknowledged action always has its leaf and a failure leaves nothing. Actions that
 * arrive while a transaction is running share the next one (at most one per bill per group); if that
 * group fails, its actions are retried one by one so that only the offending one is refused.
 */
function createCommitQueue(db: Kysely<Schema>) {
  type Waiting = { input: AppendInput; resolve: () => void; reject: (e: unknown) => void }
  let queue: Waiting[] = []
  let isRunning = false
  const postgres = isPostgres(db)
  const leafOf = (w: Waiting) => encodeLeaf({ type: 'ebl-action', body: w.input.entry.jws })

  // One INSERT for the group's entries: the unique previous_key and nonce still refuse a second
  // successor or a replay, failing the group, whose actions are then retried one by one.
  const commit = (group: readonly Waiting[]) =>
    db.transaction().execute(async (trx) => {
      const moves = group.filter((w) => isPlainMove(w.input))
      if (postgres && moves.length === group.length) {
        await moveAndAppend(
          trx,
          group.map((w) => w.input),
          group.map(leafOf),
        )
        return
      }
      await trx
        .insertInto('ebl_entries')
        .values(group.map((w) => toEntryRow(w.input.entry)))
        .execute()
      await writeTitleStates(trx, moves)
      for (const w of group) if (!isPlainMove(w.input)) await writeTitleState(trx, w.input)
      await appendLeaves(trx, group.map(leafOf))
    })

  async function drain(): Promise<void> {
    isRunning = true
    while (queue.length > 0) {
      const group: Waiting[] = []
      const later: Waiting[] = []
      const bills = new Set<string>()
      for (const w of queue) {
        if (group.length < MAX_GROUP && !bills.has(w.input.record.id)) {
          bills.add(w.input.record.id)
          group.push(w)
        } else {
          later.push(w)
        }
      }
      queue = later
      try {
        await commit(group)
        for (const w of group) w.resolve()
      } catch (error) {
        if (group.length === 1) {
          group[0]!.reject(asEblError(error))
          continue
        }
        for (const w of group) {
          try {
            await commit([w])
            w.resolve()
          } catch (e) {
            w.reject(asEblError(e))
          }
        }
      }
    }
    isRunning = false
  }

  return {
    submit(input: AppendInput): Promise<void> {
      return new Promise((resolve, reject) => {
        queue.push({ input, resolve, reject })
        if (!isRunning) {
          // Start on the next turn of the event loop, not now: requests that arrived in the same
          // I/O phase join this group. (better-sqlite3 answers synchronously, so without this each
          // SQLite transaction would carry one action.)
          isRunning = true
          setImmediate(() => void drain())
        }
      })
    },
  }
}

function toRow(r: EblRecord): EblDocumentTable {
  return {
    id: r.id,
    reference: r.reference,
    version: r.version,
    document: JSON.stringify(r.document),
    document_checksum: r.documentChecksum,
    state: JSON.stringify(r.state),
    status: r.state.status,
    issuer: r.state.issuer,
    possessor: r.state.possessor,
    holder: r.state.holder,
    shipper: r.state.shipper,
    consignee: r.state.namedConsignee,
    last_entry_checksum: r.lastEntryChecksum,
    amends_id: r.amendsId,
    amended_by_id: r.amendedById,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  }
}

function toRecord(row: Selectable<EblDocumentTable>): EblRecord {
  return {
    id: row.id,
    reference: row.reference,
    version: row.version,
    document: JSON.parse(row.document),
    documentChecksum: row.document_checksum,
    state: JSON.parse(row.state) as TitleState,
    lastEntryChecksum: row.last_entry_checksum,
    amendsId: row.amends_id,
    amendedById: row.amended_by_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

function toEntry(row: Selectable<EblEntryTable>): AcceptedEntry {
  const payload = JSON.parse(row.payload)
  return {
    documentId: row.document_id,
    seq: row.seq,
    jws: row.jws,
    entryChecksum: row.entry_checksum,
    previousEntryChecksum: payload.previousEntryChecksum,
    payload,
    signerKid: row.signer_kid,
    acceptedAt: row.accepted_at,
  }
}
