import { createDoorDeliveryEvent } from '@landsea/core/tracking'
import { decodeLeaf, encodeLeaf, hashLeaf, verifyInclusionProof } from '@landsea/core/ledger'
import { defaultPrivacyPolicy } from '@landsea/core/privacy'
import { createEventStore, type LandseaDatabase } from '@landsea/storage'
import { openTestDatabase, TEST_DATABASES } from '@landsea/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode, type LandseaNode } from '../src/create-node.js'

const NAME = 'Tan Ah Kow'
const SHIPMENT = 'LSTNTPRIV01'

// A gate-in at a door-delivery address naming the individual who receives the container.
const doorDelivery = (n: number, name: string) =>
  createDoorDeliveryEvent({
    eventID: `0190a5f2-7c1e-7a0c-8a1b-${String(n).padStart(12, '0')}`,
    reference: SHIPMENT,
    name,
  })

const nameOf = (event: unknown) =>
  (event as { eventLocation?: { address?: { name?: string } } }).eventLocation?.address?.name

for (const kind of TEST_DATABASES) {
  describe(`tracking events: personal fields at rest, subject access, erasure [${kind}]`, () => {
    let node: LandseaNode
    let database: LandseaDatabase
    beforeAll(async () => {
      database = await openTestDatabase(kind)
      node = await createNode({ database, identity: { name: 'SG node', jurisdiction: 'SG' } })
      // No retention rule: an erasure applies at once.
      await node.privacy.setPolicy({ ...defaultPrivacyPolicy('SG'), retention: [] })
    })
    afterAll(async () => {
      await node?.close()
    })

    /** The shipment's proofs, each checked: the leaf is the shown event's, and it is in the tree. */
    const provedLeaves = async () => {
      const proofs = await node.tracking.shipmentProofs(SHIPMENT)
      const root = Buffer.from(proofs.rootHash, 'base64')
      return proofs.events.map((p) => {
        const leaf = hashLeaf(encodeLeaf({ type: 'tracking-event', body: p.event }))
        expect(Buffer.from(leaf).toString('base64')).toBe(p.leafHash)
        verifyInclusionProof(
          {
            leafIndex: p.leafIndex,
            treeSize: proofs.treeSize,
            hashes: p.inclusionProof.map((h) => Buffer.from(h, 'base64')),
          },
          leaf,
          root,
        )
        return { leafHash: p.leafHash, event: JSON.stringify(p.event) }
      })
    }

    it('keeps the name out of the stored event and its leaf; reads and subject access find it', async () => {
      const report = await node.tracking.ingest([{ index: 0, value: doorDelivery(1, NAME) }])
      expect(report).toMatchObject({ accepted: 1, rejected: [] })
      const leafIndex = report.acceptedEvents[0]!.leafIndex
      // At rest: the stored body and the ledger leaf hold the commitment, not the name.
      const raw = await createEventStore(database.db).getEvent(doorDelivery(1, NAME).eventID)
      expect(nameOf(raw?.event)).toMatch(/^sha256:[0-9a-f]{64}$/)
      const [leaf] = await node.ledger.store.readLeaves(leafIndex, leafIndex + 1)
      expect(JSON.stringify(decodeLeaf(leaf!).body)).not.toContain(NAME)
      // The node's reads put it back while the person's key lives.
      const timeline = await node.tracking.shipmentTimeline(SHIPMENT)
      expect(nameOf(timeline.events[0])).toBe(NAME)
      // Subject access by the person's identifier (a name here: T&T carries no e-mail or phone).
      const access = await node.privacyRights.access(NAME)
      expect(access.records).toEqual([
        {
          kind: 'tracking-event',
          id: doorDelivery(1, NAME).eventID,
          reference: doorDelivery(1, NAME).eventID,
          fields: [
            {
              path: '/eventLocation/address/name',
              value: NAME,
              commitment: nameOf(raw?.event),
            },
          ],
        },
      ])
      // The proofs are over the committed form: no name in them.
      expect(JSON.stringify(await provedLeaves())).not.toContain(NAME)
    })

    it('is idempotent: the same event again is a duplicate; another name under its ID a conflict', async () => {
      const again = await node.tracking.ingest([{ index: 0, value: doorDelivery(1, NAME) }])
      expect(again).toMatchObject({ accepted: 0, duplicates: [doorDelivery(1, NAME).eventID] })
      const other = await node.tracking.ingest([
        { index: 0, value: doorDelivery(1, 'Lim Bee Leng') },
      ])
      expect(other.rejected[0]?.issues[0]?.code).toBe('TRACKING_EVENT_ID_CONFLICT')
      // The refused event left nothing of the other person behind.
      expect((await node.privacyRights.access('Lim Bee Leng')).records).toEqual([])
    })

    it('erasure destroys the name; the event reads with the placeholder and its leaf still verifies', async () => {
      const before = await provedLeaves()
      expect(node.privacy.rememberedValues()).toBeGreaterThan(0)
      const erased = await node.privacyRights.erase(NAME)
      expect(erased).toMatchObject({ status: 'done' })
      // No value in clear stays in the gate's memory of keyed hashes.
      expect(node.privacy.rememberedValues()).toBe(0)
      const timeline = await node.tracking.shipmentTimeline(SHIPMENT)
      expect(nameOf(timeline.events[0])).toBe('[erased]')
      const access = await node.privacyRights.access(NAME)
      expect(access.records[0]!.fields[0]!.value).toBeNull()
      expect(JSON.stringify(access)).not.toContain(NAME)
      // The same leaves, still proved against the current tree.
      expect(await provedLeaves()).toEqual(before)
      // A repeat of the erased event is still a duplicate: its commitment stands.
      const again = await node.tracking.ingest([{ index: 0, value: doorDelivery(1, NAME) }])
      expect(again).toMatchObject({ accepted: 0 })
      expect((await node.privacyRights.access(NAME)).records[0]!.fields[0]!.value).toBeNull()
    })
  })
}
