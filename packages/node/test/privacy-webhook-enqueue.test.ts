import { defaultPrivacyPolicy, type PrivacyPolicy } from '@landsea/core/privacy'
import type { LandseaDatabase } from '@landsea/storage'
import { openTestDatabase, TEST_DATABASES } from '@landsea/storage/testing'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createNode, type LandseaNode } from '../src/create-node.js'
import { webhookGate } from '../src/privacy/webhook-gate.js'
import {
  createChinaNode,
  namedDoorDelivery,
  pendingDelivery,
  startWebhookReceiver,
  subscribeAll,
} from './webhook-receiver.js'

const NAME = 'Tan Ah Kow'
const doorDelivery = () => namedDoorDelivery('LSENQUEUE01', NAME)

/** A delivery of the event naming the person in clear (as queued by a path without the gate). */
const namedDelivery = (deliveryID: string, minimised: string) =>
  pendingDelivery(deliveryID, 'sub-1', minimised.replace(/hmac-sha256:[0-9a-f]{32}/, NAME))

for (const kind of TEST_DATABASES) {
  describe(`webhooks decided when enqueued [${kind}]`, () => {
    let database: LandseaDatabase
    let node: LandseaNode
    let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>
    let received: string[] = []
    let base: PrivacyPolicy
    const tracking = (needsPersonalData: boolean) =>
      base.purposes.map((p) => (p.id === 'tracking' ? { ...p, needsPersonalData } : p))

    beforeAll(async () => {
      receiver = await startWebhookReceiver()
      received = receiver.received
      database = await openTestDatabase(kind)
      node = await createChinaNode(database)
      base = {
        ...defaultPrivacyPolicy('CN'),
        recipients: [{ id: receiver.origin, country: 'SG' }],
      }
      await subscribeAll(node, 'sub-1', receiver.url)
    })
    afterAll(async () => {
      await node?.close()
      await receiver?.close()
    })
    beforeEach(async () => {
      await node.privacy.setPolicy(base)
    })

    /** Ingests one event naming a person; returns its delivery's queue row, read from the table. */
    async function ingest() {
      const report = await node.tracking.ingest([{ index: 0, value: doorDelivery() }])
      expect(report).toMatchObject({ accepted: 1 })
      const row = await database.db
        .selectFrom('tracking_deliveries')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('delivery_id', 'desc')
        .executeTakeFirstOrThrow()
      return row
    }
    const entryOf = (deliveryId: string) =>
      node.privacy.register.byIntent(`webhook:sub-1:${deliveryId}`)

    it('queues the minimised copy, its register row written with it before any send', async () => {
      const row = await ingest()
      // Nothing of the person sits in the queue: the name is the node's keyed hash already.
      expect(JSON.stringify(row)).not.toContain(NAME)
      expect(row.payload).toMatch(/"name":"hmac-sha256:[0-9a-f]{32}"/)
      expect(row).toMatchObject({ status: 'PENDING', privacy_decision: 'no-personal-data' })
      const entry = await entryOf(row.delivery_id)
      expect(entry?.record).toMatchObject({ action: 'minimise', recipientCountry: 'SG' })
      expect(await node.privacy.unsettledIntents()).toContainEqual(
        expect.objectContaining({ intentId: `webhook:sub-1:${row.delivery_id}` }),
      )
      // The worker sends what was decided: the same bytes, under the same entry.
      const before = received.length
      expect(await node.webhooks.runOnce()).toBe(1)
      expect(received.slice(before)).toEqual([row.payload])
      expect(await node.privacy.unsettledIntents()).toEqual([])
    })

    it('re-decides a send in clear when the policy changed since: refused, or minimised', async () => {
      await node.privacy.setPolicy({ ...base, revision: 'clear', purposes: tracking(true) })
      const refused = await ingest()
      expect(refused.payload).toContain(NAME)
      expect(refused.privacy_decision).toMatch(/^[0-9a-f]{32}@\d{4}-\d{2}-\d{2}$/)
      // A CIIO without a security assessment: the queued send is no longer covered.
      await node.privacy.setPolicy({
        ...base,
        revision: 'ciio',
        ciio: true,
        purposes: tracking(true),
      })
      const before = received.length
      expect(await node.webhooks.runOnce()).toBe(1)
      expect(received.length).toBe(before)
      const [failed] = await node.subscriptions.deliveries('sub-1', { limit: 1 })
      expect(failed).toMatchObject({ deliveryID: refused.delivery_id, status: 'FAILED' })
      expect(failed!.lastError).toMatch(/^PRIVACY_BASIS_MISSING_PIPL_SECURITY_ASSESSMENT/)
      // Its intent was recorded at enqueue (record first) and settles as not sent.
      await webhookGate(node.privacy, 'CN node').reconcile()
      expect(await node.privacy.unsettledIntents()).toEqual([])

      await node.privacy.setPolicy({ ...base, revision: 'clear', purposes: tracking(true) })
      const minimised = await ingest()
      expect(minimised.payload).toContain(NAME)
      // Tracking needs no personal data again: the clear copy is minimised at send.
      await node.privacy.setPolicy({ ...base, revision: 'minimise' })
      expect(await node.webhooks.runOnce()).toBe(1)
      expect(received.at(-1)).not.toContain(NAME)
      expect(received.at(-1)).toMatch(/"name":"hmac-sha256:[0-9a-f]{32}"/)
      // Decided again, not recorded again: one entry for the delivery.
      const entries = (await node.privacy.register.list()).filter(
        (e) => e.record.intentId === `webhook:sub-1:${minimised.delivery_id}`,
      )
      expect(entries).toHaveLength(1)
    })

    it('a refusal at enqueue queues nothing to send and logs the code, with no register row', async () => {
      await node.privacy.setPolicy({
        ...base,
        revision: 'ciio',
        ciio: true,
        purposes: tracking(true),
      })
      const row = await ingest()
      expect(row).toMatchObject({ status: 'FAILED', payload: '' })
      expect(row.last_error).toMatch(/^PRIVACY_BASIS_MISSING_PIPL_SECURITY_ASSESSMENT/)
      expect(await entryOf(row.delivery_id)).toBeUndefined()
    })

    it('a crash between enqueue and send leaves a recorded intent; the restarted node sends it once', async () => {
      const row = await ingest()
      // The process dies here: the delivery is queued, its intent recorded, nothing sent.
      expect(await node.privacy.unsettledIntents()).toContainEqual(
        expect.objectContaining({ intentId: `webhook:sub-1:${row.delivery_id}` }),
      )
      const restarted = await createNode({ database, outbound: { allowLoopback: true } })
      const before = received.length
      expect(await restarted.webhooks.runOnce()).toBe(1)
      expect(received.slice(before)).toEqual([row.payload])
      expect(await restarted.privacy.unsettledIntents()).toEqual([])
      const entries = (await restarted.privacy.register.list()).filter(
        (e) => e.record.intentId === `webhook:sub-1:${row.delivery_id}`,
      )
      expect(entries).toHaveLength(1)
      expect(
        await restarted.privacy.register.verify(await restarted.ledger.store.treeSize()),
      ).toEqual([])
    })

    it('a delivery whose subscription is not given is queued undecided, and decided at send', async () => {
      const row = await ingest()
      const delivery = namedDelivery('undecided-1', row.payload)
      await webhookGate(node.privacy, 'CN node').enqueue([delivery], [])
      const [queued] = await node.subscriptions.deliveries('sub-1', { limit: 1 })
      expect(queued).toMatchObject({ deliveryID: 'undecided-1' })
      expect(queued!.privacyDecision).toBeUndefined()
      expect(await entryOf('undecided-1')).toBeUndefined()
      await node.webhooks.runOnce()
      await node.webhooks.runOnce()
      expect(received.slice(-2).join()).not.toContain(NAME)
      expect((await entryOf('undecided-1'))?.record).toMatchObject({ action: 'minimise' })
    })

    it('a delivery given its events as objects gets what its text alone gets: body and record', async () => {
      const gate = webhookGate(node.privacy, 'CN node')
      const [subscription] = await node.subscriptions.list()
      for (const needsPersonalData of [false, true]) {
        await node.privacy.setPolicy({
          ...base,
          revision: `body-${needsPersonalData}`,
          purposes: tracking(needsPersonalData),
        })
        // Two named events and a third value the copy keeps (shared with the given events).
        const events = [doorDelivery(), namedDoorDelivery('LSENQUEUE02', 'Lim Bee Leng')]
        const text = JSON.stringify(events)
        const asText = pendingDelivery(`text-${needsPersonalData}`, 'sub-1', text)
        const asBody = {
          ...pendingDelivery(`body-${needsPersonalData}`, 'sub-1', text),
          body: events,
        }
        // Separate batches: each is analysed on its own (a batch shares one analysis per text).
        await gate.enqueue([asText], [subscription!])
        await gate.enqueue([asBody], [subscription!])
        const rows = await database.db
          .selectFrom('tracking_deliveries')
          .select(['delivery_id', 'payload', 'privacy_decision'])
          .where('delivery_id', 'in', [asText.deliveryID, asBody.deliveryID])
          .orderBy('delivery_id')
          .execute()
        const [fromBody, fromText] = rows
        expect(fromBody!.payload).toBe(fromText!.payload)
        expect(fromBody!.privacy_decision).toBe(fromText!.privacy_decision)
        expect(fromBody!.payload.includes(NAME)).toBe(needsPersonalData)
        // The record but its own identity (its id, time and intent differ by delivery).
        const recordOf = async (deliveryId: string) => {
          const {
            recordId: _id,
            recordedAt: _at,
            intentId: _intent,
            ...rest
          } = (await entryOf(deliveryId))!.record
          return rest
        }
        const fromBodyRecord = await recordOf(asBody.deliveryID)
        const fromTextRecord = await recordOf(asText.deliveryID)
        expect(fromBodyRecord).toEqual(fromTextRecord)
        expect(fromBodyRecord.subjectCount).toBe(2)
        // The given events are left as they were: the minimised copy shares only what it keeps.
        expect(JSON.stringify(events)).toBe(text)
      }
    })

    it('writes the queue entries and register rows in one transaction: a failed batch leaves neither', async () => {
      const row = await ingest()
      const gate = webhookGate(node.privacy, 'CN node')
      const delivery = namedDelivery('fresh-1', row.payload)
      const [subscription] = await node.subscriptions.list()
      // The second delivery's id is taken: the whole batch is refused by the database.
      await expect(
        gate.enqueue([delivery, { ...delivery, deliveryID: row.delivery_id }], [subscription!]),
      ).rejects.toThrow()
      expect(await entryOf('fresh-1')).toBeUndefined()
      expect(await node.subscriptions.deliveries('sub-1')).not.toContainEqual(
        expect.objectContaining({ deliveryID: 'fresh-1' }),
      )
    })
  })
}
