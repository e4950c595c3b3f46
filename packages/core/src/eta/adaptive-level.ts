import { horizonKey } from './journey.js'
import {
  REFRESH_MS,
  type AppliedCalibration,
  type CalibrationScore,
  type RollingCalibration,
} from './rolling-calibration.js'

/** The band's tail factor stays within 1/3–3× of the rolling calibration's scale. */
const MAX_LOG_FACTOR = Math.log(3)
/** θ of a band issued raw. */
const NO_THETA = { lower: 0, upper: 0 } as const

/** The factors of the lower (P50 − P10) and upper (P90 − P50) half-bands. */
export interface TailFactors {
  readonly lower: number
  readonly upper: number
}

/** Per route and horizon, each tail's factor on the band an estimate at `atMs` gets. */
export interface AdaptiveLevel {
  factorsOf(route: string, anchor: string, atMs: number): TailFactors
}

/** Options of {@link createAdaptiveLevel}. */
export interface AdaptiveLevelOptions {
  /** The P10–P90 coverage sought: each tail aims at missing (1 − coverage) / 2. */
  readonly coverage?: number
  /** γ, the step of a tail's log factor per outcome (default 0.005). */
  readonly stepSize?: number
}

/**
 * Adaptive conformal inference (Gibbs & Candès 2021) per route, horizon and tail, in the
 * quantile-tracking form (Angelopoulos, Candès & Tibshirani 2023): each tail's half-band is the
 * rolling calibration's (`calibrationOf`) times e^θ, and each outcome, once known, moves θ by
 * γ (miss − α), where miss says whether the band *as issued then* missed on that tail and α is
 * (1 − coverage) / 2. Misses running above α widen that tail, below α narrow it; a calibrated
 * tail stays where it is on average. θ used at `atMs` comes from the outcomes known by the start
 * of its week, so no estimate sees its own period's outcomes. Where the calibration had too few
 * scores (basis `none`) the band was issued raw, without the factors. Scores need `atMs` and
 * `isLate`.
 */
export function createAdaptiveLevel(
  scores: readonly CalibrationScore[],
  calibrationOf: RollingCalibration['calibrationOf'],
  options: AdaptiveLevelOptions = {},
): AdaptiveLevel {
  const { coverage = 0.8, stepSize = 0.005 } = options
  const alpha = (1 - coverage) / 2
  // Per route and horizon: θ after the outcomes known before each week's start, week ascending.
  const history = new Map<string, { week: number; lower: number; upper: number }[]>()
  const thetaAt = (key: string, week: number) => {
    const xs = history.get(key)
    let found = { lower: 0, upper: 0 }
    if (xs === undefined) return found
    for (let lo = 0, hi = xs.length - 1; lo <= hi;) {
      const mid = (lo + hi) >> 1
      const x = xs[mid] as (typeof xs)[number]
      if (x.week <= week) {
        found = x
        lo = mid + 1
      } else hi = mid - 1
    }
    return found
  }
  const clamp = (x: number) => Math.max(-MAX_LOG_FACTOR, Math.min(MAX_LOG_FACTOR, x))
  const sorted = scores
    .filter((s) => s.atMs !== undefined && s.isLate !== undefined)
    .sort((a, b) => a.knownAtMs - b.knownAtMs)
  for (let i = 0; i < sorted.length;) {
    const week = Math.floor((sorted[i] as CalibrationScore).knownAtMs / REFRESH_MS)
    // This week's outcomes per route and horizon: did the band issued then miss on either side?
    const batch = new Map<string, { isLowerMiss: boolean; isUpperMiss: boolean }[]>()
    for (; i < sorted.length; i++) {
      const s = sorted[i] as CalibrationScore
      if (Math.floor(s.knownAtMs / REFRESH_MS) !== week) break
      const key = horizonKey(s.route, s.anchor)
      const atMs = s.atMs as number
      const { scale, basis } = calibrationOf(s.route, s.anchor, atMs)
      const theta = basis === 'none' ? NO_THETA : thetaAt(key, Math.floor(atMs / REFRESH_MS))
      const outcomes = batch.get(key) ?? []
      batch.set(key, outcomes)
      outcomes.push({
        isLowerMiss: !s.isLate && s.scale > scale * Math.exp(theta.lower),
        isUpperMiss: s.isLate === true && s.scale > scale * Math.exp(theta.upper),
      })
    }
    // One step per box, not per departure: coverage is judged per box, and a step per departure
    // (its boxes' mean miss) over-covered boxes by 1–4 points on the bench (issue 13 round 22).
    for (const [key, outcomes] of batch) {
      let { lower, upper } = thetaAt(key, week)
      for (const o of outcomes) {
        lower = clamp(lower + stepSize * ((o.isLowerMiss ? 1 : 0) - alpha))
        upper = clamp(upper + stepSize * ((o.isUpperMiss ? 1 : 0) - alpha))
      }
      const xs = history.get(key) ?? []
      history.set(key, xs)
      xs.push({ week: week + 1, lower, upper })
    }
  }
  return {
    factorsOf(route, anchor, atMs) {
      const theta = thetaAt(horizonKey(route, anchor), Math.floor(atMs / REFRESH_MS))
      return { lower: Math.exp(theta.lower), upper: Math.exp(theta.upper) }
    },
  }
}

/**
 * `calibration` with the adaptive level of `scores` on top (`createAdaptiveLevel`): each estimate's
 * applied calibration carries the tails' factors where they are not 1, except where the
 * calibration has too few scores (basis `none`: the raw band). The evaluator and the node serve
 * their bands through it.
 */
export function withAdaptiveLevel(
  scores: readonly CalibrationScore[],
  calibration: RollingCalibration,
  options: AdaptiveLevelOptions = {},
): RollingCalibration {
  const level = createAdaptiveLevel(scores, calibration.calibrationOf, options)
  return {
    scaleOf: calibration.scaleOf,
    calibrationOf(route, anchor, atMs): AppliedCalibration {
      const applied = calibration.calibrationOf(route, anchor, atMs)
      if (applied.basis === 'none') return applied
      const { lower, upper } = level.factorsOf(route, anchor, atMs)
      return lower === 1 && upper === 1
        ? applied
        : { ...applied, lowerFactor: lower, upperFactor: upper }
    },
  }
}
