import { createHash } from 'node:crypto'
import { defaultPrivacyPolicy, PrivacyError, type PrivacyPolicy } from '@landsea/core/privacy'
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

const NAME = 'Lim Bee Hoon'
let n = 0
const doorDelivery = () => namedDoorDelivery('LSBATCH01', NAME)
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

for (const kind of TEST_DATABASES) {
  describe(`the gate decides an ingest's deliveries as a batch [${kind}]`, () => {
    let database: LandseaDatabase
    let node: LandseaNode
    let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>
    let base: PrivacyPolicy
    // Three subscribers in Singapore, one in China (the same receiver under another origin).
    const singapore = ['sub-sg-1', 'sub-sg-2', 'sub-sg-3']
    const domesticOrigin = () => receiver.origin.replace('127.0.0.1', 'localhost')

    beforeAll(async () => {
      receiver = await startWebhookReceiver()
      database = await openTestDatabase(kind)
      node = await createChinaNode(database)
      base = {
        ...defaultPrivacyPolicy('CN'),
        recipients: [
          { id: receiver.origin, country: 'SG' },
          { id: domesticOrigin(), country: 'CN' },
        ],
      }
      for (const id of singapore) await subscribeAll(node, id, receiver.url)
      await subscribeAll(node, 'sub-cn', `${domesticOrigin()}/hook`)
    })
    afterAll(async () => {
      await node?.close()
      await receiver?.close()
    })
    beforeEach(async () => {
      await node.privacy.setPolicy(base)
    })

    const allDeliveries = () =>
      database.db.selectFrom('tracking_deliveries').select('delivery_id').execute()
    const queuedOf = async (deliveryIDs: readonly string[]) => {
      const rows = await database.db
        .selectFrom('tracking_deliveries')
        .selectAll()
        .where('delivery_id', 'in', [...deliveryIDs])
        .execute()
      return new Map(rows.map((r) => [r.subscription_id, r]))
    }

    for (const needsPersonalData of [false, true]) {
      const how = needsPersonalData ? 'in clear' : 'minimised'
      it(`one event to four subscribers, ${how}: a register leaf per delivery, the person counted once`, async () => {
        await node.privacy.setPolicy({
          ...base,
          revision: how,
          purposes: base.purposes.map((p) =>
            p.id === 'tracking' ? { ...p, needsPersonalData } : p,
          ),
        })
        const year = new Date().getUTCFullYear()
        const counted = async () =>
          (await node.privacy.register.subjects(year)).get('CN node')?.all.size ?? 0
        const countedBefore = await counted()
        const rowsBefore = (await node.privacy.register.list()).length
        const idsBefore = new Set((await allDeliveries()).map((d) => d.delivery_id))
        const event = doorDelivery()
        expect(await node.tracking.ingest([{ index: 0, value: event }])).toMatchObject({
          accepted: 1,
        })
        const fresh = (await allDeliveries()).filter((d) => !idsBefore.has(d.delivery_id))
        expect(fresh).toHaveLength(4)
        const queued = await queuedOf(fresh.map((d) => d.delivery_id))
        const sent = queued.get('sub-sg-1')!.payload
        if (needsPersonalData) expect(sent).toContain(`"name":"${NAME}"`)
        else expect(sent).toMatch(/"name":"hmac-sha256:[0-9a-f]{32}"/)
        for (const id of singapore) expect(queued.get(id)?.payload).toBe(sent)
        // Domestic: sent as it is, the original text in clear, no register row.
        expect(queued.get('sub-cn')?.payload).toContain(`"name":"${NAME}"`)

        const entries = (await node.privacy.register.list()).slice(rowsBefore)
        expect(entries.map((e) => e.record.intentId).sort()).toEqual(
          singapore.map((id) => `webhook:${id}:${queued.get(id)!.delivery_id}`).sort(),
        )
        expect(new Set(entries.map((e) => e.record.recordId)).size).toBe(3)
        for (const { record } of entries) {
          expect(record).toMatchObject({
            action: needsPersonalData ? 'send' : 'minimise',
            subjectCount: 1,
          })
          expect(record.payloadSha256).toBe(sha256(sent))
        }
        // Thresholds count persons sent in clear, each once however many receive them.
        expect(await counted()).toBe(countedBefore + (needsPersonalData ? 1 : 0))

        // The privacy job seals the batch's rows: one leaf each, all included under the root.
        await webhookGate(node.privacy, 'CN node').reconcile()
        const sealed = await node.privacy.register.list()
        expect(sealed).toHaveLength(rowsBefore + 3)
        expect(new Set(sealed.map((e) => e.leafIndex)).size).toBe(sealed.length)
        expect(await node.privacy.register.verify(await node.ledger.store.treeSize())).toEqual([])
      })
    }

    it('the same text to a foreign and a domestic recipient, in either order: minimised, and in clear', async () => {
      const payload = JSON.stringify([doorDelivery()])
      const subscriptions = await node.subscriptions.list()
      const delivery = (subscriptionID: string, k: number) =>
        pendingDelivery(`batch-order-${n}-${k}`, subscriptionID, payload)
      for (const order of [
        ['sub-sg-1', 'sub-cn'],
        ['sub-cn', 'sub-sg-1'],
      ]) {
        n++
        const batch = order.map(delivery)
        await webhookGate(node.privacy, 'CN node').enqueue(batch, subscriptions)
        const queued = await queuedOf(batch.map((d) => d.deliveryID))
        expect(queued.get('sub-cn')?.payload).toBe(payload)
        expect(queued.get('sub-sg-1')?.payload).not.toContain(NAME)
        const [entry] = (await node.privacy.register.list()).slice(-1)
        expect(entry?.record.payloadSha256).toBe(sha256(queued.get('sub-sg-1')!.payload))
      }
    })

    it('a policy set by another process sharing the database is in force there within a second', async () => {
      const other = await createNode({ database, outbound: { allowLoopback: true } })
      try {
        const pint = {
          channel: 'pint' as const,
          exporter: 'org-cq',
          recipient: 'sg-platform',
          recipientCountry: 'SG',
          purpose: 'title-transfer',
          payload: { transportDocument: { partyContactDetails: [{ name: NAME }] } },
        }
        // The other process holds the policy; then this one requires what no one has.
        await expect(other.privacy.checkOutbound(pint)).resolves.toMatchObject({ action: 'send' })
        const purposes = base.purposes.map((p) =>
          p.id === 'tracking' ? { ...p, needsPersonalData: true } : p,
        )
        await node.privacy.setPolicy({ ...base, revision: 'ciio', ciio: true, purposes })
        // Past the second a process keeps the stored version (not a timing assertion: a bound).
        await new Promise((resolve) => setTimeout(resolve, 1100))
        const refused = await other.privacy.checkOutbound(pint).catch((e: unknown) => e)
        expect(refused).toBeInstanceOf(PrivacyError)
        expect((refused as PrivacyError).code).toBe(
          'PRIVACY_BASIS_MISSING_PIPL_SECURITY_ASSESSMENT',
        )
        expect(await other.privacy.policyStamp()).toBe(await node.privacy.policyStamp())
        // The batch path too: the other process's ingest queues the refusal, not the send.
        await other.tracking.ingest([{ index: 0, value: doorDelivery() }])
        const [latest] = await other.subscriptions.deliveries('sub-sg-1', { limit: 1 })
        expect(latest).toMatchObject({ status: 'FAILED', payload: '' })
        expect(latest!.lastError).toMatch(/^PRIVACY_BASIS_MISSING_PIPL_SECURITY_ASSESSMENT/)
        // Reading the policy (GET /api/privacy/policy) reads it now, and decisions follow at once.
        await node.privacy.setPolicy(base)
        expect(await other.privacy.policy()).toEqual(base)
        await expect(other.privacy.checkOutbound(pint)).resolves.toMatchObject({ action: 'send' })
      } finally {
        // The database is shared: stop the other node's jobs, leave the database open.
        await other.stop()
      }
    })
  })
}
