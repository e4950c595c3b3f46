import { formatEventTime } from '../tracking/event-time.js'
import { estimateEta } from './estimate-eta.js'
import { anchorKeyOf, type EtaModel } from './eta-model.js'
import { horizonKey, journeyAsOf, routeOf, type Journey, type JourneyStop } from './journey.js'
import type { Nowcast } from './nowcast.js'
import { withAdaptiveLevel } from './adaptive-level.js'
import {
  calibrationHorizonMs,
  calibrationRefreshMs,
  createRollingCalibration,
  type CalibrationScore,
  type RollingCalibration,
} from './rolling-calibration.js'

const HOUR = 3_600_000

// The cases of an ETA evaluation (a journey known as of one of its horizons) and the conformal
// scores that calibrate its band, split from evaluate-eta.ts.

/** One estimate to evaluate: a journey as of one horizon, and what happened. */
export interface Case {
  readonly route: string
  readonly anchor: JourneyStop
  readonly journey: Journey
  readonly atMs: number
  readonly finalStop: JourneyStop
  readonly baselineMs: number
  /** The departure of the journey's final leg (place and hour): boxes on it share its delay. */
  readonly cluster: string
}

export function finalArrivalOf(journey: Journey): JourneyStop | undefined {
  return [...journey.stops].reverse().find((s) => s.typeCode === 'ARRI')
}

/** The test cases of every horizon: journeys on its route, known as of the horizon's time. */
export function casesOf(journeys: readonly Journey[]): Map<string, Case[]> {
  const cases = new Map<string, Case[]>()
  for (const journey of journeys) {
    const finalStop = finalArrivalOf(journey)
    if (finalStop?.actualMs === undefined || finalStop.plannedMs === undefined) continue
    const route = routeOf(journey)
    const lastDeparture = journey.stops.findLast((s) => s.typeCode === 'DEPA')
    const cluster =
      lastDeparture?.actualMs === undefined
        ? journey.shipmentKey
        : `${lastDeparture.UNLocationCode} ${Math.round(lastDeparture.actualMs / HOUR)}`
    const seen = new Set<string>()
    for (const stop of journey.stops) {
      if (stop === finalStop) break
      if (stop.actualMs === undefined || stop.plannedMs === undefined) continue
      const key = horizonKey(route, anchorKeyOf(stop))
      if (seen.has(key)) continue
      seen.add(key)
      const list = cases.get(key) ?? []
      // Schedule baseline: the time the schedule allows from this milestone to the final arrival.
      list.push({
        route,
        anchor: stop,
        journey: journeyAsOf(journey, stop.actualMs),
        atMs: stop.actualMs,
        finalStop,
        baselineMs: stop.actualMs + (finalStop.plannedMs - stop.plannedMs),
        cluster,
      })
      cases.set(key, list)
    }
  }
  return cases
}

/** A case's raw band (P10, P50, P90 in ms, scale 1) and its conformal score. */
function scoreOf(
  c: Case,
  eta: { readonly p10: string; readonly p50: string; readonly p90: string },
): CalibrationScore {
  const actual = c.finalStop.actualMs as number
  const p50 = Date.parse(eta.p50)
  const side = actual >= p50 ? Date.parse(eta.p90) - p50 : p50 - Date.parse(eta.p10)
  const scale = side > 0 ? Math.abs(actual - p50) / side : actual === p50 ? 0 : 10
  return {
    route: c.route,
    anchor: anchorKeyOf(c.anchor),
    scale,
    cluster: c.cluster,
    knownAtMs: actual,
    atMs: c.atMs,
    isLate: actual >= p50,
  }
}

/** `model` with its band unscaled (the raw P10–P90 that conformal scores measure). */
export function rawBandModel(model: EtaModel): EtaModel {
  return { ...model, intervalScale: 1, intervalScales: new Map<string, number>() }
}

/**
 * Each case's final-arrival estimate under `model`'s raw band (its scales ignored), made as of its
 * horizon (with the nowcast of that moment), with the case's conformal score.
 */
function* scoredCases(
  model: EtaModel,
  cases: Iterable<readonly Case[]>,
  nowcast: Nowcast | undefined,
  samples: number | undefined,
) {
  const raw = rawBandModel(model)
  for (const list of cases)
    for (const c of list) {
      const eta = estimateEta(raw, c.journey, {
        nowMs: c.atMs,
        ...(samples === undefined ? {} : { samples }),
        ...(nowcast ? { nowcast } : {}),
      }).finalArrival
      if (eta !== undefined) yield { c, eta, score: scoreOf(c, eta) }
    }
}

/**
 * The conformal scores of `model`'s raw band (its scales ignored) on `journeys`, at every horizon
 * of each, each estimate made as of its horizon (with the nowcast of that moment).
 */
export function conformalScoresOf(
  model: EtaModel,
  journeys: readonly Journey[],
  nowcast?: Nowcast,
  samples = 400,
): CalibrationScore[] {
  return [...scoredCases(model, casesOf(journeys).values(), nowcast, samples)].map((x) => x.score)
}

/**
 * The rolling calibration of the test period: the held-out scores, then those of every journey
 * that left from `laterFromMs` on (the test journeys and those between the held-out ones and the
 * split), each evidence once its arrival is known. Returns each case's band, scaled by the
 * calibration of its own day.
 */
export function rollingCalibrationOf(
  model: EtaModel,
  heldScores: readonly CalibrationScore[],
  completed: readonly Journey[],
  laterFromMs: number,
  nowcast: Nowcast | undefined,
  options: {
    readonly isClustered: boolean
    readonly halfLifeDays: number
    /** Per-tail adaptive level on top (`createAdaptiveLevel`), with this step; none when absent. */
    readonly adaptiveStepSize?: number
  },
) {
  const later = completed.filter((j) => (j.stops[0]?.actualMs ?? -Infinity) >= laterFromMs)
  const laterCases = casesOf(later)
  const bands = new Map<Case, { p10: number; p50: number; p90: number }>()
  const scores = [...heldScores]
  for (const { c, eta, score } of scoredCases(model, laterCases.values(), nowcast, undefined)) {
    scores.push(score)
    bands.set(c, { p10: Date.parse(eta.p10), p50: Date.parse(eta.p50), p90: Date.parse(eta.p90) })
  }
  const rolling = createRollingCalibration(scores, options)
  const step = options.adaptiveStepSize
  const calibration =
    step === undefined ? rolling : withAdaptiveLevel(scores, rolling, { stepSize: step })
  return {
    /** The cases of the journeys that left from `fromMs` on (the test period's). */
    casesFrom: (fromMs: number) =>
      new Map(
        [...laterCases].map(([key, cases]) => [
          key,
          cases.filter((c) => (c.journey.stops[0]?.actualMs ?? -Infinity) >= fromMs),
        ]),
      ),
    /** A case's band, scaled by the calibration of its day (as `estimateEta` scales it). */
    etaOf(c: Case): { p10: string; p50: string; p90: string } | undefined {
      const band = bands.get(c)
      if (band === undefined) return undefined
      const {
        scale,
        lowerFactor = 1,
        upperFactor = 1,
      } = calibration.calibrationOf(c.route, anchorKeyOf(c.anchor), c.atMs)
      const { p10, p50, p90 } = band
      return {
        p10: formatEventTime(Math.max(p50 - scale * lowerFactor * (p50 - p10), c.atMs)),
        p50: formatEventTime(p50),
        p90: formatEventTime(p50 + scale * upperFactor * (p90 - p50)),
      }
    },
  }
}

/** Options of {@link recentCalibrationOf}. */
export interface RecentCalibrationOptions {
  /** The moment the calibration serves: its week's refresh takes the outcomes known before it. */
  readonly nowMs: number
  /** At most this many journeys, the latest arrivals, are scored (bounds the cost; default 300). */
  readonly maxJourneys?: number
  readonly halfLifeDays?: number
  readonly isClustered?: boolean
  /**
   * γ of the adaptive level served on top (`createAdaptiveLevel`, as `evaluateEta` applies it;
   * default 0.005 per box); 0: the rolling scale alone.
   */
  readonly adaptiveStepSize?: number
}

/**
 * A node's rolling calibration of `model`'s band from its own completed journeys: the conformal
 * scores ({@link conformalScoresOf}, each estimate as of its horizon with the nowcast of then) of
 * the journeys whose final arrival was known within the weights' horizon before the refresh of
 * `nowMs`'s week, the latest `maxJourneys` of them, weighed and tested as the evaluator's rolling
 * calibration ({@link createRollingCalibration}).
 */
export function recentCalibrationOf(
  model: EtaModel,
  journeys: readonly Journey[],
  nowcast: Nowcast | undefined,
  options: RecentCalibrationOptions,
): RollingCalibration {
  const { nowMs, maxJourneys = 300, halfLifeDays = 28, isClustered = true } = options
  const endMs = calibrationRefreshMs(nowMs)
  const fromMs = endMs - calibrationHorizonMs(halfLifeDays)
  const arrivalOf = (j: Journey) => finalArrivalOf(j)?.actualMs ?? -Infinity
  const recent = journeys
    .filter((j) => arrivalOf(j) >= fromMs && arrivalOf(j) < endMs)
    .sort((a, b) => arrivalOf(b) - arrivalOf(a))
    .slice(0, maxJourneys)
  const scores = conformalScoresOf(model, recent, nowcast)
  const calibration = createRollingCalibration(scores, { halfLifeDays, isClustered })
  const { adaptiveStepSize: stepSize = 0.005 } = options
  // Each tail's level adapted to the misses of the bands as issued to these journeys (their
  // scores, scaled by the calibration of their own day), as the evaluator's rolling calibration.
  return stepSize === 0 ? calibration : withAdaptiveLevel(scores, calibration, { stepSize })
}
