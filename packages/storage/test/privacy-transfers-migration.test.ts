import { encodeLeaf } from '@landsea/core/ledger'
import type { TransferRecord } from '@landsea/core/privacy'
import type { Kysely } from 'kysely'
import { expect, it } from 'vitest'
import { createLedgerStore, createTransferRegisterStore } from '../src/index.js'
import { up } from '../src/migrations/0010-privacy-transfers.js'
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
      const rows = createTransferRegisterStore(db)
      expect((await rows.since(0)).map((r) => [r.record.recordId, r.leafIndex])).toEqual([
        ['r-1', 1],
        ['r-3', 3],
      ])
      // The copied entry keeps its intent: a retry is not recorded again.
      expect(await rows.insert([{ record: record(9, 'webhook:s:d1') }])).toEqual([undefined])
      expect(await rows.insert([{ record: record(4) }])).toEqual([expect.any(Number)])
      const encode = (r: TransferRecord) => encodeLeaf({ type: 'privacy-transfer', body: r })
      expect(await rows.seal(encode)).toBe(1)
      expect(await rows.seal(encode)).toBe(0)
      expect((await rows.since(0)).map((r) => r.leafIndex)).toEqual([1, 3, 4])
    })
  },
)
