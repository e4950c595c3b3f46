import { describe, expect, it } from 'vitest'
import { createRandom } from './random.js'

describe('createRandom', () => {
  it('is reproducible by seed and differs between seeds', () => {
    const a = Array.from({ length: 5 }, createRandom({ seed: 7 }).next)
    const b = Array.from({ length: 5 }, createRandom({ seed: 7 }).next)
    const c = Array.from({ length: 5 }, createRandom({ seed: 8 }).next)
    expect(a).toEqual(b)
    expect(a).not.toEqual(c)
  })

  it('draws lognormals with the asked median and P90', () => {
    const rng = createRandom({ seed: 3 })
    const xs = Array.from({ length: 20_000 }, () => rng.lognormal(48, 60)).sort((x, y) => x - y)
    expect(xs[10_000]).toBeGreaterThan(47)
    expect(xs[10_000]).toBeLessThan(49)
    expect(xs[18_000]).toBeGreaterThan(58.5)
    expect(xs[18_000]).toBeLessThan(61.5)
  })
})
