import { describe, expect, it } from 'vitest'
import { createRandom } from '../simulation/random.js'
import {
  carryAtLag,
  departuresOf,
  learnDepartureCarry,
  type BoxResidual,
} from './departure-carry.js'

const H = 3_600_000

/** Departures every 2 days, 20 boxes each: the departure's delay plus each box's own noise. */
function boxesOf(delays: readonly number[], seed: number): BoxResidual[] {
  const rng = createRandom({ seed })
  return delays.flatMap((delay, t) =>
    Array.from({ length: 20 }, (_, i) => ({
      startMs: t * 48 * H + i * 60_000,
      residualHours: delay + 6 * rng.normal(),
    })),
  )
}

describe('departure carry-over', () => {
  it('groups boxes that started within an hour of each other into one departure', () => {
    const boxes = [0, 10, 50, 200].map((m) => ({ startMs: m * 60_000, residualHours: 0 }))
    expect(departuresOf(boxes).map((d) => d.length)).toEqual([3, 1])
  })

  it('learns how a departure delay carries over to the next ones (bunched sailings)', () => {
    const rng = createRandom({ seed: 3 })
    let delay = 0
    const delays = Array.from({ length: 300 }, () => (delay = 0.8 * delay + 20 * rng.normal()))
    const carry = learnDepartureCarry(boxesOf(delays, 4))
    expect(carry).toBeDefined()
    expect(carry!.byLag[0]).toBeGreaterThan(0.65)
    expect(carry!.byLag[0]).toBeLessThan(0.9)
    // Each lag keeps less, and the departures hold most of a box's variance.
    expect(carry!.byLag[1]).toBeLessThan(carry!.byLag[0]!)
    expect(carry!.departureShare).toBeGreaterThan(0.8)
    expect(carry!.gapMs).toBeCloseTo(48 * H, -5)
  })

  it('learns none where departures are independent', () => {
    const rng = createRandom({ seed: 5 })
    const delays = Array.from({ length: 300 }, () => 20 * rng.normal())
    expect(learnDepartureCarry(boxesOf(delays, 6))).toBeUndefined()
  })

  it('keeps all of a departure at lag 0, interpolates between lags and nothing past them', () => {
    const carry = { byLag: [0.6, 0.4], meanHours: 0, gapMs: 48 * H, departureShare: 0.5 }
    expect(carryAtLag(carry, 0)).toBe(1)
    expect(carryAtLag(carry, 0.5)).toBeCloseTo(0.8)
    expect(carryAtLag(carry, 1)).toBeCloseTo(0.6)
    expect(carryAtLag(carry, 1.5)).toBeCloseTo(0.5)
    expect(carryAtLag(carry, 2)).toBe(0)
  })
})
