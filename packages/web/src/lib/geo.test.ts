import { describe, expect, it } from 'vitest'
import { haversineKm, lineLengthKm, pointAlong } from './geo.js'

describe('geo', () => {
  it('measures great-circle distance (one degree of longitude at the equator ≈ 111.19 km)', () => {
    expect(haversineKm([0, 0], [1, 0])).toBeCloseTo(111.195, 2)
    expect(haversineKm([103.8, 1.3], [103.8, 1.3])).toBe(0)
  })

  it('sums polyline segments', () => {
    expect(
      lineLengthKm([
        [0, 0],
        [1, 0],
        [2, 0],
      ]),
    ).toBeCloseTo(2 * 111.195, 2)
    expect(lineLengthKm([[0, 0]])).toBe(0)
  })

  it('finds the point a fraction of the way along a line, clamped to its ends', () => {
    const line = [
      [0, 0],
      [2, 0],
      [2, 2],
    ] as const
    expect(pointAlong(line, 0)).toEqual([0, 0])
    expect(pointAlong(line, 0.25)[0]).toBeCloseTo(1, 2)
    expect(pointAlong(line, 0.75)[1]).toBeCloseTo(1, 2)
    expect(pointAlong(line, 1)).toEqual([2, 2])
    expect(pointAlong(line, 7)).toEqual([2, 2])
    expect(pointAlong(line, Number.NaN)).toEqual([0, 0])
    expect(() => pointAlong([], 0.5)).toThrow(RangeError)
  })
})
