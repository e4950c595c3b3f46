import { describe, expect, it } from 'vitest'
import { createAdaptiveLevel } from './adaptive-level.js'
import type { CalibrationScore } from './rolling-calibration.js'

const DAY = 86_400_000
const T0 = Date.UTC(2025, 0, 2)
const ROUTE = 'CNCKG>CNQZH'
const ANCHOR = 'DEPA RAIL CNCKG'

/**
 * Ten estimates a day for `days` days (default 180), each on its own departure, known three days
 * later: five after P50 with score 0.5, five before it with score `earlyScale` (default 0.5),
 * except that `upperMisses` and `lowerMisses` of them score 1.5 on their side (beyond the band).
 */
function scores(options: {
  days?: number
  earlyScale?: number
  upperMisses: number
  lowerMisses: number
}): CalibrationScore[] {
  const p = { days: 180, late: 5, lateScale: 0.5, earlyScale: 0.5, ...options }
  const out: CalibrationScore[] = []
  for (let d = 0; d < p.days; d++)
    for (let k = 0; k < 10; k++) {
      const isLate = k < p.late
      const isMiss = isLate ? k < p.upperMisses : k - p.late < p.lowerMisses
      const atMs = T0 + d * DAY + k * 3_600_000
      out.push({
        route: ROUTE,
        anchor: ANCHOR,
        scale: isMiss ? 1.5 : isLate ? p.lateScale : p.earlyScale,
        cluster: `D${d}-${k}`,
        knownAtMs: atMs + 3 * DAY,
        atMs,
        isLate,
      })
    }
  return out
}

const unscaled = () => ({ scale: 1, basis: 'route' }) as const
const end = T0 + 200 * DAY

describe('createAdaptiveLevel', () => {
  it('stays put where each tail misses its 10%', () => {
    const level = createAdaptiveLevel(scores({ upperMisses: 1, lowerMisses: 1 }), unscaled)
    const { lower, upper } = level.factorsOf(ROUTE, ANCHOR, end)
    expect(lower).toBeCloseTo(1, 9)
    expect(upper).toBeCloseTo(1, 9)
  })

  it('widens a tail whose misses run high and narrows one whose misses run low', () => {
    // 3 in 10 beyond P90 (score 1.5), none below P10 (every early score 0.3).
    const level = createAdaptiveLevel(
      scores({ earlyScale: 0.3, upperMisses: 3, lowerMisses: 0 }),
      unscaled,
      { stepSize: 0.01 },
    )
    const { lower, upper } = level.factorsOf(ROUTE, ANCHOR, end)
    // The upper tail widens until the 1.5 scores are inside it; the lower one narrows toward 0.3.
    expect(upper).toBeGreaterThan(1.3)
    expect(upper).toBeLessThan(1.8)
    expect(lower).toBeLessThan(0.5)
    expect(lower).toBeGreaterThan(0.2)
    // Untouched for another route and horizon, and before any outcome was known.
    expect(level.factorsOf('CNCKG>VNHAN', ANCHOR, end)).toEqual({ lower: 1, upper: 1 })
    expect(level.factorsOf(ROUTE, ANCHOR, T0 + 2 * DAY)).toEqual({ lower: 1, upper: 1 })
  })

  it('judges each outcome by the band issued at its estimate, scaled by the rolling calibration', () => {
    // With the rolling scale already 2, the 1.5 scores are inside the band: nothing is missed.
    const level = createAdaptiveLevel(scores({ days: 60, upperMisses: 3, lowerMisses: 1 }), () => ({
      scale: 2,
      basis: 'route',
    }))
    const { lower, upper } = level.factorsOf(ROUTE, ANCHOR, end)
    expect(upper).toBeLessThan(1)
    expect(lower).toBeLessThan(1)
  })
})
