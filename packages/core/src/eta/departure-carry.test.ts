import { describe, expect, it } from 'vitest'
import { createRandom } from '../simulation/random.js'
import {
  carryAtLag,
  censoredCarriedDelay,
  departuresOf,
  estimateCarriedDelay,
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
    expect(carry!.decay).toBeGreaterThan(0.7)
    expect(carry!.decay).toBeLessThan(0.9)
    // The departures' medians are mostly the carried delay, and hold most of a box's variance.
    expect(carry!.signalShare).toBeGreaterThan(0.9)
    expect(carry!.departureShare).toBeGreaterThan(0.8)
    expect(carry!.gapMs).toBeCloseTo(48 * H, -5)
  })

  it('learns none where departures are independent', () => {
    const rng = createRandom({ seed: 5 })
    const delays = Array.from({ length: 300 }, () => 20 * rng.normal())
    expect(learnDepartureCarry(boxesOf(delays, 6))).toBeUndefined()
  })

  const carry = { signalShare: 0.5, decay: 0.8, meanHours: 0, gapMs: 48 * H, departureShare: 1 }

  it('keeps all of a departure at lag 0, decays after, and nothing once below 5%', () => {
    expect(carryAtLag(carry, 0)).toBe(1)
    expect(carryAtLag(carry, 1)).toBeCloseTo(0.8)
    expect(carryAtLag(carry, 2.5)).toBeCloseTo(0.8 ** 2.5)
    expect(carryAtLag(carry, 14)).toBe(0)
  })

  it('averages noisy departures to estimate the latest carried delay', () => {
    const one = estimateCarriedDelay(carry, [{ lag: 0, excessHours: 10 }])
    // Half of a departure's variance is noise: one departure says half of its excess.
    expect(one.excessHours).toBeCloseTo(5)
    expect(one.explainedShare).toBeCloseTo(0.25)
    const three = estimateCarriedDelay(
      carry,
      [0, 1, 2].map((lag) => ({ lag, excessHours: 10 })),
    )
    expect(three.excessHours).toBeGreaterThan(one.excessHours)
    expect(three.excessHours).toBeLessThan(10)
    expect(three.explainedShare).toBeGreaterThan(one.explainedShare)
    // Precise departures: the latest counts alone.
    const precise = { ...carry, signalShare: 1 }
    const latest = estimateCarriedDelay(precise, [
      { lag: 0, excessHours: 10 },
      { lag: 1, excessHours: -20 },
    ])
    expect(latest.excessHours).toBeCloseTo(10)
  })

  it('reads a departure due with none of its boxes arrived as at least that late', () => {
    const withVariance = { ...carry, medianVariance: 400 }
    const observed = [{ lag: 0, excessHours: 0 }]
    const estimate = estimateCarriedDelay(withVariance, observed)
    // The next departure has been due for 40 h: its median is above 40 h; half a departure's
    // variance is its own noise, so about half of that is the delay it carries on.
    const late = censoredCarriedDelay(withVariance, observed, estimate, 1, 40)!
    expect(late).toBeGreaterThan(15)
    expect(late).toBeLessThan(40)
    const later = censoredCarriedDelay(withVariance, observed, estimate, 1, 60)!
    expect(later).toBeGreaterThan(late)
    // A bound below what the earlier departures predict says nothing new.
    expect(censoredCarriedDelay(withVariance, observed, estimate, 1, -10)).toBeUndefined()
    // Nor where the carry-over was learned without the departures' variance.
    expect(censoredCarriedDelay(carry, observed, estimate, 1, 40)).toBeUndefined()
  })
})
