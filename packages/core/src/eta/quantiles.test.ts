import { describe, expect, it } from 'vitest'
import { createRandom } from '../simulation/random.js'
import { cdfOfSorted, ksDiffers, quantileOfSorted, quantilesOf } from './quantiles.js'

describe('quantiles', () => {
  it('interpolates like R type 7 / numpy linear', () => {
    const xs = [1, 2, 3, 4, 10]
    expect(quantileOfSorted(xs, 0.5)).toBe(3)
    expect(quantileOfSorted(xs, 0.9)).toBeCloseTo(7.6)
    expect(quantileOfSorted(xs, 0.1)).toBeCloseTo(1.4)
    expect(cdfOfSorted(xs, 3)).toBe(0.6)
    expect(cdfOfSorted(xs, 0)).toBe(0)
  })

  it('tells shifted samples apart and equal ones not', () => {
    const a = Array.from({ length: 200 }, (_, i) => i)
    const b = Array.from({ length: 200 }, (_, i) => i + 60)
    expect(ksDiffers(a, b)).toBe(true)
    expect(ksDiffers(a, a)).toBe(false)
  })

  it('finds the same quantiles by selection as by sorting, ties and all', () => {
    const rng = createRandom({ seed: 9 })
    for (const n of [1, 2, 3, 10, 999, 1000]) {
      const xs = Float64Array.from({ length: n }, () => Math.round(rng.next() * 50))
      const before = Float64Array.from(xs)
      const qs = [0, 0.1, 0.5, 0.9, 1]
      const sorted = Float64Array.from(xs).sort()
      expect(quantilesOf(xs, qs)).toEqual(qs.map((q) => quantileOfSorted(sorted, q)))
      expect(xs).toEqual(before)
    }
  })
})
