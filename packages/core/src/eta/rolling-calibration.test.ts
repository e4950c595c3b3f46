import { describe, expect, it } from 'vitest'
import { createRandom } from '../simulation/random.js'
import { quantileOfSorted } from './quantiles.js'
import {
  coverageStandardError,
  createRollingCalibration,
  weightedConformalScale,
  type CalibrationScore,
} from './rolling-calibration.js'

const DAY = 86_400_000
const T0 = Date.UTC(2025, 0, 2)
const ROUTE = 'CNCKG>CNQZH'
const ANCHOR = 'DEPA RAIL CNCKG'

/**
 * `perDay` scores a day from `fromDay` to `toDay`, each |N(0, σ)| in units of the raw half-band
 * whose 80% point is 1 when σ = 1 / 1.2816 (a right band), each on its own departure.
 */
function scores(fromDay: number, toDay: number, sigma: number, seed: number): CalibrationScore[] {
  const rng = createRandom({ seed })
  const out: CalibrationScore[] = []
  for (let d = fromDay; d < toDay; d++)
    for (let k = 0; k < 6; k++) {
      const u = Math.max(1e-12, rng.next())
      const v = rng.next()
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
      out.push({
        route: ROUTE,
        anchor: ANCHOR,
        scale: Math.abs(z * sigma),
        cluster: `D${d}-${k}`,
        knownAtMs: T0 + d * DAY + k * 3_600_000,
      })
    }
  return out
}

const RIGHT = 1 / 1.2816

describe('weightedConformalScale', () => {
  it('with unit weights is the split-conformal quantile of the static calibration', () => {
    const xs = scores(0, 100, 2 * RIGHT, 1)
    const sorted = xs.map((x) => x.scale).sort((a, b) => a - b)
    const n = sorted.length
    const reference = quantileOfSorted(sorted, Math.min(1, (0.8 * (n + 1)) / n))
    // The weighted quantile is a step of the same order statistics: one score apart at most.
    const step = (sorted[Math.ceil(0.8 * (n + 1)) - 1] as number) - (sorted[0] as number)
    expect(Math.abs(weightedConformalScale(xs, 0.8, true) - reference)).toBeLessThan(step)
    expect(weightedConformalScale(xs, 0.8, true)).toBeGreaterThan(1.7)
    expect(weightedConformalScale(scores(0, 100, RIGHT, 2), 0.8, true)).toBe(1)
  })

  it('and its standard error do not change when every weight is multiplied by one factor', () => {
    const xs = scores(0, 40, 1.5 * RIGHT, 3).map((x, i) => ({ ...x, weight: 1 + (i % 7) }))
    const scaled = xs.map((x) => ({ ...x, weight: x.weight * 13 }))
    expect(coverageStandardError(scaled, 0.8)).toBeCloseTo(coverageStandardError(xs, 0.8), 12)
    expect(weightedConformalScale(scaled, 0.8, true)).toBe(weightedConformalScale(xs, 0.8, true))
  })
})

describe('createRollingCalibration', () => {
  // A held-out spell whose raw band was too narrow (scores twice the right spread), then outcomes
  // of a period where the raw band is right.
  const history = [...scores(0, 60, 2 * RIGHT, 4), ...scores(60, 240, RIGHT, 5)]
  const calibration = createRollingCalibration(history)

  it('uses no outcome known after the moment of the estimate', () => {
    expect(calibration.scaleOf(ROUTE, ANCHOR, T0)).toBe(1)
    const before = createRollingCalibration(history.filter((s) => s.knownAtMs < T0 + 61 * DAY))
    const at = T0 + 61 * DAY
    expect(calibration.scaleOf(ROUTE, ANCHOR, at)).toBe(before.scaleOf(ROUTE, ANCHOR, at))
  })

  it('widens the band after the narrow spell and lets it fade as newer outcomes arrive', () => {
    expect(calibration.scaleOf(ROUTE, ANCHOR, T0 + 62 * DAY)).toBeGreaterThan(1.5)
    expect(calibration.scaleOf(ROUTE, ANCHOR, T0 + 200 * DAY)).toBe(1)
    // The static calibration on the spell alone would keep the wide band throughout.
    const spellOnly = createRollingCalibration(scores(0, 60, 2 * RIGHT, 4), { halfLifeDays: 1e6 })
    expect(spellOnly.scaleOf(ROUTE, ANCHOR, T0 + 200 * DAY)).toBeGreaterThan(1.5)
  })

  it('falls back from the route to the anchor over routes, then to all, by effective count', () => {
    const thin = scores(0, 3, 2 * RIGHT, 6).map((s) => ({ ...s, route: 'CNCKG>VNHAN' }))
    const wide = createRollingCalibration([...scores(0, 60, 2 * RIGHT, 7), ...thin])
    const at = T0 + 61 * DAY
    expect(wide.scaleOf('CNCKG>VNHAN', ANCHOR, at)).toBe(wide.scaleOf(ROUTE, 'OTHER', at))
    expect(wide.scaleOf('CNCKG>VNHAN', ANCHOR, at)).toBeGreaterThan(1.5)
    const basisOf = (route: string, anchor: string, atMs: number) =>
      wide.calibrationOf(route, anchor, atMs).basis
    expect(basisOf(ROUTE, ANCHOR, at)).toBe('route')
    expect(basisOf('CNCKG>VNHAN', ANCHOR, at)).toBe('anchor')
    expect(basisOf(ROUTE, 'OTHER', at)).toBe('all')
    expect(wide.calibrationOf(ROUTE, ANCHOR, T0)).toEqual({ scale: 1, basis: 'none' })
  })
})
