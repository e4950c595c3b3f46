const DAY = 24 * 3_600_000

/**
 * How much of a nowcast's window evidence a segment starting at `startMs` keeps: all of it within
 * a week of now, none after four (regimes seen on the corridor last weeks, not months).
 */
export function fadeOf(startMs: number, nowMs: number): number {
  const aheadDays = (startMs - nowMs) / DAY
  return aheadDays <= 7 ? 1 : aheadDays >= 28 ? 0 : (28 - aheadDays) / 21
}

/** The first index of ascending `xs` whose value is greater than `x`. */
export function upperBound(xs: Float64Array, x: number): number {
  let lo = 0
  let hi = xs.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((xs[mid] as number) <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}
