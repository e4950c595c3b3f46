import { createSampleCorridorBill } from '@landsea/core/ebl'
import { encodeLeaf, hashLeaf } from '@landsea/core/ledger'
import { openTestDatabase, TEST_DATABASES } from '@landsea/storage/testing'
import { describe, expect, it } from 'vitest'
import { seedDemo } from '../src/demo/seed.js'
import { createNode } from '../src/node.js'

for (const kind of TEST_DATABASES) {
  describe(`action leaves [${kind}]`, () => {
    it('commits an action and its leaf together, or neither', async () => {
      const node = await createNode({
        database: await openTestDatabase(kind),
        checkpointIntervalMs: 0,
      })
      try {
        const seed = (await seedDemo(node, { withTracking: false }))!
        const o = seed.organisations
        const draft = await node.registry.createDraft({
          document: createSampleCorridorBill({
            reference: 'LEAFTXN1',
            carrier: o.carrier.id,
            shipper: o.shipper.id,
          }),
          carrier: o.carrier.id,
        })
        const before = await node.ledger.store.treeSize()
        const { entry } = await node.registry.act({
          documentId: draft.id,
          actor: o.carrier.id,
          action: 'ISSUE',
          recipient: o.shipper.id,
        })
        const leafHash = hashLeaf(encodeLeaf({ type: 'ebl-action', body: entry.jws }))
        expect(await node.ledger.store.findLeafIndex(leafHash)).toBe(before)

        // Break the log so that the next leaf cannot be appended (no frontier in the head, and no
        // nodes to rebuild it from): the action must not be stored.
        await node.database.db.deleteFrom('ledger_nodes').execute()
        await node.database.db.updateTable('ledger_head').set({ frontier: null }).execute()
        const head = (await node.registry.get(draft.id)).lastEntryChecksum
        await expect(
          node.registry.act({ documentId: draft.id, actor: o.shipper.id, action: 'BLANK_ENDORSE' }),
        ).rejects.toThrow()
        expect(await node.registry.history(draft.id)).toHaveLength(1)
        expect((await node.registry.get(draft.id)).lastEntryChecksum).toBe(head)
      } finally {
        await node.close()
      }
    })
  })
}

describe('group commit of action leaves', () => {
  it('gives concurrent appends distinct, dense indices and each its own leaves', async () => {
    const node = await createNode({
      database: await openTestDatabase('sqlite'),
      checkpointIntervalMs: 0,
    })
    try {
      const before = await node.ledger.store.treeSize()
      const batches = Array.from({ length: 20 }, (_, i) =>
        Array.from({ length: 1 + (i % 3) }, (_, j) => `eyJhIjoxfQ.eyJiIjoyfQ.c2lnLTEt${i}x${j}`),
      )
      const results = await Promise.all(batches.map((jws) => node.ledger.appendActions(jws)))
      const total = batches.reduce((n, b) => n + b.length, 0)
      expect(await node.ledger.store.treeSize()).toBe(before + total)
      const starts = results.map((r) => r.firstIndex)
      expect(new Set(starts).size).toBe(batches.length)
      for (const [i, jws] of batches.entries()) {
        for (const [j, one] of jws.entries()) {
          const leafHash = hashLeaf(encodeLeaf({ type: 'ebl-action', body: one }))
          expect(await node.ledger.store.findLeafIndex(leafHash)).toBe(starts[i]! + j)
        }
      }
    } finally {
      await node.close()
    }
  })
})
