import { describe, expect, it } from 'vitest'
import { layoutEtaBand } from './eta-band-layout.js'

describe('layoutEtaBand', () => {
  it('places P10 ≤ P50 ≤ P90 in order inside the axis, with the plan', () => {
    const band = layoutEtaBand({
      p10: '2026-12-08T00:00:00Z',
      p50: '2026-12-09T00:00:00Z',
      p90: '2026-12-11T00:00:00Z',
      plannedAt: '2026-12-09T12:00:00Z',
    })!
    expect(band.p10Pct).toBeGreaterThan(0)
    expect(band.p10Pct).toBeLessThan(band.p50Pct)
    expect(band.p50Pct).toBeLessThan(band.plannedPct!)
    expect(band.plannedPct!).toBeLessThan(band.p90Pct)
    expect(band.p90Pct).toBeLessThan(100)
    // 3 days of band with 10 % margins: P10 at 1/12 of the axis.
    expect(band.p10Pct).toBeCloseTo(8.3, 1)
  })

  it('widens the axis to a plan outside the band', () => {
    const band = layoutEtaBand({
      p10: '2026-12-08T00:00:00Z',
      p50: '2026-12-08T06:00:00Z',
      p90: '2026-12-08T12:00:00Z',
      plannedAt: '2026-12-01T00:00:00Z',
    })!
    expect(band.plannedPct!).toBeLessThan(band.p10Pct)
    expect(band.plannedPct!).toBeGreaterThan(0)
  })

  it('handles a point estimate and refuses unreadable or unordered quantiles', () => {
    const point = layoutEtaBand({
      p10: '2026-12-08T00:00:00Z',
      p50: '2026-12-08T00:00:00Z',
      p90: '2026-12-08T00:00:00Z',
    })!
    expect(point.p10Pct).toBe(50)
    expect(point.plannedPct).toBeNull()
    expect(
      layoutEtaBand({ p10: 'x', p50: '2026-12-08T00:00:00Z', p90: '2026-12-09T00:00:00Z' }),
    ).toBeNull()
    expect(
      layoutEtaBand({
        p10: '2026-12-09T00:00:00Z',
        p50: '2026-12-08T00:00:00Z',
        p90: '2026-12-10T00:00:00Z',
      }),
    ).toBeNull()
  })
})
