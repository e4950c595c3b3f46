import {
  EblError,
  type AcceptedEntry,
  type EblRecord,
  type EblStore,
  type TitleState,
  type TitleWrite,
} from '@landsea/core/ebl'
import type { Insertable, Kysely, Selectable } from 'kysely'
import { dialectOf, type StorageDialect } from './dialect.js'
import { precompiledQuery } from './precompiled-query.js'
import type { EblDocumentTable, EblEntryTable, Schema } from './schema.js'

/** The database implementation of core's {@link EblStore}. */
export function createEblStore(db: Kysely<Schema>): EblStore {
  const dialect = dialectOf(db)
  const commits = createCommitQueue(db, dialect)
  const byId = precompiledQuery(db, (id: string) =>
    db.selectFrom('ebl_documents').selectAll().where('id', '=', id),
  )
  const byChecksum = precompiledQuery(db, (checksum: string) =>
    db
      .selectFrom('ebl_documents')
      .selectAll()
      .where('document_checksum', '=', checksum)
      .orderBy('version', 'desc')
      .limit(1),
  )
  const byReferenceQuery = (reference: string) =>
    db
      .selectFrom('ebl_documents')
      .selectAll()
      .where('reference', '=', reference)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
  const byReference = precompiledQuery(db, (reference: string, limit: number) =>
    byReferenceQuery(reference).limit(limit),
  )
  // Limit 1 written into the SQL text: SQLite re-plans a `limit ?` on every run (open-sqlite.ts).
  const latestByReference = precompiledQuery(db, (reference: string) =>
    byReferenceQuery(reference).limit(1),
  )
  const entriesOf = precompiledQuery(db, (documentId: string) =>
    db.selectFrom('ebl_entries').selectAll().where('document_id', '=', documentId).orderBy('seq'),
  )
  return {
    async insertDraft(record) {
      try {
        await db.insertInto('ebl_documents').values(toRow(record)).execute()
      } catch (e) {
        if (dialect.uniqueViolation(e)) {
          throw new EblError(
            'EBL_DUPLICATE_REFERENCE',
            `a bill ${record.reference} v${record.version} exists`,
          )
        }
        throw e
      }
    },

    async getById(id) {
      const [row] = await byId.run(id)
      return row && toRecord(row)
    },

    async getByChecksum(documentChecksum) {
      const [row] = await byChecksum.run(documentChecksum)
      return row && toRecord(row)
    },

    async list({ party, status, q, reference, limit = 100 }) {
      // Is a reference taken (a received bill's, each transfer): the one query compiled once.
      if (reference !== undefined && !party && !status && !q) {
        const rows =
          limit === 1
            ? await latestByReference.run(reference)
            : await byReference.run(reference, limit)
        return rows.map(toRecord)
      }
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
      if (reference !== undefined) query = query.where('reference', '=', reference)
      if (q) query = query.where('reference', 'like', `%${q.replace(/[%_\\]/g, '')}%`)
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute()
      return rows.map(toRecord)
    },

    async listEntries(documentId) {
      return (await entriesOf.run(documentId)).map(toEntry)
    },

    appendEntry: (input) => commits.submit(input),
  }
}

function asEblError(dialect: StorageDialect, e: unknown): unknown {
  const violated = dialect.uniqueViolation(e)
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
function createCommitQueue(db: Kysely<Schema>, dialect: StorageDialect) {
  type Waiting = { input: TitleWrite; resolve: () => void; reject: (e: unknown) => void }
  let queue: Waiting[] = []
  let isRunning = false

  const commit = (group: readonly Waiting[]) =>
    db.transaction().execute((trx) =>
      dialect.writeTitleGroup(
        trx,
        group.map((w) => w.input),
      ),
    )

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
          group[0]!.reject(asEblError(dialect, error))
          continue
        }
        for (const w of group) {
          try {
            await commit([w])
            w.resolve()
          } catch (e) {
            w.reject(asEblError(dialect, e))
          }
        }
      }
    }
    isRunning = false
  }

  return {
    submit(input: TitleWrite): Promise<void> {
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

export function toRow(r: EblRecord): Insertable<EblDocumentTable> {
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
