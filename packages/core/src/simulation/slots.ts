const HOUR = 3_600_000
const DAY = 24 * HOUR

/** The next time ≥ `ms` that falls on one of `weekdays` (UTC, 0 = Sunday) at `hourUtc`. */
export function nextWeekdaySlot(ms: number, weekdays: readonly number[], hourUtc: number): number {
  const day = Math.floor(ms / DAY) * DAY
  for (let i = 0; i < 15; i++) {
    const t = day + i * DAY + hourUtc * HOUR
    if (t >= ms && weekdays.includes(new Date(t).getUTCDay())) return t
  }
  return ms + 7 * DAY
}

/** The next time ≥ `ms` at one of the daily `hoursUtc`. */
export function nextDailySlot(ms: number, hoursUtc: readonly number[]): number {
  const day = Math.floor(ms / DAY) * DAY
  for (let i = 0; i < 3; i++) {
    for (const h of hoursUtc) {
      const t = day + i * DAY + h * HOUR
      if (t >= ms) return t
    }
  }
  return ms + DAY
}
