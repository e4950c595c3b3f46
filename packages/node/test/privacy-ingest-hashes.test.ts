import { randomUUID } from 'node:crypto'
import { erasedPlaceholder, findPersonalData } from '@landsea/core/privacy'
import { createDoorDeliveryEvent, type TrackingEvent } from '@landsea/core/tracking'
import { createPrivacyStore, type LandseaDatabase } from '@landsea/storage'
import { TEST_DATABASES } from '@landsea/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LandseaNode } from '../src/create-node.js'
import { createEventVault } from '../src/privacy/event-vault.js'
import { standardsPersonalDataLocator } from '../src/privacy/personal-data.js'
import { subjectOfEach } from '../src/privacy/subjects.js'
import { webhookGate } from '../src/privacy/webhook-gate.js'
import {
  chinaNodeWithReceiver,
  namedDoorDelivery,
  pendingDelivery,
  type startWebhookReceiver,
} from './webhook-receiver.js'

// Upper case: the subject's identifier (trimmed, lower-cased) and the value's pseudonym differ.
const NAME = 'Tan AH Kow'

for (const kind of TEST_DATABASES) {
  describe(`the ingest's subject hashes handed to the webhook gate [${kind}]`, () => {
    let database: LandseaDatabase
    let node: LandseaNode
    let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>
    beforeAll(async () => {
      ;({ receiver, database, node } = await chinaNodeWithReceiver(kind))
    })
    afterAll(async () => {
      await node?.close()
      await receiver?.close()
    })

    /** The register record and queued text of a delivery. */
    async function recorded(deliveryID: string) {
      const entry = (await node.privacy.register.list()).find(
        (e) => e.record.intentId === `webhook:sub-1:${deliveryID}`,
      )
      const row = await database.db
        .selectFrom('tracking_deliveries')
        .select('payload')
        .where('delivery_id', '=', deliveryID)
        .executeTakeFirstOrThrow()
      return { subjectHashes: entry?.record.subjectHashes, payload: row.payload }
    }

    /** An event vault over the node's store and keyed hash, as the node wires its own. */
    const eventVault = () =>
      createEventVault({
        store: createPrivacyStore(database.db),
        locator: standardsPersonalDataLocator,
        subjectHash: (identifier) => node.privacy.subjectHash(identifier),
      })

    it("the event vault's hashes are the gate's own, by the identifiers the gate looks up", async () => {
      const vault = eventVault()
      const events = [
        namedDoorDelivery('LSHASHES01', NAME),
        namedDoorDelivery('LSHASHES01', ' lim Bee LENG '),
        namedDoorDelivery('LSHASHES01', NAME),
      ]
      const { subjectHashes } = await vault.commit(events.map((value, index) => ({ index, value })))
      // Each event's own subjects, as the gate finds them in a delivery's events.
      const identifiers = events.flatMap((e) =>
        subjectOfEach(findPersonalData(e, standardsPersonalDataLocator())),
      )
      expect([...subjectHashes.keys()].sort()).toEqual([...new Set(identifiers)].sort())
      for (const [identifier, hash] of subjectHashes) {
        expect(hash).toBe(await node.privacy.subjectHash(identifier))
      }
    })

    it("the event vault's personal values of a body are the gate's own search of it", async () => {
      const vault = eventVault()
      const events = [
        namedDoorDelivery('LSHASHES04', NAME),
        createDoorDeliveryEvent({ eventID: randomUUID(), reference: 'LSHASHES04' }),
        namedDoorDelivery('LSHASHES04', ' lim Bee LENG '),
      ] as TrackingEvent[]
      const committed = await vault.commit(events.map((value, index) => ({ index, value })))
      // The stored events (values replaced by commitments), opened as the ingest notifies them.
      const opened = committed.items.map((item) =>
        committed.open((item as { value: TrackingEvent }).value),
      )
      expect(JSON.stringify(committed.items)).not.toContain(NAME)
      // Bodies as the ingest sends them: every event, one, and a subscriber's subset.
      for (const body of [opened, [opened[2]!], [opened[1]!], [opened[0]!, opened[2]!]]) {
        const found = findPersonalData(body, standardsPersonalDataLocator()).filter(
          (f) => f.value !== erasedPlaceholder(f.path),
        )
        expect(committed.personalValuesOf(body)).toEqual({
          found,
          subjects: subjectOfEach(found),
          locator: standardsPersonalDataLocator(),
        })
      }
      // An event it did not open: the gate searches the body itself.
      expect(committed.personalValuesOf([events[0]!])).toBeUndefined()
    })

    it('an ingested delivery is recorded and minimised as one decided from its text alone', async () => {
      const event = namedDoorDelivery('LSHASHES02', NAME)
      expect(await node.tracking.ingest([{ index: 0, value: event }])).toMatchObject({
        accepted: 1,
      })
      const { delivery_id: ingested } = await database.db
        .selectFrom('tracking_deliveries')
        .select('delivery_id')
        .orderBy('created_at', 'desc')
        .orderBy('delivery_id', 'desc')
        .executeTakeFirstOrThrow()
      // The same text, enqueued without events or hashes: the gate computes both HMACs itself.
      const gate = webhookGate(node.privacy, 'CN node')
      const subscription = (await node.subscriptions.list())[0]!
      const text = JSON.stringify([event])
      await gate.enqueue([pendingDelivery('d-text', 'sub-1', text)], [subscription])
      const fromIngest = await recorded(ingested)
      const fromText = await recorded('d-text')
      expect(fromIngest.subjectHashes).toEqual([await node.privacy.subjectHash(NAME)])
      expect(fromIngest).toEqual(fromText)
      expect(fromIngest.payload).not.toContain(NAME)
      expect(fromIngest.payload.replace(/hmac-sha256:[0-9a-f]{32}/, 'X')).toBe(
        text.replace(NAME, 'X'),
      )
      // The value's pseudonym is the keyed hash of the value as sent, not the identifier's carried.
      const identifierHash = (await node.privacy.subjectHash(NAME)).slice(0, 32)
      expect(fromIngest.payload).not.toContain(identifierHash)
    })

    it('uses the hashes a delivery carries, and computes those it lacks', async () => {
      const event = namedDoorDelivery('LSHASHES03', NAME)
      const text = JSON.stringify([event])
      const subscription = (await node.subscriptions.list())[0]!
      const gate = webhookGate(node.privacy, 'CN node')
      const carrying = (deliveryID: string, subjectHashes: ReadonlyMap<string, string>) => ({
        ...pendingDelivery(deliveryID, 'sub-1', text),
        body: [event],
        subjectHashes,
      })
      const marked = 'f'.repeat(64)
      // Two batches: the deliveries of one batch that carry the same text share one analysis.
      await gate.enqueue([carrying('d-marked', new Map([['tan ah kow', marked]]))], [subscription])
      await gate.enqueue([carrying('d-none', new Map([['someone else', marked]]))], [subscription])
      // Personal values carried with the events: taken as given, not searched for again.
      const locator = standardsPersonalDataLocator()
      const found = findPersonalData([event], locator)
      await gate.enqueue(
        [
          {
            ...carrying('d-values', new Map()),
            personalValues: { found, subjects: ['someone else'], locator },
          },
        ],
        [subscription],
      )
      // Found by another locator than the gate's: searched for again.
      await gate.enqueue(
        [
          {
            ...carrying('d-other-locator', new Map()),
            personalValues: { found: [], subjects: [], locator: new Map() },
          },
        ],
        [subscription],
      )
      expect((await recorded('d-other-locator')).subjectHashes).toEqual([
        await node.privacy.subjectHash(NAME),
      ])
      expect((await recorded('d-values')).subjectHashes).toEqual([
        await node.privacy.subjectHash('someone else'),
      ])
      // Carried: taken as given (hence the test above that the vault's are the gate's own).
      expect((await recorded('d-marked')).subjectHashes).toEqual([marked])
      // Absent (another identifier's only): computed, the same as from the text alone.
      expect((await recorded('d-none')).subjectHashes).toEqual([
        await node.privacy.subjectHash(NAME),
      ])
    })
  })
}
