import { encodeLeaf, encodeLeafWithCanonicalBody, hashLeaf } from '@landsea/core/ledger'
import type { TransferRecord } from '@landsea/core/privacy'
import type { Delivery } from '@landsea/core/tracking'
import { CompiledQuery } from 'kysely'
import { expect, it } from 'vitest'
import { createLedgerStore, createTransferRegisterStore } from '../src/index.js'
import { dialectOf } from '../src/dialect.js'
import { endedIntents, openIntentsOf } from '../src/privacy-register-store.js'
import { describeEachDatabase } from './databases.js'

const record = (n: number) =>
  ({
    recordId: `r-${n}`,
    recordedAt: '2026-03-01T00:00:00.000Z',
    exporter: 'CN node',
    subjectHashes: [`${n}`.padStart(64, '0')],
    warnings: [],
    intentId: `webhook:s:d${n}`,
  }) as unknown as TransferRecord

const delivery = (n: number): Delivery => ({
  deliveryID: `d${n}`,
  subscriptionID: 's',
  kind: 'EVENTS',
  payload: '[]',
  status: 'PENDING',
  attempts: 0,
  nextAttemptMs: 0,
  createdAt: '2026-03-01T00:00:00.000Z',
})

const leaf = {
  encode: (r: TransferRecord) => encodeLeaf({ type: 'privacy-transfer', body: r }),
  canonical: (text: string) =>
    encodeLeafWithCanonicalBody({ type: 'privacy-transfer', canonicalBody: text }),
}

describeEachDatabase('the register: seal and settlement', (get) => {
  /** Every row's leaf is its record's, at the index the row names. */
  const expectRowsMatchLeaves = async () => {
    const { db } = get()
    const rows = await createTransferRegisterStore(db).since(0)
    const leaves = await db
      .selectFrom('ledger_leaves')
      .select(['leaf_index', 'leaf_hash'])
      .where('leaf_type', '=', 'privacy-transfer')
      .orderBy('leaf_index')
      .execute()
    const hashOf = new Map(
      leaves.map((l) => [Number(l.leaf_index), Buffer.from(l.leaf_hash).toString('hex')]),
    )
    expect(rows.every((r) => r.leafIndex !== null)).toBe(true)
    expect(new Set(rows.map((r) => r.leafIndex)).size).toBe(rows.length)
    for (const row of rows) {
      expect(hashOf.get(row.leafIndex!)).toBe(
        Buffer.from(hashLeaf(leaf.encode(row.record))).toString('hex'),
      )
    }
    return rows
  }

  it('seals consecutive rows with one update, and rows with a gap between them, each at its own leaf', async () => {
    const { db } = get()
    const ledger = createLedgerStore(db)
    const rows = createTransferRegisterStore(db)
    await ledger.appendLeaves([encodeLeaf({ type: 'tracking-event', body: { n: 0 } })])
    await rows.insert([{ record: record(1) }, { record: record(2) }, { record: record(3) }])
    const from = await ledger.treeSize()
    expect(await rows.seal(leaf)).toBe(3)
    expect((await rows.since(0)).map((r) => r.leafIndex)).toEqual([from, from + 1, from + 2])
    // A row whose sequence number leaves a gap (PostgreSQL's sequence skips a value when an insert
    // conflicts or rolls back): the rows are sealed one by one, each at its position.
    const [seq] = await rows.insert([{ record: record(4) }])
    await db
      .insertInto('privacy_transfers')
      .values({
        seq: seq! + 5,
        record_id: 'r-5',
        intent_id: 'webhook:s:d5',
        delivery_id: null,
        recorded_at: '2026-03-01T00:00:00.000Z',
        record: JSON.stringify(record(5)),
        leaf_index: null,
        settled_at: null,
      })
      .execute()
    await rows.insert([{ record: record(6) }])
    expect(await rows.seal(leaf)).toBe(3)
    expect(await rows.seal(leaf)).toBe(0)
    const sealed = await expectRowsMatchLeaves()
    // In order of sequence number (on PostgreSQL the explicit one stays above the next drawn).
    expect(sealed.map((r) => r.leafIndex)).toEqual([0, 1, 2, 3, 4, 5].map((i) => from + i))
    expect(sealed.map((r) => r.record.recordId).sort()).toEqual([
      'r-1',
      'r-2',
      'r-3',
      'r-4',
      'r-5',
      'r-6',
    ])
  })

  it('settles the intents whose deliveries ended, in order, and reads only the open ones', async () => {
    const { db } = get()
    const rows = createTransferRegisterStore(db)
    const entries = [7, 8, 9].map((n) => ({ record: record(n), deliveryId: `d${n}` }))
    await rows.insertWithDeliveries(entries, [7, 8, 9].map(delivery))
    await rows.seal(leaf)
    await db
      .updateTable('tracking_deliveries')
      .set({ status: 'DELIVERED' })
      .where('delivery_id', 'in', ['d7', 'd9'])
      .execute()
    expect(await rows.settleEnded()).toBe(2)
    expect(await rows.settleEnded()).toBe(0)
    const settled = await db
      .selectFrom('privacy_transfer_intents')
      .select(['intent_id', 'state'])
      .where('intent_id', 'in', ['webhook:s:d7', 'webhook:s:d8', 'webhook:s:d9'])
      .orderBy('intent_id')
      .execute()
    expect(settled).toEqual([
      { intent_id: 'webhook:s:d7', state: 'sent' },
      { intent_id: 'webhook:s:d9', state: 'sent' },
    ])
    const open = (await rows.unsettled()).map((i) => i.intentId)
    expect(open.filter((id) => /d[789]$/.test(id))).toEqual(['webhook:s:d8'])
    await expectRowsMatchLeaves()
    if (dialectOf(db).name === 'sqlite') {
      // The settlement walks the partial index of open intents, not every row of the register.
      const { sql: text, parameters } = endedIntents(openIntentsOf(db)).compile()
      const plan = await db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${text}`, [...parameters]),
      )
      const details = plan.rows.map((r) => r.detail).join(' | ')
      expect(details).toContain('privacy_transfers_open')
      expect(details).not.toContain('sqlite_autoindex_privacy_transfers')
    }
  })
})
