import { startedSegmentsOf, type EtaModel } from './eta-model.js'
import type { Journey } from './journey.js'
import { fadeOf } from './nowcast-fade.js'
import { upperBound } from './quantiles.js'
import { firstFeasibleDepartureMs, learnedMissedShare } from './timetable.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const WEEK = 7 * DAY
/** Windows of history needed to learn how much a place's missed share varies between them. */
const MIN_WINDOWS = 8

/**
 * What recent boxes at a place with a timetable say about its missed departures: the share of the
 * boxes ready there, over every route, that missed their first feasible departure (rolled boxes,
 * missed connections), against what the learned skips expect of the same boxes.
 */
export interface SkipRate {
  /**
   * The place's present share of boxes missing their first feasible departure: the recent boxes'
   * share, shrunk toward the learned one by how much the place's share varies from window to
   * window (empirical Bayes).
   */
  readonly missedShare: number
  /** The share the learned skips expected of the same boxes. */
  readonly learnedShare: number
  readonly boxes: number
  /** The first feasible departures the boxes were ready for: the independent units. */
  readonly departures: number
  /**
   * The present share for a route whose learned share is `learnedShare`: moved by the place's
   * odds ratio (present over learned), so a route that misses less than the others still does.
   */
  shareFor(learnedShare: number): number
  /** How much of the present share (0–1) applies to a box ready at `readyMs`. */
  weightAt(readyMs: number): number
}

/** The recent missed-departure rate of each dwell with a timetable (keyed over routes). */
export interface SkipNowcast {
  /** The rate at the dwell `key` as the boxes known by `nowMs` show it; undefined when usual. */
  skipRateOf(key: string, nowMs: number): SkipRate | undefined
}

/** Options of {@link createSkipNowcast}. */
export interface SkipNowcastOptions {
  readonly model: EtaModel
  /** Every journey the node knows, completed or not; only actual times up to `nowMs` are used. */
  readonly journeys: readonly Journey[]
  readonly windowMs?: number
  readonly minBoxes?: number
  /**
   * Keep a window only where its misses differ from the learned expectation by more than this many
   * standard errors, counted by departures (2.576: two-sided 1%). Default 0, every window: the
   * shrinkage already discounts a small window, and the test kept mostly the windows at a spell's
   * end (docs/tracking.md, ETA, round 20).
   */
  readonly minZ?: number
}

/** The boxes of one dwell, in the order their outcome (made or missed) became known. */
interface Outcomes {
  readonly knownMs: Float64Array
  readonly isMissed: Uint8Array
  readonly learnedShare: Float64Array
  readonly departureMs: Float64Array
}

interface Outcome {
  readonly knownMs: number
  readonly isMissed: boolean
  readonly learnedShare: number
  readonly departureMs: number
}

/**
 * Builds the skip nowcast: for every dwell whose route segment has a learned timetable, each box
 * that arrived is ready at its arrival plus the cut-off, and its first feasible departure is the
 * first slot after that. Once that slot has passed (half an hour's grace, as the learned skips
 * count) the box made it or missed it: known at its departure, or at the slot while it waits.
 * At `nowMs`, the boxes whose outcome became known in the `windowMs` (7 days) before, over every
 * route, are compared with the share the learned skips expect of each (its route, its month):
 * where there are `minBoxes` (5), their share, shrunk toward the learned one (see `SkipRate`;
 * boxes counted by departures: the design effect of boxes that shared a first feasible departure,
 * at least 1), replaces the learned share for boxes ready within a week of now, fading to nothing
 * at four weeks. Nothing moves at a place whose share has varied between windows no more than
 * chance makes it vary.
 */
export function createSkipNowcast({
  model,
  journeys,
  windowMs = 7 * DAY,
  minBoxes = 5,
  minZ = 0,
}: SkipNowcastOptions): SkipNowcast {
  let outcomes: Map<string, Outcomes> | undefined
  const cache = new Map<string, SkipRate | undefined>()
  const strengths = new Map<string, number>()
  return {
    skipRateOf(key, nowMs) {
      // Built on first use: most nowcasts are asked only of segments without a timetable.
      outcomes ??= outcomesOf(model, journeys)
      const o = outcomes.get(key)
      if (o === undefined) return undefined
      // Hourly buckets: many estimates at about the same moment share one answer.
      const bucket = `${key} @ ${Math.floor(nowMs / HOUR)}`
      if (cache.has(bucket)) return cache.get(bucket)
      const week = Math.floor(nowMs / WEEK)
      const strengthKey = `${key} # ${week}`
      let strength = strengths.get(strengthKey)
      if (strength === undefined)
        strengths.set(strengthKey, (strength = priorStrengthOf(o, week * WEEK, windowMs)))
      const rate = recentRate(o, nowMs - windowMs, nowMs, { minBoxes, minZ, strength })
      cache.set(bucket, rate)
      return rate
    },
  }
}

function outcomesOf(model: EtaModel, journeys: readonly Journey[]): Map<string, Outcomes> {
  const byKey = new Map<string, Outcome[]>()
  for (const { key, segment, startMs, endMs } of startedSegmentsOf(model, journeys)) {
    const timetable = segment.timetable
    if (timetable === undefined) continue
    const readyMs = startMs + timetable.cutoffMs
    const departureMs = firstFeasibleDepartureMs(timetable, readyMs)
    const graceMs = departureMs + HOUR / 2
    const isMissed = endMs === undefined || endMs > graceMs
    const outcome = {
      knownMs: isMissed ? graceMs : (endMs as number),
      isMissed,
      learnedShare: learnedMissedShare(timetable, readyMs),
      departureMs,
    }
    const list = byKey.get(key)
    if (list) list.push(outcome)
    else byKey.set(key, [outcome])
  }
  const result = new Map<string, Outcomes>()
  for (const [key, list] of byKey) {
    list.sort((a, b) => a.knownMs - b.knownMs)
    result.set(key, {
      knownMs: Float64Array.from(list, (x) => x.knownMs),
      isMissed: Uint8Array.from(list, (x) => (x.isMissed ? 1 : 0)),
      learnedShare: Float64Array.from(list, (x) => x.learnedShare),
      departureMs: Float64Array.from(list, (x) => x.departureMs),
    })
  }
  return result
}

/**
 * The present missed share from the boxes whose outcome became known in (`fromMs`, `nowMs`]: their
 * share shrunk toward the learned one by the prior's `strength`, the boxes counted by departures;
 * undefined with fewer than `minBoxes`, or misses within `minZ` standard errors of the learned.
 */
function recentRate(
  o: Outcomes,
  fromMs: number,
  nowMs: number,
  { minBoxes, minZ, strength }: { minBoxes: number; minZ: number; strength: number },
): SkipRate | undefined {
  const from = upperBound(o.knownMs, fromMs)
  const to = upperBound(o.knownMs, nowMs)
  const n = to - from
  if (n < minBoxes || !Number.isFinite(strength)) return undefined
  let missed = 0
  let expected = 0
  let nullVariance = 0
  for (let i = from; i < to; i++) {
    const p = o.learnedShare[i] as number
    missed += o.isMissed[i] as number
    expected += p
    nullVariance += p * (1 - p)
  }
  const share = missed / n
  // Boxes ready for one departure miss it together (a full ship, a late feeder): the design
  // effect is the cluster-robust variance of the misses over the binomial one, at least 1.
  const sums = new Map<number, number>()
  for (let i = from; i < to; i++) {
    const d = o.departureMs[i] as number
    sums.set(d, (sums.get(d) ?? 0) + (o.isMissed[i] as number) - share)
  }
  let robust = 0
  for (const s of sums.values()) robust += s * s
  const binomial = share * (1 - share) * n
  const designEffect = binomial > 0 ? Math.max(1, robust / binomial) : 1
  const se = Math.sqrt(Math.max(nullVariance, 1e-9) * designEffect)
  // Normal approximation with continuity correction.
  if (minZ > 0 && (Math.abs(missed - expected) - 0.5) / se < minZ) return undefined
  // A window of ten boxes strays far by chance: its share is shrunk toward the learned one by the
  // place's own spread of windowed shares, with the boxes counted by departures.
  const effective = n / designEffect
  const learnedShare = expected / n
  const missedShare = (share * effective + learnedShare * strength) / (effective + strength)
  const oddsRatio = oddsOf(missedShare) / oddsOf(learnedShare)
  return {
    missedShare,
    learnedShare,
    boxes: n,
    departures: sums.size,
    shareFor(routeShare) {
      const odds = oddsOf(routeShare) * oddsRatio
      return odds / (1 + odds)
    },
    weightAt: (readyMs) => fadeOf(readyMs, nowMs),
  }
}

/** p / (1 − p), with p kept off 0 and 1 so a ratio of odds stays finite. */
function oddsOf(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p))
  return q / (1 - q)
}

/**
 * How many boxes the learned share is worth against a window's own (the strength of a beta prior):
 * from the outcomes known by `nowMs`, in consecutive windows of `windowMs`, the variance of the
 * windows' true missed shares beyond the binomial (method of moments), τ², gives a prior of mean
 * p̄ and variance τ², of strength p̄(1 − p̄)/τ² − 1. Infinite where the shares vary no more than
 * chance makes them (a place whose misses have no spells: Pearson's dispersion statistic under its
 * chi-square 1% point) or there are fewer than {@link MIN_WINDOWS} windows.
 */
function priorStrengthOf(o: Outcomes, nowMs: number, windowMs: number): number {
  const known = upperBound(o.knownMs, nowMs)
  if (known === 0) return Infinity
  const firstMs = o.knownMs[0] as number
  const windows = new Map<number, { n: number; missed: number }>()
  for (let i = 0; i < known; i++) {
    const w = Math.floor(((o.knownMs[i] as number) - firstMs) / windowMs)
    const x = windows.get(w) ?? { n: 0, missed: 0 }
    x.n++
    x.missed += o.isMissed[i] as number
    windows.set(w, x)
  }
  if (windows.size < MIN_WINDOWS) return Infinity
  let total = 0
  let missed = 0
  let squares = 0
  for (const x of windows.values()) {
    total += x.n
    missed += x.missed
    squares += x.n * x.n
  }
  const p = missed / total
  if (p <= 0 || p >= 1) return Infinity
  let spread = 0
  for (const x of windows.values()) spread += x.n * (x.missed / x.n - p) ** 2
  // Spells only where the windows' shares vary more than chance would make them (the dispersion's
  // chi-square test, one-sided 1%): a place without spells keeps its learned share.
  if (spread / (p * (1 - p)) <= chiSquareQuantile99(windows.size - 1)) return Infinity
  const tau2 = (spread - (windows.size - 1) * p * (1 - p)) / (total - squares / total)
  return tau2 > 0 ? Math.max(0, (p * (1 - p)) / tau2 - 1) : Infinity
}

/** The upper 1% point of chi-square with `df` degrees of freedom (Wilson–Hilferty). */
function chiSquareQuantile99(df: number): number {
  const a = 2 / (9 * df)
  return df * (1 - a + 2.326 * Math.sqrt(a)) ** 3
}
