import { describe, expect, it } from 'vitest'
import { simulateCorridor } from '../simulation/simulate-corridor.js'
import { shipmentKeyOf, type TrackingEvent } from '../tracking/tracking-event.js'
import { evaluateEta } from './evaluate-eta.js'
import { journeyFromEvents } from './journey.js'

describe('evaluateEta on a simulated corridor history', () => {
  // 23 months of history; train before June 2025, test on shipments leaving after it.
  const sim = simulateCorridor({
    seed: 2026,
    fromMs: Date.UTC(2024, 0, 1),
    toMs: Date.UTC(2025, 11, 1),
  })
  const byShipment = new Map<string, TrackingEvent[]>()
  for (const e of sim.events) {
    const key = shipmentKeyOf(e) as string
    byShipment.set(key, [...(byShipment.get(key) ?? []), e])
  }
  const journeys = [...byShipment].map(([key, events]) => journeyFromEvents(key, events))
  const result = evaluateEta({ journeys, splitMs: Date.UTC(2025, 5, 1) })
  const at = (h: string) => result.horizons.find((r) => r.horizon === h)!

  it('reports every horizon in the documented shape', () => {
    expect(result.horizons.map((h) => Object.keys(h))).toEqual(
      Array(3).fill(['horizon', 'shipments', 'maeHoursP50', 'baselineMaeHours', 'coverageP10P90']),
    )
    expect(at('departure-chongqing').shipments).toBeGreaterThan(1000)
    expect(at('arrival-singapore').shipments).toBeGreaterThan(150)
  })

  it('beats the schedule baseline clearly before Singapore and is calibrated near 80%', () => {
    for (const h of ['departure-chongqing', 'arrival-qinzhou']) {
      const r = at(h)
      expect(r.maeHoursP50).toBeLessThan(0.62 * r.baselineMaeHours)
      expect(r.coverageP10P90).toBeGreaterThanOrEqual(0.76)
      expect(r.coverageP10P90).toBeLessThanOrEqual(0.84)
    }
    const sin = at('arrival-singapore')
    expect(sin.maeHoursP50).toBeLessThan(0.7 * sin.baselineMaeHours)
    expect(sin.coverageP10P90).toBeGreaterThanOrEqual(0.72)
  })
})
