import { CORRIDOR_MODEL, KNOT_KMH, type Destination } from './corridor-model.js'
import {
  drawClosures,
  drawRegime,
  isTyphoonWeek,
  openFromClosures,
  REGIME_CHAIN,
  TYPHOON_SEASON,
  type PortClosure,
  type WeekGrid,
} from './corridor-posterior.js'
import { createRandom, type Random } from './random.js'
import { nextDailySlot } from './slots.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const WEEK = 7 * DAY

/** The harder histories `landsea simulate --scenario` draws, beside the stationary `baseline`. */
export const CORRIDOR_SCENARIOS = [
  'baseline',
  'schedule-change',
  'congestion-regimes',
  'heavy-tails',
  'typhoons',
  'fill-trains',
  'vessel-bunching',
  'missed-connections',
  'other-destinations',
] as const

/** A scenario's name. */
export type CorridorScenarioName = (typeof CORRIDOR_SCENARIOS)[number]

export type { PortClosure } from './corridor-posterior.js'

/**
 * What a scenario changes, as functions of the moment, so the simulator and the Bayes bound of
 * `bench/eta-bound.ts` draw from the same process (both through `corridor-process.ts`). Every
 * scenario draws its own randomness from its own generators: the baseline's sequence is untouched.
 */
export interface CorridorScenario {
  readonly name: CorridorScenarioName
  /** The destinations bookings go to, with their weights. */
  readonly destinations: readonly Destination[]
  /** Qinzhou → Singapore sailing weekdays (UTC, 12:00) in force at `ms`. */
  sailingWeekdaysAt(ms: number): readonly number[]
  /** Extra mean anchorage wait at Singapore (hours) for a ship arriving at `ms`. */
  congestionExtraMeanHoursAt(ms: number): number
  /** A heavy-tailed extra delay (hours) on a rail or sea leg, drawn from `rng`; 0 elsewhere. */
  extraDelayHours(leg: 'rail' | 'sea', rng: Random): number
  /** The typhoon closures of the history (empty outside `typhoons`). */
  readonly closures: readonly PortClosure[]
  /** The first moment ≥ `ms` at which `port` is open. */
  openFrom(port: string, ms: number): number
  /** Whether the train slot at `slotMs` leaves (under `fill-trains`, only once full). */
  trainLeaves(slotMs: number): boolean
  /** The departure of the first train that leaves at or after `readyMs`. */
  trainDepartureMs(readyMs: number): number
  /** The delay (hours) all boxes of the voyage sailing from Qinzhou at `sailMs` share. */
  voyageDelayHours(sailMs: number): number
  /**
   * A draw of that delay knowing only the voyages that reached Singapore by `knownAtMs` (each
   * carries on part of its predecessor's delay): what the Bayes bound may know.
   */
  drawVoyageDelayHours(sailMs: number, knownAtMs: number, rng: Random): number
  /**
   * Under `missed-connections`, the probability that a box reaching Singapore at `ms` misses its
   * connection and waits a whole weekly cycle; `undefined` elsewhere (the baseline's roll).
   */
  weeklyMissProbabilityAt(ms: number): number | undefined
  /**
   * One draw of this world as known at `knownAtMs`, for the Bayes bound: under
   * `congestion-regimes` and `missed-connections` the regime of the weeks up to the one holding
   * `knownAtMs` as it was, later weeks drawn from the chain; under `typhoons` the closures that
   * had started as they were, later ones drawn from the season (`corridor-posterior.ts`). Draws
   * from `rng` alone, lazily; elsewhere this world itself (voyage delays are drawn per call, by
   * `drawVoyageDelayHours`). `isCurrentWeekRevealed: false` keeps only the regime of the weeks
   * before the horizon's (a sensitivity check of the bound).
   */
  posteriorAt(
    knownAtMs: number,
    rng: Random,
    options?: { isCurrentWeekRevealed?: boolean },
  ): CorridorScenario
}

/** The weeks a scenario's regimes and typhoons are drawn on: from 4 weeks before to 12 after. */
function weekGrid(fromMs: number, toMs: number): WeekGrid {
  const originMs = fromMs - 4 * WEEK
  return { originMs, count: Math.ceil((toMs + 12 * WEEK - originMs) / WEEK) }
}

/** A weekly two-state chain (congested or not) over the history, from its own seed. */
function congestedWeeks(seed: number, grid: WeekGrid): boolean[] {
  const rng = createRandom({ seed: seed ^ 0xc0c0 })
  const weeks: boolean[] = []
  let isCongested = false
  for (let i = 0; i < grid.count; i++) {
    isCongested = rng.chance(isCongested ? REGIME_CHAIN.stay : REGIME_CHAIN.enter)
    weeks.push(isCongested)
  }
  return weeks
}

/** Typhoon season July–October: a week has a 30% chance of one, closing Qinzhou or Singapore. */
function typhoonClosures(seed: number, grid: WeekGrid): PortClosure[] {
  const rng = createRandom({ seed: seed ^ 0x7f00 })
  const closures: PortClosure[] = []
  for (let i = 0; i < grid.count; i++) {
    const t = grid.originMs + i * WEEK
    if (!(rng.chance(TYPHOON_SEASON.weeklyChance) && isTyphoonWeek(t))) continue
    const port = rng.chance(TYPHOON_SEASON.railPortShare)
      ? CORRIDOR_MODEL.railPort
      : CORRIDOR_MODEL.hub
    const start = t + rng.uniform(0, 7) * DAY
    closures.push({ port, fromMs: start, toMs: start + rng.uniform(...TYPHOON_SEASON.days) * DAY })
  }
  return closures
}

/** Train slots that leave when other shippers' boxes fill them (40 boxes, ~24 ± 8 a slot). */
function fullTrainSlots(seed: number, fromMs: number, toMs: number): Set<number> {
  const rng = createRandom({ seed: seed ^ 0x7a11 })
  const leaving = new Set<number>()
  let load = 0
  for (
    let t = nextDailySlot(fromMs - 2 * DAY, CORRIDOR_MODEL.trainSlotsUtcHours);
    t < toMs + 8 * WEEK;
  ) {
    load += Math.max(0, 24 + 8 * rng.normal())
    if (load >= 40) {
      leaving.add(t)
      load = 0
    }
    t = nextDailySlot(t + 1, CORRIDOR_MODEL.trainSlotsUtcHours)
  }
  return leaving
}

interface Voyage {
  readonly sailMs: number
  readonly delayHours: number
}

/**
 * Bunching: a voyage's delay carries on 80% of its predecessor's, plus its own: a disruption
 * (25% of voyages) of exp(mean 24 h). Stationary mean 30 h.
 */
const BUNCHING = { carry: 0.8, disruption: 0.25, disruptionMeanHours: 24 }
const BUNCHING_MEAN_HOURS =
  (BUNCHING.disruption * BUNCHING.disruptionMeanHours) / (1 - BUNCHING.carry)

function ownDelayHours(rng: Random): number {
  return rng.chance(BUNCHING.disruption) ? rng.exponential(BUNCHING.disruptionMeanHours) : 0
}

function bunchedVoyages(
  seed: number,
  fromMs: number,
  toMs: number,
  weekdaysAt: (ms: number) => readonly number[],
): Voyage[] {
  const rng = createRandom({ seed: seed ^ 0xb0c4 })
  const voyages: Voyage[] = []
  let delay = BUNCHING_MEAN_HOURS
  for (let day = Math.floor((fromMs - 4 * WEEK) / DAY) * DAY; day < toMs + 12 * WEEK; day += DAY) {
    const sailMs = day + 12 * HOUR
    if (!weekdaysAt(sailMs).includes(new Date(sailMs).getUTCDay())) continue
    delay = BUNCHING.carry * delay + ownDelayHours(rng)
    voyages.push({ sailMs, delayHours: delay })
  }
  return voyages
}

/** Pareto(scale, shape) hours: P(X > x) = (scale / x)^shape. */
function pareto(rng: Random, scaleHours: number, shape: number): number {
  return scaleHours * (1 - rng.next()) ** (-1 / shape)
}

/**
 * The scenario `name` over `fromMs`–`toMs` [assumptions, each a named stress of the corridor]:
 * - `schedule-change`: the Qinzhou sailings move from Tue/Thu/Sat to Mon/Wed/Fri halfway;
 * - `congestion-regimes`: Singapore congested in spells of weeks (a weekly two-state chain: 8% a
 *   week to enter, 75% to stay, +exp(mean 48 h) at anchor while congested; visibility.md §1.4);
 * - `heavy-tails`: 20% of rail legs get a Pareto(8 h, α 1.2) extra delay, 20% of sea legs a
 *   Pareto(10 h, α 1.1) one (capped at 30 days);
 * - `typhoons`: July–October, 30% of weeks close Qinzhou (70%) or Singapore for 1.5–4 days; no
 *   ship sails or berths there meanwhile (sailings wait for the next slot after it);
 * - `fill-trains`: a train slot leaves Chongqing only once full; a box waits for the next one;
 * - `vessel-bunching`: each Qinzhou voyage carries a delay shared by all its boxes, 80% of the
 *   previous voyage's plus its own (25%: exp(mean 24 h)), so earlier voyages' arrivals reveal it;
 * - `missed-connections`: congestion spells at Singapore (+exp(mean 24 h)) in which 45% of
 *   transshipped boxes miss their connection (6% otherwise), each losing a whole week;
 * - `other-destinations`: adds a direct Qinzhou → Haiphong (VNHPH) sailing to the destinations.
 */
export function corridorScenario(
  name: CorridorScenarioName,
  { seed = 1, fromMs, toMs }: { seed?: number; fromMs: number; toMs: number },
): CorridorScenario {
  const base = CORRIDOR_MODEL.seaSailingWeekdays
  const changeMs = fromMs + (toMs - fromMs) / 2
  const sailingWeekdaysAt = (ms: number): readonly number[] =>
    name === 'schedule-change' && ms >= changeMs ? [1, 3, 5] : base
  const hasRegimes = name === 'congestion-regimes' || name === 'missed-connections'
  const grid = weekGrid(fromMs, toMs)
  const weeks = hasRegimes ? congestedWeeks(seed, grid) : []
  const isCongested = (ms: number) =>
    hasRegimes &&
    weeks[Math.min(weeks.length - 1, Math.max(0, Math.floor((ms - grid.originMs) / WEEK)))] === true
  const closures = name === 'typhoons' ? typhoonClosures(seed, grid) : []
  const leaving = name === 'fill-trains' ? fullTrainSlots(seed, fromMs, toMs) : undefined
  const voyages =
    name === 'vessel-bunching' ? bunchedVoyages(seed, fromMs, toMs, sailingWeekdaysAt) : []
  const voyageIndex = new Map(voyages.map((v, i) => [Math.floor(v.sailMs / DAY), i]))
  const nominalSeaHours = CORRIDOR_MODEL.seaKm / (CORRIDOR_MODEL.seaSpeedKnots.mean * KNOT_KMH)
  /** What the congestion regime sets, from one account of it (the world's or a draw's). */
  const regimeEffects = (congested: (ms: number) => boolean) => ({
    congestionExtraMeanHoursAt: (ms: number) =>
      congested(ms) ? (name === 'congestion-regimes' ? 48 : 24) : 0,
    weeklyMissProbabilityAt: (ms: number) =>
      name === 'missed-connections' ? (congested(ms) ? 0.45 : 0.06) : undefined,
  })
  let revealed = { atMs: Number.NaN, closures: [] as readonly PortClosure[] }
  const world: CorridorScenario = {
    name,
    destinations:
      name === 'other-destinations'
        ? [...CORRIDOR_MODEL.destinations, ...CORRIDOR_MODEL.otherDestinations]
        : CORRIDOR_MODEL.destinations,
    sailingWeekdaysAt,
    ...regimeEffects(isCongested),
    extraDelayHours: (leg, rng) => {
      if (name !== 'heavy-tails' || !rng.chance(0.2)) return 0
      return Math.min(30 * 24, leg === 'rail' ? pareto(rng, 8, 1.2) : pareto(rng, 10, 1.1))
    },
    closures,
    openFrom: (port, ms) => openFromClosures(closures, port, ms),
    trainLeaves: (slotMs) => leaving === undefined || leaving.has(slotMs),
    trainDepartureMs: (readyMs) => {
      let t = nextDailySlot(readyMs, CORRIDOR_MODEL.trainSlotsUtcHours)
      for (let i = 0; leaving !== undefined && !leaving.has(t) && i < 60; i++)
        t = nextDailySlot(t + 1, CORRIDOR_MODEL.trainSlotsUtcHours)
      return t
    },
    voyageDelayHours: (sailMs) => {
      const i = voyageIndex.get(Math.floor(sailMs / DAY))
      return i === undefined ? 0 : (voyages[i] as Voyage).delayHours
    },
    drawVoyageDelayHours: (sailMs, knownAtMs, rng) => {
      const k = voyageIndex.get(Math.floor(sailMs / DAY))
      if (k === undefined) return 0
      let j = k
      const arrived = (v: Voyage) => v.sailMs + (nominalSeaHours + v.delayHours) * HOUR <= knownAtMs
      while (j >= 0 && !arrived(voyages[j] as Voyage)) j--
      if (j === k) return (voyages[k] as Voyage).delayHours
      let delay = j >= 0 ? (voyages[j] as Voyage).delayHours : BUNCHING_MEAN_HOURS
      for (let i = j + 1; i <= k; i++) delay = BUNCHING.carry * delay + ownDelayHours(rng)
      return delay
    },
    posteriorAt: (knownAtMs, rng, { isCurrentWeekRevealed = true } = {}) => {
      if (hasRegimes) {
        const congested = drawRegime(weeks, grid, knownAtMs, rng, isCurrentWeekRevealed)
        return { ...world, ...regimeEffects(congested) }
      }
      if (name !== 'typhoons') return world
      if (revealed.atMs !== knownAtMs)
        revealed = { atMs: knownAtMs, closures: closures.filter((c) => c.fromMs <= knownAtMs) }
      const draw = drawClosures(revealed.closures, grid, knownAtMs, rng)
      return {
        ...world,
        openFrom: draw.openFrom,
        get closures() {
          return draw.closures
        },
      }
    },
  }
  return world
}
