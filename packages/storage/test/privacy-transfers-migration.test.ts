import { encodeLeaf, encodeLeafWithCanonicalBody, hashLeaf } from '@landsea/core/ledger'
import type { TransferRecord } from '@landsea/core/privacy'
import type { Kysely } from 'kysely'
import { expect, it } from 'vitest'
import { createLedgerStore, createTransferRegisterStore } from '../src/index.js'
import { up } from '../src/migrations/0010-privacy-transfers.js'
import { up as up0013 } from '../src/migrations/0013-privacy-transfers-lean.js'
import { describeEachDatabase } from './databases.js'

const record = (n: number, intentId?: string) =>
  ({
    recordId: `r-${n}`,
    recordedAt: '2026-03-01T00:00:00.000Z',
    subjectHashes: [`${n}`.padStart(64, '0')],
    ...(intentId ? { intentId } : {}),
  }) as unknown as TransferRecord

describeEachDatabase(
  'migration 0010: register entries already in the ledger become rows',
  (get) => {
    it('copies each privacy-transfer leaf with its index; a seal then appends only the new rows', async () => {
      const { db } = get()
      const ledger = createLedgerStore(db)
      // A register from before the migration: entries as leaves, among other leaves.
      await ledger.appendLeaves([
        encodeLeaf({ type: 'tracking-event', body: { n: 0 } }),
        encodeLeaf({ type: 'privacy-transfer', body: record(1, 'webhook:s:d1') }),
        encodeLeaf({ type: 'tracking-event', body: { n: 2 } }),
        encodeLeaf({ type: 'privacy-transfer', body: record(3) }),
      ])
      await db.schema.dropTable('privacy_transfers').execute()
      await up(db as unknown as Kysely<unknown>)
      await up0013(db as unknown as Kysely<unknown>)
      const rows = createTransferRegisterStore(db)
      expect((await rows.since(0)).map((r) => [r.record.recordId, r.leafIndex])).toEqual([
        ['r-1', 1],
        ['r-3', 3],
      ])
      // The copied entry keeps its intent: a retry is not recorded again.
      expect(await rows.insert([{ record: record(9, 'webhook:s:d1') }])).toEqual([undefined])
      expect(await rows.insert([{ record: record(4) }])).toEqual([expect.any(Number)])
      const encode = (r: TransferRecord) => encodeLeaf({ type: 'privacy-transfer', body: r })
      const leaf = {
        encode,
        canonical: (text: string) =>
          encodeLeafWithCanonicalBody({ type: 'privacy-transfer', canonicalBody: text }),
      }
      expect(await rows.seal(leaf)).toBe(1)
      expect(await rows.seal(leaf)).toBe(0)
      expect((await rows.since(0)).map((r) => r.leafIndex)).toEqual([1, 3, 4])
    })
  },
)

describeEachDatabase('migration 0013: a leaner register row', (get) => {
  const leafHashes = async (db: ReturnType<typeof get>['db'], from: number) =>
    (
      await db
        .selectFrom('ledger_leaves')
        .select(['leaf_index', 'leaf_hash'])
        .where('leaf_index', '>=', from)
        .orderBy('leaf_index')
        .execute()
    ).map((r) => Buffer.from(r.leaf_hash).toString('hex'))

  it('keeps rows and their order; a row written before is parsed and encoded at the seal, a new one wrapped as written: the same leaves', async () => {
    const { db } = get()
    const ledger = createLedgerStore(db)
    const from = await ledger.treeSize()
    const rows = createTransferRegisterStore(db)
    // A row as an older process writes it: the record's text in its own key order, no flag.
    const older = { ...record(20, 'webhook:s:d20'), exporter: 'CN node', warnings: [] }
    await db
      .insertInto('privacy_transfers')
      .values({
        record_id: older.recordId,
        intent_id: older.intentId!,
        delivery_id: null,
        recorded_at: older.recordedAt,
        record: JSON.stringify(older),
        leaf_index: null,
        settled_at: null,
      })
      .execute()
    const newer = { ...record(21, 'webhook:s:d21'), exporter: 'CN node', warnings: [] }
    const [seq] = await rows.insert([{ record: newer }])
    const wrapped: string[] = []
    const encoded: string[] = []
    const sealed = await rows.seal({
      encode: (r) => {
        encoded.push(r.recordId)
        return encodeLeaf({ type: 'privacy-transfer', body: r })
      },
      canonical: (text) => {
        wrapped.push(text)
        return encodeLeafWithCanonicalBody({ type: 'privacy-transfer', canonicalBody: text })
      },
    })
    expect(sealed).toBe(2)
    expect(encoded).toEqual(['r-20'])
    expect(wrapped.map((t) => JSON.parse(t) as unknown)).toEqual([newer])
    // Each leaf is the one encodeLeaf gives the record: the same hash whichever way it was made.
    const expected = [older, newer].map((r) =>
      Buffer.from(hashLeaf(encodeLeaf({ type: 'privacy-transfer', body: r }))).toString('hex'),
    )
    expect(await leafHashes(db, from)).toEqual(expected)
    // The sequence goes on above every row, and one row per intent still holds.
    expect(seq).toBeGreaterThan(0)
    expect(await rows.insert([{ record: record(22, 'webhook:s:d21') }])).toEqual([undefined])
    const [next] = await rows.insert([{ record: record(23, 'webhook:s:d23') }])
    expect(next).toBeGreaterThan(seq!)
  })
})
