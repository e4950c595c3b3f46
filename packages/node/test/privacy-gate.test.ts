import { defaultPrivacyPolicy, PrivacyError } from '@landsea/core/privacy'
import type { LandseaDatabase } from '@landsea/storage'
import { openTestDatabase, TEST_DATABASES } from '@landsea/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode, type LandseaNode } from '../src/create-node.js'

// What PINT will hand the gate: a transport document about to go to a Singapore platform.
const envelope = (n: number) => ({
  transportDocument: {
    transportDocumentReference: `LSPINT${n}`,
    partyContactDetails: [{ name: `Person ${n}`, email: `person.${n}@example.cn` }],
  },
})
const pint = (n: number) => ({
  channel: 'pint' as const,
  exporter: 'org-cq-carrier',
  recipient: 'sg-platform',
  recipientCountry: 'SG',
  purpose: 'title-transfer',
  payload: envelope(n),
})

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof PrivacyError) return error.code
    throw error
  }
  throw new Error('the transfer was not refused')
}

for (const kind of TEST_DATABASES) {
  describe(`the gate for PINT envelopes, thresholds and the register [${kind}]`, () => {
    let node: LandseaNode
    let database: LandseaDatabase
    beforeAll(async () => {
      database = await openTestDatabase(kind)
      node = await createNode({
        database,
        identity: { name: 'CN node', jurisdiction: 'CN' },
      })
      const base = defaultPrivacyPolicy('CN')
      // Thresholds scaled down so that a test crosses them: 4 individuals exempt, warn at 50%.
      await node.privacy.setPolicy({
        ...base,
        revision: 'scaled',
        thresholds: { ...base.thresholds, nonSensitiveExempt: 4, warnAt: 0.5 },
      })
    })
    afterAll(async () => {
      await node?.close()
    })

    it('counts distinct individuals per exporter and year, warns at the share, then requires a contract', async () => {
      const first = await node.privacy.checkOutbound(pint(1))
      expect(first).toMatchObject({ action: 'send', warnings: [] })
      expect(first.entry?.record).toMatchObject({
        subjectCount: 1,
        basis: { kind: 'pipl-volume-exemption' },
      })
      // The same person again is not a new individual.
      expect((await node.privacy.checkOutbound(pint(1))).warnings).toEqual([])
      const second = await node.privacy.checkOutbound(pint(2))
      expect(second.warnings).toEqual([{ threshold: 'nonSensitiveExempt', limit: 4, count: 2 }])
      await node.privacy.checkOutbound(pint(3))
      // The fourth individual reaches the 100,000 band (scaled): a standard contract is needed.
      expect(await refusal(node.privacy.checkOutbound(pint(4)))).toBe(
        'PRIVACY_BASIS_MISSING_PIPL_STANDARD_CONTRACT_OR_CERTIFICATION',
      )
      const before = (await node.privacy.register.list()).length
      const policy = await node.privacy.policy()
      await node.privacy.setPolicy({
        ...policy,
        bases: [
          {
            id: 'scc-1',
            kind: 'pipl-standard-contract',
            exporter: 'org-cq-carrier',
            recipient: 'sg-platform',
            recipientCountry: 'SG',
            purposes: ['title-transfer'],
            reference: 'SCC filed with Chongqing CAC, filing no. 2026-0042',
            validUntil: '2029-12-31',
          },
        ],
      })
      const fourth = await node.privacy.checkOutbound(pint(4))
      expect(fourth.entry?.record.basis).toEqual({
        kind: 'pipl-standard-contract',
        id: 'scc-1',
        reference: 'SCC filed with Chongqing CAC, filing no. 2026-0042',
      })
      expect((await node.privacy.register.list()).length).toBe(before + 1)
    })

    it('keeps the register in the ledger: every entry verifies against the current tree', async () => {
      const entries = await node.privacy.register.list()
      expect(entries.length).toBe(5)
      const size = await node.ledger.store.treeSize()
      expect(await node.privacy.register.verify(size)).toEqual([])
      // A register entry altered after the fact no longer matches its leaf.
      const tampered = { ...entries[0]!, record: { ...entries[0]!.record, recipientCountry: 'MY' } }
      const { hashLeaf, encodeLeaf } = await import('@landsea/core/ledger')
      const leaf = hashLeaf(encodeLeaf({ type: 'privacy-transfer', body: tampered.record }))
      expect(await node.ledger.store.findLeafIndex(leaf)).toBeUndefined()
    })

    it('reads the register back after a restart of the register (a fresh read of its rows)', async () => {
      const { createTransferRegister } = await import('../src/privacy/transfer-register.js')
      const { createTransferRegisterStore } = await import('@landsea/storage')
      const fresh = createTransferRegister({
        rows: createTransferRegisterStore(database.db),
        ledger: node.ledger.store,
      })
      expect((await fresh.list()).map((e) => e.record.recordId)).toEqual(
        (await node.privacy.register.list()).map((e) => e.record.recordId),
      )
    })
  })
}
