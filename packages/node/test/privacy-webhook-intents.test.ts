import { defaultPrivacyPolicy } from '@landsea/core/privacy'
import { openTestDatabase, TEST_DATABASES } from '@landsea/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode, type LandseaNode } from '../src/create-node.js'
import { webhookGate } from '../src/privacy/webhook-gate.js'
import { createWebhookWorker } from '../src/tracking/webhook-worker.js'
import { pendingDelivery, startWebhookReceiver, subscribeAll } from './webhook-receiver.js'

// A door-delivery event naming a person: personal data for a Singapore subscriber.
const payload = JSON.stringify([
  { eventID: 'e-1', eventLocation: { address: { name: 'Tan Ah Kow', city: 'Singapore' } } },
])

for (const kind of TEST_DATABASES) {
  describe(`webhook retries and the register [${kind}]`, () => {
    let node: LandseaNode
    let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>
    let url = ''
    let failures = 0
    let received = 0
    beforeAll(async () => {
      receiver = await startWebhookReceiver(() => {
        received++
        return failures-- > 0 ? 503 : 200
      })
      url = receiver.url
      node = await createNode({
        database: await openTestDatabase(kind),
        identity: { name: 'CN node', jurisdiction: 'CN' },
      })
      await node.privacy.setPolicy({
        ...defaultPrivacyPolicy('CN'),
        recipients: [{ id: new URL(url).origin, country: 'SG' }],
      })
      await subscribeAll(node, 'sub-1', url)
    })
    afterAll(async () => {
      await node?.close()
      await receiver?.close()
    })

    const enqueue = (deliveryID: string) =>
      node.subscriptions.enqueue([pendingDelivery(deliveryID, 'sub-1', payload)])
    const webhookEntries = async () =>
      (await node.privacy.register.list()).filter((e) => e.record.channel === 'webhook')

    it('records one register entry per delivery however often it is retried; the delivery settles it', async () => {
      const gate = webhookGate(node.privacy, 'CN node')
      let clock = Date.now()
      const worker = createWebhookWorker({
        subscriptions: node.subscriptions,
        now: () => clock,
        beforeSend: gate.beforeSend,
      })
      failures = 2
      await enqueue('d-1')
      const leavesBefore = await node.ledger.store.treeSize()
      for (let round = 0; round < 3; round++) {
        await worker.runOnce()
        clock += 3_600_000 // past any backoff
      }
      expect(received).toBe(3)
      // The row is written before the send; its leaf waits for the register's next seal.
      expect(await node.ledger.store.treeSize()).toBe(leavesBefore)
      // The delivery's own status (DELIVERED) settles the intent: nothing is written after the send.
      expect(await node.privacy.unsettledIntents()).toEqual([])
      const [entry] = await webhookEntries()
      expect(await node.ledger.store.treeSize()).toBe(leavesBefore + 1)
      expect(entry).toMatchObject({ leafIndex: leavesBefore })
      expect(await node.privacy.register.verify(leavesBefore + 1)).toEqual([])
    })

    it('a crash after the POST and before the attempt is written: recorded, retried under the same entry, settled', async () => {
      const gate = webhookGate(node.privacy, 'CN node')
      let clock = Date.now()
      // The process dies after the POST: the delivery's attempt is never written.
      const dying = createWebhookWorker({
        subscriptions: {
          ...node.subscriptions,
          recordAttempt: () => Promise.reject(new Error('killed')),
        },
        now: () => clock,
        beforeSend: gate.beforeSend,
      })
      await enqueue('d-2')
      const sent = received
      await expect(dying.runOnce()).rejects.toThrow('killed')
      expect(received).toBe(sent + 1)
      const [open] = await node.privacy.unsettledIntents()
      expect(open).toMatchObject({ intentId: 'webhook:sub-1:d-2', state: 'recorded' })
      // Still leased, not ended: the privacy job leaves it open (and seals the register).
      expect(await gate.reconcile()).toBe(1) // d-1, ended in the test above
      expect(await node.privacy.unsettledIntents()).toHaveLength(1)
      // After the lease, the restarted worker sends it again: decided again, not recorded again.
      clock += 3_600_000
      const restarted = createWebhookWorker({
        subscriptions: node.subscriptions,
        now: () => clock,
        beforeSend: gate.beforeSend,
      })
      expect(await restarted.runOnce()).toBe(1)
      expect(received).toBe(sent + 2)
      expect(await node.privacy.unsettledIntents()).toEqual([])
      expect(await gate.reconcile()).toBe(1)
      expect(await webhookEntries()).toHaveLength(2)
    })

    it('a round of many deliveries writes their register rows together, one per delivery', async () => {
      const gate = webhookGate(node.privacy, 'CN node')
      const worker = createWebhookWorker({
        subscriptions: node.subscriptions,
        batchSize: 20,
        beforeSend: gate.beforeSend,
      })
      const before = (await webhookEntries()).length
      const sent = received
      for (let i = 0; i < 20; i++) await enqueue(`r-${i}`)
      expect(await worker.runOnce()).toBe(20)
      expect(received).toBe(sent + 20)
      const entries = await webhookEntries()
      expect(entries).toHaveLength(before + 20)
      expect(new Set(entries.map((e) => e.record.intentId)).size).toBe(entries.length)
      expect(await node.privacy.unsettledIntents()).toEqual([])
      expect(await node.privacy.register.verify(await node.ledger.store.treeSize())).toEqual([])
    })
  })
}
