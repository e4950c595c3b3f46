import { designEffectOf } from './design-effect.js'
import { horizonKey } from './journey.js'

const DAY = 86_400_000
/** The calibration is refreshed once a week (from the Thursday epoch; any fixed weekly cycle). */
export const REFRESH_MS = 7 * DAY

/**
 * A conformal score of one estimate whose outcome is known: |actual − P50| over the raw band's
 * half-width on the actual's side (≤ 1: the raw P10–P90 band covered it), normalised by the
 * estimate's own predicted spread, so scores of routes with wide and narrow bands pool.
 */
export interface CalibrationScore {
  /** The route (see `routeOf`) and the anchor milestone the estimate was made at. */
  readonly route: string
  readonly anchor: string
  readonly scale: number
  /** The departure of the journey's final leg: boxes on it share their error. */
  readonly cluster: string
  /** When the actual final arrival was known: the score is evidence from then on. */
  readonly knownAtMs: number
  /** Evidence weight (1 when unweighted; recency weights in {@link createRollingCalibration}). */
  readonly weight?: number
  /** When the estimate was made, and whether the actual fell at or after its P50 (per-tail use). */
  readonly atMs?: number
  readonly isLate?: boolean
}

/** Σw, Σw² and the weight of the scores the raw band covered (scale ≤ 1). */
function sumsOf(cases: readonly Pick<CalibrationScore, 'scale' | 'weight'>[]) {
  let w1 = 0
  let w2 = 0
  let hit = 0
  for (const c of cases) {
    const w = c.weight ?? 1
    w1 += w
    w2 += w * w
    if (c.scale <= 1) hit += w
  }
  return { w1, w2, hit }
}

/**
 * The standard error of the raw band's coverage of `cases` (weighted by `weight`, default 1),
 * with the cases of one cluster (a departure) sharing their error: the binomial one at `coverage`
 * over the effective count (Σw)²/Σw², times the design effect, the cluster-robust variance of the
 * weighted raw coverage over the binomial one at the observed coverage (at least 1). Forty boxes
 * on one late voyage are one piece of evidence, not forty.
 */
export function coverageStandardError(
  cases: readonly Pick<CalibrationScore, 'scale' | 'cluster' | 'weight'>[],
  coverage: number,
): number {
  const { w1, w2 } = sumsOf(cases)
  const { ratio } = designEffectOf(
    cases.length,
    (i) => (cases[i] as (typeof cases)[number]).scale <= 1,
    (i) => (cases[i] as (typeof cases)[number]).cluster,
    (i) => (cases[i] as (typeof cases)[number]).weight ?? 1,
  )
  const designEffect = ratio === undefined ? 1 : Math.max(1, ratio)
  return Math.sqrt((coverage * (1 - coverage) * designEffect * w2) / (w1 * w1))
}

/**
 * The weighted split-conformal scale of the band: 1 (the raw band) unless its weighted coverage of
 * `cases` is off `coverage` by more than three standard errors ({@link coverageStandardError},
 * by boxes unless `isClustered`), else the weighted quantile of the scores at `coverage`, with the
 * finite-sample correction (n + 1)/n at the effective count n.
 */
export function weightedConformalScale(
  cases: readonly Pick<CalibrationScore, 'scale' | 'cluster' | 'weight'>[],
  coverage: number,
  isClustered: boolean,
): number {
  const { w1, w2, hit } = sumsOf(cases)
  const n = (w1 * w1) / w2
  const se = isClustered
    ? coverageStandardError(cases, coverage)
    : Math.sqrt((coverage * (1 - coverage)) / n)
  if (Math.abs(hit / w1 - coverage) <= 3 * se) return 1
  const sorted = [...cases].sort((a, b) => a.scale - b.scale)
  const level = Math.min(1, (coverage * (n + 1)) / n) * w1
  let cumulative = 0
  for (const c of sorted) {
    cumulative += c.weight ?? 1
    if (cumulative >= level - 1e-9) return c.scale
  }
  return (sorted.at(-1) as CalibrationScore).scale
}

/** Options of {@link createRollingCalibration}. */
export interface RollingCalibrationOptions {
  readonly coverage?: number
  /** Half-life of a score's weight, in days since its outcome was known (default 28). */
  readonly halfLifeDays?: number
  /** Least effective count (Σw)²/Σw² of a group for its own scale (default 30). */
  readonly minCases?: number
  readonly isClustered?: boolean
}

/**
 * Which scores a band scale came from: the route and horizon's, the anchor's over routes, all of
 * them, or none (too few anywhere: the raw band, scale 1).
 */
export type CalibrationBasis = 'route' | 'anchor' | 'all' | 'none'

/** The band scale that applied to an estimate, and where it came from. */
export interface AppliedCalibration {
  readonly scale: number
  readonly basis: CalibrationBasis
  /**
   * The adaptive level's factors on the P10 and P90 distances (`createAdaptiveLevel`), on top of
   * `scale`; absent when they leave the band as it is (both 1).
   */
  readonly lowerFactor?: number
  readonly upperFactor?: number
}

/** The band scale of an estimate made at `atMs` at `anchor` of `route`. */
export interface RollingCalibration {
  scaleOf(route: string, anchor: string, atMs: number): number
  /** {@link RollingCalibration.scaleOf} with the group it came from. */
  calibrationOf(route: string, anchor: string, atMs: number): AppliedCalibration
}

/** The start of the week whose refresh calibrates an estimate made at `atMs`. */
export function calibrationRefreshMs(atMs: number): number {
  return Math.floor(atMs / REFRESH_MS) * REFRESH_MS
}

/** How far back a score still weighs (five half-lives), ms. */
export function calibrationHorizonMs(halfLifeDays = 28): number {
  return halfLifeDays * DAY * 5
}

/**
 * Calibration that follows time: the band scale at a moment is the weighted conformal scale
 * ({@link weightedConformalScale}) of the scores known at the week's refresh before it, each weighted
 * 2^(−age / half-life), so a spell of other weather in the held-out journeys fades as newer
 * outcomes arrive. As the static calibration, per route and horizon where its effective count
 * allows, else per anchor over routes (scores normalised by each estimate's own spread), else
 * over all; each scale 1 unless the raw band's miss there is significant.
 */
export function createRollingCalibration(
  scores: readonly CalibrationScore[],
  options: RollingCalibrationOptions = {},
): RollingCalibration {
  const { coverage = 0.8, halfLifeDays = 28, minCases = 30, isClustered = true } = options
  const sorted = [...scores].sort((a, b) => a.knownAtMs - b.knownAtMs)
  const horizonMs = calibrationHorizonMs(halfLifeDays)
  const byRefresh = new Map<number, Map<string, number>>()
  const scalesOn = (refresh: number): Map<string, number> => {
    const cached = byRefresh.get(refresh)
    if (cached) return cached
    const endMs = refresh * REFRESH_MS
    const groups = new Map<string, CalibrationScore[]>()
    const push = (key: string, s: CalibrationScore) => {
      const xs = groups.get(key)
      if (xs) xs.push(s)
      else groups.set(key, [s])
    }
    for (const s of sorted) {
      if (s.knownAtMs >= endMs) break
      if (s.knownAtMs < endMs - horizonMs) continue
      const weighted = { ...s, weight: 2 ** (-(endMs - s.knownAtMs) / (halfLifeDays * DAY)) }
      push(horizonKey(s.route, s.anchor), weighted)
      push(s.anchor, weighted)
      push('', weighted)
    }
    const scales = new Map<string, number>()
    for (const [key, xs] of groups) {
      const { w1, w2 } = sumsOf(xs)
      if ((w1 * w1) / w2 >= minCases)
        scales.set(key, weightedConformalScale(xs, coverage, isClustered))
    }
    byRefresh.set(refresh, scales)
    return scales
  }
  const calibrationOf = (route: string, anchor: string, atMs: number): AppliedCalibration => {
    const scales = scalesOn(Math.floor(atMs / REFRESH_MS))
    const groups = [
      [horizonKey(route, anchor), 'route'],
      [anchor, 'anchor'],
      ['', 'all'],
    ] as const
    for (const [key, basis] of groups) {
      const scale = scales.get(key)
      if (scale !== undefined) return { scale, basis }
    }
    return { scale: 1, basis: 'none' }
  }
  return {
    scaleOf: (route, anchor, atMs) => calibrationOf(route, anchor, atMs).scale,
    calibrationOf,
  }
}
