import { initEd25519Verifier } from '@landsea/core/crypto'
import { openTestDatabase, TEST_DATABASES } from '@landsea/storage/testing'
import { verifyBundle } from '@landsea/core/verify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNode, exportBundle, seedDemo, type LandseaNode } from '../src/index.js'

// The demo as `npm start` seeds it (with tracking): the delivered bill's shipment has its
// emissions claim, and the bank's pledge of that bill is green-linked to it (docs/emissions.md).
for (const kind of TEST_DATABASES) {
  describe(`demo green-linked pledge [${kind}]`, () => {
    let node: LandseaNode
    beforeAll(async () => {
      await initEd25519Verifier()
      node = await createNode({ database: await openTestDatabase(kind), checkpointIntervalMs: 0 })
    }, 300_000)
    afterAll(async () => {
      await node?.close()
    })

    it('carries the claim and the green-linked pledge in the delivered bill’s bundle, which verifies', async () => {
      const seed = (await seedDemo(node))!
      const bill = seed.bills.find((b) => b.stage === 'delivered in Singapore')!
      const claim = (await node.emissions.claim(bill.reference))!
      expect(claim.subject.teu).toBe(2)
      const pledge = (await node.registry.history(bill.id)).find(
        (e) => e.payload.pledge === 'PLEDGE',
      )!
      expect(pledge.payload.greenLink).toEqual({ claimId: claim.id, claimDigest: claim.digest })
      // The other pledged bill's shipment is not finished: its pledge is a plain one.
      const other = seed.bills.find((b) => b.stage.startsWith('pledged'))!
      const plain = (await node.registry.history(other.id)).find(
        (e) => e.payload.pledge === 'PLEDGE',
      )!
      expect(plain.payload.greenLink).toBeUndefined()

      const bundle = await exportBundle({
        documentId: bill.id,
        registry: node.registry,
        organisations: node.organisations,
        ledger: node.ledger,
        identity: node.identityService,
        emissions: node.emissions,
      })
      const v = await verifyBundle(JSON.stringify(bundle), { witnessQuorum: 0 })
      expect(v.steps.filter((s) => s.status !== 'pass')).toEqual([])
      expect(v.steps.map((s) => s.name).slice(-4)).toEqual([
        'claimSignature',
        'claimInclusion',
        'claimRecomputation',
        'greenPledge',
      ])
      expect(v.title).toMatchObject({ status: 'SURRENDERED_FOR_DELIVERY' })
    }, 300_000)
  })
}
