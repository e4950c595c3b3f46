import { describe, expect, it } from 'vitest'
import { compareRoutes } from './compare-routes.js'
import {
  CORRIDOR_ALTERNATIVES,
  CORRIDOR_RAIL_SEA,
  EAST_COAST_SEA,
  ROAD_SEA_BEIBU,
  YANGTZE_RIVER_SEA,
} from './corridor-routes.js'
import { GLEC_V3_2024 } from './factor-tables.js'
import { computeJourneyEmissions, journeyOf } from './journey-emissions.js'
import { computeShipmentEmissions } from './shipment-emissions.js'
import type { Milestone } from '../tracking/timeline.js'

// Hand-computed from the sourced factors (reference/visibility.md §5.2), one TEU = 10 t = 1 container.
describe('the corridor and its alternatives, per TEU (GLEC v3 2024)', () => {
  const one = { teu: 1 }
  it('rail–sea via Qinzhou: 14,000 t-km × 13.4 g + 2,508 TEU-km × 124.3 g + 6 + 10.7 + 10.7 = 526.7 kg', () => {
    const r = computeShipmentEmissions({ consignment: one, ...CORRIDOR_RAIL_SEA })
    // 187.6 + 311.7 + 27.4
    expect(r.co2eKg).toBe(526.7)
    expect(r.factorTableVersion).toBe('glec-v3.0-2024')
    expect(r.tonneKmByMode).toEqual({ rail: 14000, sea: 25080 })
    expect(r.distanceKm).toBe(3908)
    expect(r.gaps).toEqual([])
  })

  it('river–sea via Shanghai: 24,000 t-km × 21.0 g + 4,122 TEU-km × 124.3 g + 3 × 10.7 = 1,048.5 kg', () => {
    // 504 + 512.4 + 32.1
    expect(computeShipmentEmissions({ consignment: one, ...YANGTZE_RIVER_SEA }).co2eKg).toBe(1048.5)
  })

  it('road–sea to the Beibu Gulf: 14,000 t-km × 116 g + 311.7 + 2 × 10.7 = 1,957.1 kg', () => {
    expect(computeShipmentEmissions({ consignment: one, ...ROAD_SEA_BEIBU }).co2eKg).toBe(1957.1)
  })

  it('all-water from Shanghai: 4,122 TEU-km × 124.3 g + 2 × 10.7 = 533.8 kg', () => {
    expect(computeShipmentEmissions({ consignment: one, ...EAST_COAST_SEA }).co2eKg).toBe(533.8)
  })

  it('compares the alternatives against the corridor, each with its transit time', () => {
    const rows = compareRoutes(one, CORRIDOR_ALTERNATIVES)
    expect(rows.map((r) => [r.name, r.deltaKg])).toEqual([
      ['rail–sea via Qinzhou', 0],
      ['river–sea via Shanghai', 521.8],
      ['road–sea via Qinzhou', 1430.4],
      ['diesel rail–sea via Qinzhou', 198.8],
    ])
    expect(CORRIDOR_ALTERNATIVES.every((r) => r.transitDays !== undefined)).toBe(true)
  })

  it('freezes the published table: a figure cannot be edited in place', () => {
    expect(() => {
      ;(GLEC_V3_2024.transport['rail-diesel'] as { value: number }).value = 1
    }).toThrow(TypeError)
  })
})

describe('gaps', () => {
  const m = (
    typeCode: 'DEPA' | 'ARRI',
    day: number,
    place: string | undefined,
    mode: 'RAIL' | 'VESSEL' | undefined,
  ): Milestone => ({
    key: `TRANSPORT ${typeCode} ${mode} ${place}`,
    eventType: 'TRANSPORT',
    typeCode,
    ...(mode ? { modeOfTransport: mode } : {}),
    plannedAt: `2026-03-0${day}T00:00:00Z`,
    ...(place ? { UNLocationCode: place } : {}),
  })

  it('reports a leg without a mode with its share of the distance, never priced as zero', () => {
    const { legs, gaps } = journeyOf([
      m('DEPA', 1, 'CNCKG', 'RAIL'),
      m('ARRI', 2, 'CNQZH', 'RAIL'),
      m('DEPA', 3, 'CNQZH', undefined),
      m('ARRI', 4, 'SGSIN', undefined),
    ])
    expect(legs).toEqual([{ from: 'CNCKG', to: 'CNQZH', modeOfTransport: 'RAIL' }])
    const r = computeJourneyEmissions(legs, { teu: 1 }, { gaps })
    expect(r.gaps).toHaveLength(1)
    const gap = r.gaps[0]!
    expect(gap).toMatchObject({ reason: 'no-mode', from: 'CNQZH', to: 'SGSIN' })
    // Great circle Qinzhou–Singapore ≈ 2,330 km (the sea route is 2,508) against 1,400 km priced.
    expect(gap.distanceKm).toBeGreaterThan(2200)
    expect(gap.distanceKm).toBeLessThan(2450)
    expect(gap.shareOfDistance).toBeCloseTo(gap.distanceKm! / (1400 + gap.distanceKm!), 3)
    // Only the rail leg and its terminal are priced: 187.6 + 6.
    expect(r.co2eKg).toBe(193.6)
  })

  it('reports a departure without an arrival and a leg without a place, with unknown share', () => {
    const { gaps } = journeyOf([
      m('DEPA', 1, 'CNCKG', 'RAIL'),
      m('ARRI', 2, undefined, 'RAIL'),
      m('DEPA', 3, 'CNQZH', 'VESSEL'),
    ])
    expect(gaps.map((g) => g.reason)).toEqual(['no-place', 'no-arrival'])
    const r = computeJourneyEmissions([], { teu: 1 }, { gaps })
    expect(r.gaps.map((g) => g.shareOfDistance)).toEqual([null, null])
  })
})
