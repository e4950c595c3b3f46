import { createSampleCorridorBill } from '@landsea/core/ebl'
import { openTestDatabase } from '@landsea/storage/testing'
import { describe, expect, it } from 'vitest'
import { createNode, seedDemo, type LandseaNode } from '../src/index.js'

async function nodeWithAnAction(): Promise<LandseaNode> {
  const node = await createNode({
    database: await openTestDatabase('sqlite'),
    checkpointIntervalMs: 20,
  })
  const o = (await seedDemo(node, { withTracking: false }))!.organisations
  const draft = await node.registry.createDraft({
    document: createSampleCorridorBill({
      reference: 'JOBS0001',
      carrier: o.carrier.id,
      shipper: o.shipper.id,
    }),
    carrier: o.carrier.id,
  })
  await node.registry.act({
    documentId: draft.id,
    actor: o.carrier.id,
    action: 'ISSUE',
    recipient: o.shipper.id,
  })
  return node
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('background jobs', () => {
  it('are all listed on the node, and none runs before start()', async () => {
    const node = await nodeWithAnAction()
    try {
      expect(node.jobs.map((job) => job.name)).toEqual([
        'checkpoint-publisher',
        'webhook-delivery',
        'pint-outbox',
        'privacy-housekeeping',
      ])
      const size = await node.ledger.store.treeSize()
      await pause(200)
      expect((await node.ledger.store.latestCheckpoint())?.treeSize ?? 0).toBeLessThan(size)
    } finally {
      await node.close()
    }
  })

  it('start() publishes checkpoints of the grown log; stop() ends the jobs', async () => {
    const node = await nodeWithAnAction()
    try {
      const size = await node.ledger.store.treeSize()
      node.start()
      for (
        let i = 0;
        i < 250 && (await node.ledger.store.latestCheckpoint())?.treeSize !== size;
        i++
      )
        await pause(20)
      expect((await node.ledger.store.latestCheckpoint())?.treeSize).toBe(size)
      await node.stop()
    } finally {
      await node.close()
    }
  })

  it('leaves a job out when its interval is 0', async () => {
    const node = await createNode({
      inMemory: true,
      checkpointIntervalMs: 0,
      pintRetryIntervalMs: 0,
      privacyIntervalMs: 0,
    })
    try {
      expect(node.jobs.map((job) => job.name)).toEqual(['webhook-delivery'])
    } finally {
      await node.close()
    }
  })
})
