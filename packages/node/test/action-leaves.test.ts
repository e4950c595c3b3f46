import { createSampleCorridorBill } from '@landsea/core/ebl'
import { encodeLeaf, hashLeaf } from '@landsea/core/ledger'
import { openTestDatabase, TEST_DATABASES } from '@landsea/storage/testing'
import { describe, expect, it } from 'vitest'
import { createNode, seedDemo } from '../src/index.js'

for (const kind of TEST_DATABASES) {
  describe(`action leaves [${kind}]`, () => {
    it('commits an action and its leaf together, or neither', async () => {
      const database = await openTestDatabase(kind)
      const node = await createNode({ database, checkpointIntervalMs: 0 })
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
        await database.db.deleteFrom('ledger_nodes').execute()
        await database.db.updateTable('ledger_head').set({ frontier: null }).execute()
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
  it('gives concurrent title actions distinct, dense leaves, each its own', async () => {
    const node = await createNode({
      database: await openTestDatabase('sqlite'),
      checkpointIntervalMs: 0,
    })
    try {
      const o = (await seedDemo(node, { withTracking: false }))!.organisations
      const drafts = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          node.registry.createDraft({
            document: createSampleCorridorBill({
              reference: `GROUPLEAF${String(i).padStart(3, '0')}`,
              carrier: o.carrier.id,
              shipper: o.shipper.id,
            }),
            carrier: o.carrier.id,
          }),
        ),
      )
      const before = await node.ledger.store.treeSize()
      const results = await Promise.all(
        drafts.map((draft) =>
          node.registry.act({
            documentId: draft.id,
            actor: o.carrier.id,
            action: 'ISSUE',
            recipient: o.shipper.id,
          }),
        ),
      )
      expect(await node.ledger.store.treeSize()).toBe(before + drafts.length)
      const indices = await Promise.all(
        results.map(({ entry }) =>
          node.ledger.store.findLeafIndex(
            hashLeaf(encodeLeaf({ type: 'ebl-action', body: entry.jws })),
          ),
        ),
      )
      expect([...indices].sort((a, b) => a! - b!)).toEqual(
        Array.from({ length: drafts.length }, (_, i) => before + i),
      )
    } finally {
      await node.close()
    }
  })
})
