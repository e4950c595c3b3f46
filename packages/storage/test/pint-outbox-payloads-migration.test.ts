import type { OutboxRecord } from '@landsea/core/pint'
import { sql, type Kysely } from 'kysely'
import { expect, it } from 'vitest'
import { createPintStore } from '../src/index.js'
import { up } from '../src/migrations/0016-pint-outbox-payloads.js'
import { describeEachDatabase } from './databases.js'

const at = '2026-12-04T00:00:00.000Z'
const transfer = (n: number, documentId: string): OutboxRecord => ({
  id: `t-${n}`,
  documentId,
  platform: 'LSSG',
  actor: 'org-shipper',
  action: 'TRANSFER',
  envelope: JSON.stringify({ transportDocument: { n }, padding: 'e'.repeat(20_000) }),
  lastEntryChecksum: `${n}`.padStart(64, '0'),
  documents: { ['a'.repeat(64)]: 'ZG9jdW1lbnQ=', ['b'.repeat(64)]: `${n}`.repeat(60_000) },
  status: 'SENDING',
  attempts: 0,
  response: null,
  responseCode: null,
  lastError: null,
  createdAt: at,
  updatedAt: at,
})

describeEachDatabase('migration 0016: a transfer out keeps its envelope apart', (get) => {
  it('moves the envelopes and documents of existing transfers intact; updates keep them', async () => {
    const { db } = get()
    for (const id of ['doc-1', 'doc-2', 'doc-3']) {
      await db
        .insertInto('ebl_documents')
        .values({
          id,
          reference: id,
          version: 1,
          document: '{}',
          document_checksum: id.padEnd(64, '0'),
          state: '{}',
          status: 'ISSUED',
          issuer: 'org-carrier',
          possessor: 'org-shipper',
          holder: null,
          shipper: null,
          consignee: null,
          last_entry_checksum: null,
          amends_id: null,
          amended_by_id: null,
          created_at: at,
          updated_at: at,
        })
        .execute()
    }
    // The outbox as it was before 0016: the envelope and documents in the transfer's own row.
    await db.schema.dropTable('pint_outbox_payloads').execute()
    for (const column of ['envelope', 'documents'])
      await db.schema
        .alterTable('pint_outbox')
        .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
        .execute()
    const old = [transfer(1, 'doc-1'), { ...transfer(2, 'doc-2'), status: 'TRANSFERRED' as const }]
    for (const t of old)
      await sql`insert into pint_outbox (id, document_id, platform, actor, action, envelope,
        last_entry_checksum, documents, status, attempts, response, response_code, last_error,
        created_at, updated_at)
        values (${t.id}, ${t.documentId}, ${t.platform}, ${t.actor}, ${t.action}, ${t.envelope},
        ${t.lastEntryChecksum}, ${JSON.stringify(t.documents)}, ${t.status}, ${t.attempts}, null,
        null, null, ${t.createdAt}, ${t.updatedAt})`.execute(db)

    await up(db as unknown as Kysely<unknown>)
    const store = createPintStore(db)
    expect(await store.getTransfer('t-1')).toEqual(old[0])
    expect(await store.listTransfers({})).toEqual(old)
    expect(await store.listTransfers({ status: 'SENDING' })).toEqual([old[0]])

    // An attempt's outcome is stored; the envelope and documents stay as they were.
    const change = {
      status: 'TRANSFERRED' as const,
      attempts: 1,
      response: 'signed.response.jws',
      responseCode: 'RECE',
      lastError: null,
      updatedAt: '2026-12-04T00:00:01.000Z',
    }
    await store.updateTransfer('t-1', change)
    expect(await store.getTransfer('t-1')).toEqual({ ...old[0], ...change })
    // A transfer enqueued after the migration reads back whole, and is listed by its bill.
    const fresh = transfer(3, 'doc-3')
    expect(await store.lockAndEnqueue(fresh, null)).toBe(true)
    expect(await store.listTransfers({ documentId: 'doc-3' })).toEqual([fresh])
    expect(await store.getTransfer('t-9')).toBeUndefined()
  })
})
