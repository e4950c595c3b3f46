const DAY = 24 * 3_600_000

/**
 * How much of a nowcast's window evidence a segment starting at `startMs` keeps: all of it within
 * a week of now, none after four (regimes seen on the corridor last weeks, not months).
 */
export function fadeOf(startMs: number, nowMs: number): number {
  const aheadDays = (startMs - nowMs) / DAY
  return aheadDays <= 7 ? 1 : aheadDays >= 28 ? 0 : (28 - aheadDays) / 21
}
