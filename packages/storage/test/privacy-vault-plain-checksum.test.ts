import { PLAIN_CHECKSUM_PATH, type VaultEntry } from '@landsea/core/privacy'
import { CompiledQuery, sql } from 'kysely'
import { expect, it } from 'vitest'
import { dialectOf } from '../src/dialect.js'
import { createPrivacyStore } from '../src/index.js'
import { plainChecksumRecord } from '../src/privacy-store.js'
import { describeEachDatabase } from './databases.js'

const entry = (recordId: string, path: string, commitment: string): VaultEntry => ({
  recordId,
  path,
  subjectHash: path === PLAIN_CHECKSUM_PATH ? '' : 'a'.repeat(64),
  commitment,
  sealed: path === PLAIN_CHECKSUM_PATH ? null : 'sealed',
})

describeEachDatabase('the vault found by a plain checksum (migration 0015)', (get) => {
  it("finds the record of a bill's #document row, by that row only, through its partial index", async () => {
    const { db } = get()
    const store = createPrivacyStore(db)
    const plain = 'c'.repeat(64)
    const value = 'd'.repeat(64)
    await store.putVault([
      entry('ebl:a', PLAIN_CHECKSUM_PATH, plain),
      entry('ebl:a', '/shipper/name', value),
      entry('ebl:b', '/consignee/name', plain.replace(/c$/, 'e')),
    ])
    expect(await store.recordOfCommitment(plain)).toBe('ebl:a')
    expect(await store.recordOfCommitment('f'.repeat(64))).toBeUndefined()
    // A sealed value's commitment is no bill's plain checksum: not indexed, not looked up.
    expect(await store.recordOfCommitment(value)).toBeUndefined()
    // Still stored and read with its record.
    expect((await store.vaultOf(['ebl:a'])).map((v) => v.commitment)).toEqual([plain, value])

    const { sql: text, parameters } = plainChecksumRecord(db, plain).compile()
    if (dialectOf(db).name === 'sqlite') {
      const plan = await db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${text}`, [...parameters]),
      )
      expect(plan.rows.map((r) => r.detail).join(' | ')).toContain('privacy_vault_plain_checksum')
    } else {
      const plan = await db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx)
        return trx.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`explain ${text.replace('$1', `'${plain}'`)}`, []),
        )
      })
      expect(plan.rows.map((r) => r['QUERY PLAN']).join(' | ')).toContain(
        'privacy_vault_plain_checksum',
      )
    }
  })
})
