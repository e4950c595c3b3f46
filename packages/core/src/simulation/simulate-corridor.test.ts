import { describe, expect, it } from 'vitest'
import { canonicalJson, sha256Hex } from '../crypto/index.js'
import { validateTrackingEvent } from '../tracking/validate-event.js'
import { simulateBookings, simulateCorridor } from './simulate-corridor.js'
import { corridorScenario } from './corridor-scenario.js'

const fromMs = Date.UTC(2025, 0, 1)
const toMs = Date.UTC(2025, 1, 1)

function hours(a: string, b: string): number {
  return (Date.parse(b) - Date.parse(a)) / 3_600_000
}

describe('simulateCorridor', () => {
  const sim = simulateCorridor({ seed: 11, fromMs, toMs })

  it('is reproducible byte for byte from its seed', () => {
    const again = simulateCorridor({ seed: 11, fromMs, toMs })
    expect(sha256Hex(canonicalJson(again.events))).toBe(sha256Hex(canonicalJson(sim.events)))
    const other = simulateCorridor({ seed: 12, fromMs, toMs })
    expect(sha256Hex(canonicalJson(other.events))).not.toBe(sha256Hex(canonicalJson(sim.events)))
  })

  it('produces only valid, unique DCSA T&T events', () => {
    const ids = new Set<string>()
    for (const e of sim.events) {
      const result = validateTrackingEvent(e)
      expect(result.ok ? [] : result.issues).toEqual([])
      ids.add(e.eventID)
    }
    expect(ids.size).toBe(sim.events.length)
    expect(sim.shipments.length).toBeGreaterThan(100)
  })

  it('covers the main route, transshipment and both rail branches', () => {
    const destinations = new Set(sim.shipments.map((s) => s.destination))
    for (const d of ['SGSIN', 'VNHAN', 'LAVTE']) expect(destinations.has(d)).toBe(true)
    expect(sim.shipments.some((s) => s.route === 'RAIL_SEA_TRANSSHIP')).toBe(true)
  })

  it('keeps the corridor timings: Chongqing → Qinzhou rail about 48 h, to Singapore 6–10 days', () => {
    const rail: number[] = []
    const total: number[] = []
    for (const s of sim.shipments.filter((x) => x.route === 'RAIL_SEA')) {
      const act = s.events.filter(
        (e) => e.eventClassifierCode === 'ACT' && e.eventType === 'TRANSPORT',
      )
      const [dep, arr, , sin] = act.map((e) => e.eventDateTime)
      rail.push(hours(dep!, arr!))
      total.push(hours(dep!, sin!) / 24)
    }
    rail.sort((a, b) => a - b)
    total.sort((a, b) => a - b)
    const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!
    expect(median(rail)).toBeGreaterThan(44)
    expect(median(rail)).toBeLessThan(54)
    expect(median(total)).toBeGreaterThan(6)
    expect(median(total)).toBeLessThan(10)
  })

  it('streams: with nowMs only events reported by then are returned', () => {
    const nowMs = Date.UTC(2025, 0, 15)
    const live = simulateCorridor({ seed: 11, fromMs, toMs, nowMs })
    expect(live.events.length).toBeLessThan(sim.events.length)
    expect(live.events.every((e) => Date.parse(e.eventCreatedDateTime) <= nowMs)).toBe(true)
    expect(live.events).toEqual(
      sim.events.filter((e) => Date.parse(e.eventCreatedDateTime) <= nowMs),
    )
  })
})

describe('simulateBookings', () => {
  it('simulates given bills at the stage now puts them in', () => {
    const nowMs = Date.UTC(2025, 5, 10)
    const day = 86_400_000
    const sim = simulateBookings({
      seed: 3,
      nowMs,
      bookings: [
        {
          bookedMs: nowMs - 20 * day,
          transportDocumentReference: 'LSDEMO1',
          equipmentReference: 'CSQU3054383',
        },
        {
          bookedMs: nowMs - 3 * 3_600_000,
          transportDocumentReference: 'LSDEMO2',
          destination: 'MYPKG',
        },
      ],
    })
    const of = (ref: string) =>
      sim.events.filter((e) => e.documentReferences?.some((r) => r.documentReferenceValue === ref))
    const delivered = of('LSDEMO1')
    expect(
      delivered.some((e) => e.eventType === 'EQUIPMENT' && e.equipmentEventTypeCode === 'GTOT'),
    ).toBe(true)
    expect(
      delivered.every((e) => e.eventType !== 'EQUIPMENT' || e.equipmentReference === 'CSQU3054383'),
    ).toBe(true)
    const planned = of('LSDEMO2')
    expect(
      planned.filter((e) => e.eventClassifierCode === 'ACT' && e.eventType === 'TRANSPORT'),
    ).toEqual([])
    expect(planned.some((e) => e.eventClassifierCode === 'PLN')).toBe(true)
    expect(sim.shipments[1]?.destination).toBe('MYPKG')
  })
})

describe('scenarios', () => {
  const fromMs = Date.UTC(2025, 0, 1)
  const toMs = Date.UTC(2025, 6, 1)
  const sailingDays = (scenario: 'baseline' | 'schedule-change', after: boolean) => {
    const sim = simulateCorridor({ seed: 5, fromMs, toMs, scenario })
    const days = new Set<number>()
    for (const e of sim.events) {
      const call = (e as { transportCall?: { modeOfTransport: string; UNLocationCode: string } })
        .transportCall
      if (e.eventClassifierCode !== 'ACT' || call?.modeOfTransport !== 'VESSEL') continue
      if (call.UNLocationCode !== 'CNQZH') continue
      const ms = Date.parse(e.eventDateTime)
      if (after ? ms > (fromMs + toMs) / 2 + 7 * 86_400_000 : ms < (fromMs + toMs) / 2)
        days.add(new Date(ms).getUTCDay())
    }
    return [...days].sort()
  }

  it('keeps the baseline byte for byte and moves the Qinzhou sailings halfway in schedule-change', () => {
    expect(sailingDays('baseline', true)).toEqual([2, 4, 6])
    expect(sailingDays('schedule-change', false)).toEqual([2, 4, 6])
    expect(sailingDays('schedule-change', true)).toEqual([1, 3, 5])
  })

  it('congests Singapore in spells of weeks under congestion-regimes', () => {
    const world = corridorScenario('congestion-regimes', { seed: 5, fromMs, toMs })
    const weeks = Array.from({ length: 26 }, (_, w) =>
      world.congestionExtraMeanHoursAt(fromMs + w * 7 * 86_400_000),
    )
    expect(weeks.some((h) => h > 0)).toBe(true)
    expect(weeks.some((h) => h === 0)).toBe(true)
  })
})
