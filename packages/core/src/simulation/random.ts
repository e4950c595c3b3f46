/** A seeded pseudo-random source: the same seed gives the same sequence everywhere. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number
  /** Standard normal (Box–Muller). */
  normal(): number
  /** Lognormal with the given median and P90 (so sigma = ln(p90/median) / 1.2816). */
  lognormal(median: number, p90: number): number
  /** Exponential with the given mean. */
  exponential(mean: number): number
  /** True with probability p. */
  chance(p: number): boolean
  /** One item, chosen by weight. */
  pick<T>(items: readonly (readonly [T, number])[]): T
  /** 32 random bits as 8 hex digits. */
  hex32(): string
}

const Z90 = 1.2815515655446004

/**
 * Creates a seeded generator (sfc32, seeded through splitmix32), fast and good enough for
 * simulation; not for cryptography.
 *
 * @example const rng = createRandom({ seed: 42 }); rng.uniform(0, 10)
 */
export function createRandom({ seed = 1 }: { seed?: number } = {}): Random {
  let s = seed >>> 0
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
  let a = splitmix()
  let b = splitmix()
  let c = splitmix()
  let d = splitmix()
  const nextU32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = ((c << 21) | (c >>> 11)) >>> 0
    c = (c + t) >>> 0
    return t
  }
  for (let i = 0; i < 12; i++) nextU32()
  const next = (): number => nextU32() / 4294967296
  const normal = (): number => {
    const u = 1 - next()
    const v = next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }
  return {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    normal,
    lognormal: (median, p90) => median * Math.exp((Math.log(p90 / median) / Z90) * normal()),
    exponential: (mean) => -mean * Math.log(1 - next()),
    chance: (p) => next() < p,
    pick: (items) => {
      const total = items.reduce((sum, [, w]) => sum + w, 0)
      let r = next() * total
      for (const [item, w] of items) {
        r -= w
        if (r < 0) return item
      }
      return items[items.length - 1]![0]
    },
    hex32: () => nextU32().toString(16).padStart(8, '0'),
  }
}
