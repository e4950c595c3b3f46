import type {
  InboxRecord,
  OutboxRecord,
  PintStore,
  PlatformRecord,
  PlatformStore,
} from '@landsea/core/pint'
import { EblError } from '@landsea/core/ebl'
import type { Kysely, Selectable } from 'kysely'
import { toRow as eblRow } from './ebl-store.js'
import { precompiledInsert, precompiledQuery } from './precompiled-query.js'
import type { PintInboxTable, PintOutboxTable, PintPlatformTable, Schema } from './schema.js'

/** The database implementation of {@link PlatformStore}. */
export function createPlatformStore(db: Kysely<Schema>): PlatformStore {
  const fromRow = (r: Selectable<PintPlatformTable>): PlatformRecord => ({
    code: r.code,
    name: r.name,
    url: r.url,
    jwks: JSON.parse(r.jwks) as PlatformRecord['jwks'],
    parties: JSON.parse(r.parties) as PlatformRecord['parties'],
    createdAt: r.created_at,
  })
  const byCode = precompiledQuery(db, (code: string) =>
    db.selectFrom('pint_platforms').selectAll().where('code', '=', code),
  )
  return {
    async put(p) {
      const row = {
        code: p.code,
        name: p.name,
        url: p.url,
        jwks: JSON.stringify(p.jwks),
        parties: JSON.stringify(p.parties),
        created_at: p.createdAt,
      }
      await db
        .insertInto('pint_platforms')
        .values(row)
        .onConflict((oc) =>
          oc.column('code').doUpdateSet({
            name: row.name,
            url: row.url,
            jwks: row.jwks,
            parties: row.parties,
          }),
        )
        .execute()
    },
    async get(code) {
      const [row] = await byCode.run(code)
      return row ? fromRow(row) : undefined
    },
    async list() {
      const rows = await db.selectFrom('pint_platforms').selectAll().orderBy('code').execute()
      return rows.map(fromRow)
    },
    async remove(code) {
      const result = await db
        .deleteFrom('pint_platforms')
        .where('code', '=', code)
        .executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },
  }
}

const outboxFromRow = (r: Selectable<PintOutboxTable>): OutboxRecord => ({
  id: r.id,
  documentId: r.document_id,
  platform: r.platform,
  actor: r.actor,
  action: r.action,
  envelope: r.envelope,
  lastEntryChecksum: r.last_entry_checksum,
  documents: JSON.parse(r.documents) as OutboxRecord['documents'],
  status: r.status as OutboxRecord['status'],
  attempts: Number(r.attempts),
  response: r.response,
  responseCode: r.response_code,
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

const inboxFromRow = (r: Selectable<PintInboxTable>, received: string[]): InboxRecord => ({
  reference: r.reference,
  documentChecksum: r.document_checksum,
  lastEntryChecksum: r.last_entry_checksum,
  sender: r.sender,
  recipient: r.recipient,
  envelope: r.envelope,
  manifest: JSON.parse(r.manifest) as InboxRecord['manifest'],
  documents: JSON.parse(r.documents) as InboxRecord['documents'],
  received,
  status: r.status as InboxRecord['status'],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

/** The database implementation of {@link PintStore}. */
export function createPintStore(db: Kysely<Schema>): PintStore {
  // The queries each transfer runs, built and compiled once.
  const received = precompiledQuery(db, (reference: string) =>
    db.selectFrom('pint_inbox_documents').select('checksum').where('reference', '=', reference),
  )
  const inboxBy = (column: 'reference' | 'last_entry_checksum') =>
    precompiledQuery(db, (value: string) =>
      db.selectFrom('pint_inbox').selectAll().where(column, '=', value),
    )
  const inboxByReference = inboxBy('reference')
  const inboxByLastEntry = inboxBy('last_entry_checksum')
  const summaryBy = precompiledQuery(db, (reference: string) =>
    db
      .selectFrom('pint_inbox')
      .select(['reference', 'last_entry_checksum', 'documents', 'status'])
      .where('reference', '=', reference),
  )
  const inboxOfDocument = precompiledQuery(db, (checksum: string) =>
    db
      .selectFrom('pint_inbox')
      .selectAll()
      .where('document_checksum', '=', checksum)
      .orderBy('created_at')
      .orderBy('reference'),
  )
  const insertDocument = precompiledQuery(
    db,
    (reference: string, checksum: string, content: string) =>
      db
        .insertInto('pint_inbox_documents')
        .values({ reference, checksum, content })
        .onConflict((oc) => oc.doNothing()),
  )
  // The lock: the bill unlocked, not amended, and still at the head the envelope was built on.
  const unlocked = (id: string, documentId: string) =>
    db
      .updateTable('ebl_documents')
      .set({ pint_lock: id })
      .where('id', '=', documentId)
      .where('pint_lock', 'is', null)
      .where('amended_by_id', 'is', null)
  const lockFirst = precompiledQuery(db, (id: string, documentId: string) =>
    unlocked(id, documentId).where('last_entry_checksum', 'is', null),
  )
  const lockAtHead = precompiledQuery(db, (id: string, documentId: string, head: string) =>
    unlocked(id, documentId).where('last_entry_checksum', '=', head),
  )
  const insertOutbox = precompiledInsert(db, 'pint_outbox')
  const insertInboxRow = precompiledInsert(db, 'pint_inbox', (q) =>
    q.onConflict((oc) => oc.doNothing()),
  )
  const insertBill = precompiledInsert(db, 'ebl_documents')
  const updateOutbox = precompiledQuery(
    db,
    (
      id: string,
      status: string,
      attempts: number,
      response: string | null,
      responseCode: string | null,
      lastError: string | null,
      updatedAt: string,
    ) =>
      db
        .updateTable('pint_outbox')
        .set({
          status,
          attempts,
          response,
          response_code: responseCode,
          last_error: lastError,
          updated_at: updatedAt,
        })
        .where('id', '=', id),
  )
  const acceptRow = precompiledQuery(db, (reference: string, at: string) =>
    db
      .updateTable('pint_inbox')
      .set({ status: 'ACCEPTED', updated_at: at })
      .where('reference', '=', reference)
      .where('status', '=', 'PENDING'),
  )
  const receivedOf = async (reference: string) =>
    (await received.run(reference)).map((r) => r.checksum)
  const withReceived = async (row: Selectable<PintInboxTable> | undefined) =>
    row ? inboxFromRow(row, await receivedOf(row.reference)) : undefined

  return {
    async lockAndEnqueue(t, expectedHead) {
      return db.transaction().execute(async (trx) => {
        // The guarded write: exactly one of any number of racers finds the bill unlocked at its head
        // (PostgreSQL re-checks the row after waiting for a concurrent writer's lock).
        const locked =
          expectedHead === null
            ? await lockFirst.affectedIn(trx, t.id, t.documentId)
            : await lockAtHead.affectedIn(trx, t.id, t.documentId, expectedHead)
        if (locked !== 1) return false
        await insertOutbox.runIn(trx, {
          id: t.id,
          document_id: t.documentId,
          platform: t.platform,
          actor: t.actor,
          action: t.action,
          envelope: t.envelope,
          last_entry_checksum: t.lastEntryChecksum,
          documents: JSON.stringify(t.documents),
          status: t.status,
          attempts: t.attempts,
          response: t.response,
          response_code: t.responseCode,
          last_error: t.lastError,
          created_at: t.createdAt,
          updated_at: t.updatedAt,
        })
        return true
      })
    },
    async getTransfer(id) {
      const row = await db
        .selectFrom('pint_outbox')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()
      return row ? outboxFromRow(row) : undefined
    },
    async listTransfers({ status, documentId }) {
      let q = db.selectFrom('pint_outbox').selectAll()
      if (status) q = q.where('status', '=', status)
      if (documentId) q = q.where('document_id', '=', documentId)
      return (await q.orderBy('created_at').orderBy('id').execute()).map(outboxFromRow)
    },
    async updateTransfer(id, change) {
      const args = [
        id,
        change.status,
        change.attempts,
        change.response,
        change.responseCode,
        change.lastError,
        change.updatedAt,
      ] as const
      // One statement is atomic by itself; a transaction only where the lock is released with it.
      if (change.status !== 'REJECTED') return void (await updateOutbox.run(...args))
      await db.transaction().execute(async (trx) => {
        await updateOutbox.runIn(trx, ...args)
        await trx
          .updateTable('ebl_documents')
          .set({ pint_lock: null })
          .where('pint_lock', '=', id)
          .execute()
      })
    },
    async insertInbox(r) {
      const inserted = await insertInboxRow.run({
        reference: r.reference,
        document_checksum: r.documentChecksum,
        last_entry_checksum: r.lastEntryChecksum,
        sender: r.sender,
        recipient: r.recipient,
        envelope: r.envelope,
        manifest: JSON.stringify(r.manifest),
        documents: JSON.stringify(r.documents),
        status: r.status,
        created_at: r.createdAt,
        updated_at: r.updatedAt,
      })
      return inserted === 1
    },
    async getInbox(reference) {
      return withReceived((await inboxByReference.run(reference))[0])
    },
    async getInboxSummary(reference) {
      const [row] = await summaryBy.run(reference)
      return row
        ? {
            reference: row.reference,
            lastEntryChecksum: row.last_entry_checksum,
            documents: JSON.parse(row.documents) as InboxRecord['documents'],
            status: row.status as InboxRecord['status'],
          }
        : undefined
    },
    async getInboxByLastEntry(checksum) {
      return withReceived((await inboxByLastEntry.run(checksum))[0])
    },
    async listInbox({ documentChecksum }) {
      const rows = documentChecksum
        ? await inboxOfDocument.run(documentChecksum)
        : await db
            .selectFrom('pint_inbox')
            .selectAll()
            .orderBy('created_at')
            .orderBy('reference')
            .execute()
      return Promise.all(
        rows.map(async (row) => inboxFromRow(row, await receivedOf(row.reference))),
      )
    },
    async putDocument(reference, checksum, content) {
      await insertDocument.run(reference, checksum, content)
    },
    async getDocument(reference, checksum) {
      const row = await db
        .selectFrom('pint_inbox_documents')
        .select('content')
        .where('reference', '=', reference)
        .where('checksum', '=', checksum)
        .executeTakeFirst()
      return row?.content
    },
    async acceptInbox(reference, at, bill) {
      return db.transaction().execute(async (trx) => {
        if ((await acceptRow.affectedIn(trx, reference, at)) !== 1) return false
        if (!bill) return true
        const row = eblRow(bill.record)
        if (!bill.reactivate) {
          await insertBill.runIn(trx, row)
          return true
        }
        // The bill that left comes back: only while it is still locked as transferred out.
        const moved = await trx
          .updateTable('ebl_documents')
          .set({
            state: row.state,
            status: row.status,
            issuer: row.issuer,
            possessor: row.possessor,
            holder: row.holder,
            shipper: row.shipper,
            consignee: row.consignee,
            last_entry_checksum: row.last_entry_checksum,
            updated_at: row.updated_at,
            pint_lock: null,
          })
          .where('id', '=', bill.record.id)
          .where('pint_lock', 'is not', null)
          .executeTakeFirst()
        if (Number(moved.numUpdatedRows) !== 1)
          throw new EblError('EBL_CONFLICT', 'the bill is not transferred out of this node')
        return true
      })
    },
  }
}
