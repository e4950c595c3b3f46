import { describe, expect, it } from 'vitest'
import { compareRoutes } from './compare-routes.js'
import {
  CORRIDOR_DIESEL_RAIL_SEA,
  CORRIDOR_RAIL_SEA,
  YANGTZE_RIVER_SEA,
} from './corridor-routes.js'
import { computeShipmentEmissions } from './shipment-emissions.js'

describe('computeShipmentEmissions (GLEC v3 worked example, visibility.md §5.4)', () => {
  const result = computeShipmentEmissions({ consignment: { teu: 1 }, ...CORRIDOR_RAIL_SEA })
  const by = (element: string) => result.elements.find((e) => e.element === element)!

  it('charges the sea leg per TEU-km: 2,508 TEU-km × 124.3 g = 311.7 kg', () => {
    expect(by('CNQZH→SGSIN')).toMatchObject({
      activity: 2508,
      activityUnit: 'TEU-km',
      co2eKg: 311.7,
    })
  })

  it('charges the rail leg per tonne-km at 10 t per TEU: 14,000 t-km, 149–225 kg on the national grid', () => {
    const rail = by('CNCKG→CNQZH')
    expect(rail).toMatchObject({ activity: 14000, activityUnit: 't-km' })
    expect(rail.co2eKg).toBeGreaterThanOrEqual(149)
    expect(rail.co2eKg).toBeLessThanOrEqual(225)
  })

  it('adds terminals: 6 kg at the rail terminal, 10.7 kg per container at each port', () => {
    expect(by('CNCKG').co2eKg).toBe(6)
    expect(by('CNQZH').co2eKg).toBe(10.7)
    expect(result.co2eKg).toBeGreaterThan(490)
    expect(result.co2eKg).toBeLessThan(650)
    expect(result.tonneKm).toBe(39080)
  })
})

describe('compareRoutes', () => {
  it('puts diesel rail and the river–sea route above electric rail–sea', () => {
    const [rail, diesel, river] = compareRoutes({ teu: 2 }, [
      CORRIDOR_RAIL_SEA,
      CORRIDOR_DIESEL_RAIL_SEA,
      YANGTZE_RIVER_SEA,
    ])
    expect(rail!.deltaKg).toBe(0)
    expect(diesel!.deltaKg).toBeGreaterThan(0)
    expect(river!.deltaKg).toBeGreaterThan(0)
    // Diesel rail: 28,000 t-km × 27.6 g = 772.8 kg for the rail leg (two TEU).
    expect(diesel!.elements[0]!.co2eKg).toBe(772.8)
  })
})
