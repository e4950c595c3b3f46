import { expect, it } from 'vitest'
import { seedTrackingDemo } from '../src/index.js'
import { describeEachNode } from './each-node.js'

describeEachNode('tracking demo seed', (get) => {
  it('gives every demo bill a shipment at its own stage, and history for the ETA', async () => {
    const { node, seed } = get()
    const nowMs = Date.UTC(2026, 4, 20, 8)
    const stored = await seedTrackingDemo(node.tracking, {
      nowMs,
      bills: seed.bills.map((b) => ({ reference: b.reference })),
    })
    expect(stored).toBeGreaterThan(5000)
    const views = await Promise.all(
      seed.bills.map((b) => node.tracking.shipmentTimeline(b.reference)),
    )
    const stages = views.map((v) => ({
      moving: v.timeline.currentLeg !== undefined,
      delivered: v.timeline.milestones.some(
        (m) => m.typeCode === 'GTOT' && m.actualAt !== undefined,
      ),
    }))
    expect(stages.some((s) => s.moving)).toBe(true)
    expect(stages.some((s) => s.delivered)).toBe(true)
    expect(views.some((v) => v.eta?.finalArrival?.basis === 'model')).toBe(true)
    const again = await seedTrackingDemo(node.tracking, {
      nowMs,
      bills: seed.bills.map((b) => ({ reference: b.reference })),
    })
    expect(again).toBe(0)
  })
})
