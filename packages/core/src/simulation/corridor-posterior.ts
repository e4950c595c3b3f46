import { CORRIDOR_MODEL } from './corridor-model.js'
import type { Random } from './random.js'

const DAY = 86_400_000
const WEEK = 7 * DAY

/** Singapore's congestion regime: a weekly two-state chain (8% a week to enter, 75% to stay). */
export const REGIME_CHAIN = { enter: 0.08, stay: 0.75 } as const

/**
 * Typhoon season July–October (UTC months 6–9 of a week's start): a week has a 30% chance of one
 * closure, of Qinzhou (70%) or Singapore, starting uniformly in the week, lasting 1.5–4 days.
 */
export const TYPHOON_SEASON = {
  weeklyChance: 0.3,
  months: [6, 9],
  railPortShare: 0.7,
  days: [1.5, 4],
} as const

/** A port closed to sailings and berthing (a typhoon), `fromMs` ≤ t < `toMs`. */
export interface PortClosure {
  readonly port: string
  readonly fromMs: number
  readonly toMs: number
}

/** Whether the week starting at `weekMs` is in the typhoon season. */
export function isTyphoonWeek(weekMs: number): boolean {
  const month = new Date(weekMs).getUTCMonth()
  return month >= TYPHOON_SEASON.months[0] && month <= TYPHOON_SEASON.months[1]
}

/** One closure of `port`-to-be starting at `startMs`: the port and the length drawn from `rng`. */
export function drawClosure(rng: Random, startMs: number): PortClosure {
  const port = rng.chance(TYPHOON_SEASON.railPortShare)
    ? CORRIDOR_MODEL.railPort
    : CORRIDOR_MODEL.hub
  return { port, fromMs: startMs, toMs: startMs + rng.uniform(...TYPHOON_SEASON.days) * DAY }
}

/** The weeks of a history: week `i` starts at `originMs + i·WEEK`, for `0 ≤ i < count`. */
export interface WeekGrid {
  readonly originMs: number
  readonly count: number
}

const weekOf = (grid: WeekGrid, ms: number) => Math.floor((ms - grid.originMs) / WEEK)

/**
 * One draw of the congestion regime knowing the weeks up to and including the one holding
 * `knownAtMs` (`weeks`, the history's states, revealed there), each later week drawn from the
 * chain given the last state, lazily: only the weeks asked about. Indices clamp to the grid as
 * the history's do. Knowing the current week's state is slightly more than any model sees (it
 * learns a state through its events), so a bound from this is at most the Bayes one;
 * `isCurrentWeekRevealed: false` reveals only the weeks before it (a sensitivity check).
 */
export function drawRegime(
  weeks: readonly boolean[],
  grid: WeekGrid,
  knownAtMs: number,
  rng: Random,
  isCurrentWeekRevealed = true,
): (ms: number) => boolean {
  const clamp = (i: number) => Math.min(weeks.length - 1, Math.max(0, i))
  const known = clamp(weekOf(grid, knownAtMs) - (isCurrentWeekRevealed ? 0 : 1))
  const drawn: boolean[] = []
  return (ms) => {
    const i = clamp(weekOf(grid, ms))
    if (i <= known) return weeks[i] === true
    while (drawn.length < i - known) {
      const last = drawn.length > 0 ? drawn[drawn.length - 1] : weeks[known] === true
      drawn.push(rng.chance(last ? REGIME_CHAIN.stay : REGIME_CHAIN.enter))
    }
    return drawn[i - known - 1] === true
  }
}

/** The first moment ≥ `ms` at which `port` is open, given `closures`. */
export function openFromClosures(closures: readonly PortClosure[], port: string, ms: number) {
  let t = ms
  for (let moved = true; moved;) {
    moved = false
    for (const c of closures) {
      if (c.port === port && c.fromMs <= t && t < c.toMs) {
        t = c.toMs
        moved = true
      }
    }
  }
  return t
}

/** A draw of the typhoon closures given what was known at `knownAtMs` (`drawClosures`). */
export interface ClosureDraw {
  /** The revealed closures and those drawn so far (through the last week asked about). */
  readonly closures: readonly PortClosure[]
  /** The first moment ≥ `ms` at which `port` is open in this draw. */
  openFrom(port: string, ms: number): number
}

/**
 * One draw of the typhoon closures knowing those that had started by `knownAtMs` (`revealed`,
 * with their real end: again slightly more than a model sees), the later ones drawn from the
 * season, lazily, week by week on `grid`. In the week holding `knownAtMs`, if its closure has not
 * started yet, one starts later that week with P = p(1 − f) / (1 − p·f) (p the weekly chance, f
 * the fraction of the week gone), uniformly over the rest of it.
 */
export function drawClosures(
  revealed: readonly PortClosure[],
  grid: WeekGrid,
  knownAtMs: number,
  rng: Random,
): ClosureDraw {
  const closures = [...revealed]
  const current = weekOf(grid, knownAtMs)
  let through = current - 1
  const ensure = (week: number) => {
    const last = Math.min(week, grid.count - 1)
    for (; through < last; through++) {
      const i = through + 1
      if (i < 0) continue
      const weekMs = grid.originMs + i * WEEK
      if (!isTyphoonWeek(weekMs)) continue
      const p = TYPHOON_SEASON.weeklyChance
      if (i > current) {
        if (rng.chance(p)) closures.push(drawClosure(rng, rng.uniform(weekMs, weekMs + WEEK)))
        continue
      }
      if (revealed.some((c) => c.fromMs >= weekMs)) continue
      const f = (knownAtMs - weekMs) / WEEK
      if (rng.chance((p * (1 - f)) / (1 - p * f)))
        closures.push(drawClosure(rng, rng.uniform(knownAtMs, weekMs + WEEK)))
    }
  }
  return {
    closures,
    openFrom: (port, ms) => {
      let t = ms
      for (let open = -1; open !== t;) {
        open = t
        ensure(weekOf(grid, t))
        t = openFromClosures(closures, port, t)
      }
      return t
    },
  }
}
