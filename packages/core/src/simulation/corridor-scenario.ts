import { CORRIDOR_MODEL } from './corridor-model.js'
import { createRandom } from './random.js'

const DAY = 86_400_000
const WEEK = 7 * DAY

/** The harder histories `landsea simulate --scenario` draws, beside the stationary `baseline`. */
export const CORRIDOR_SCENARIOS = ['baseline', 'schedule-change', 'congestion-regimes'] as const

/** A scenario's name. */
export type CorridorScenarioName = (typeof CORRIDOR_SCENARIOS)[number]

/**
 * What a scenario changes over time, as functions of the moment, so the simulator and the Bayes
 * bound of `bench/eta-bound.ts` draw from the same process.
 */
export interface CorridorScenario {
  readonly name: CorridorScenarioName
  /** Qinzhou → Singapore sailing weekdays (UTC, 12:00) in force at `ms`. */
  sailingWeekdaysAt(ms: number): readonly number[]
  /** Extra mean anchorage wait at Singapore (hours) for a ship arriving at `ms`. */
  congestionExtraMeanHoursAt(ms: number): number
}

/**
 * The scenario `name` over `fromMs`–`toMs`: `schedule-change` moves the Qinzhou sailings from
 * Tue/Thu/Sat to Mon/Wed/Fri halfway through [assumption: a carrier's service change];
 * `congestion-regimes` congests Singapore in spells that persist for weeks (a weekly two-state
 * chain: 8% a week to enter, 75% to stay, +exp(mean 48 h) at anchor while congested;
 * visibility.md §1.4, 2024), on top of the seasonal congestion.
 */
export function corridorScenario(
  name: CorridorScenarioName,
  { seed = 1, fromMs, toMs }: { seed?: number; fromMs: number; toMs: number },
): CorridorScenario {
  const base = CORRIDOR_MODEL.seaSailingWeekdays
  const changeMs = fromMs + (toMs - fromMs) / 2
  const weeks: boolean[] = []
  if (name === 'congestion-regimes') {
    const rng = createRandom({ seed: seed ^ 0xc0c0 })
    let isCongested = false
    for (let t = fromMs - 4 * WEEK; t < toMs + 12 * WEEK; t += WEEK) {
      isCongested = rng.chance(isCongested ? 0.75 : 0.08)
      weeks.push(isCongested)
    }
  }
  return {
    name,
    sailingWeekdaysAt: (ms) => (name === 'schedule-change' && ms >= changeMs ? [1, 3, 5] : base),
    congestionExtraMeanHoursAt: (ms) => {
      if (name !== 'congestion-regimes') return 0
      const i = Math.floor((ms - (fromMs - 4 * WEEK)) / WEEK)
      return weeks[Math.min(weeks.length - 1, Math.max(0, i))] ? 48 : 0
    },
  }
}
