import { estimateEta } from './estimate-eta.js'
import { anchorKeyOf, learnEtaModel, type EtaModel } from './eta-model.js'
import {
  casesOf,
  conformalScoresOf,
  finalArrivalOf,
  rawBandModel,
  rollingCalibrationOf,
} from './evaluation-cases.js'
import { horizonKey, isCompleted, routeOf, type Journey } from './journey.js'
import { createNowcast, type Nowcast } from './nowcast.js'
import { chooseNowcasts } from './nowcast-choice.js'
import { cdfOfSorted, quantileOfSorted } from './quantiles.js'
import { coverageStandardError, type CalibrationScore } from './rolling-calibration.js'

export { conformalScoresOf, coverageStandardError }

const HOUR = 3_600_000

/**
 * An evaluation horizon: a route (see {@link routeOf}) and the milestone on it at which the final
 * arrival is predicted, named like an anchor (`ARRI VESSEL SGSIN`).
 */
export interface EtaHorizon {
  readonly route: string
  readonly horizon: string
  readonly typeCode: string
  readonly UNLocationCode: string
  readonly modeOfTransport: string | undefined
}

/** The row of every route and horizon, in `landsea eta evaluate --json`. */
export const OVERALL = 'all'

/** Accuracy at one horizon of one route (or `all`), in the shape `eta evaluate --json` prints. */
export interface HorizonResult {
  readonly route: string
  readonly horizon: string
  readonly shipments: number
  readonly maeHoursP50: number
  readonly baselineMaeHours: number
  readonly coverageP10P90: number
  /** The standard error of `coverageP10P90` at 80%, counted by departures (on request only). */
  readonly coverageStandardError?: number
}

/** Result of {@link evaluateEta}: one row per route and horizon, then the overall row. */
export interface EtaEvaluation {
  readonly horizons: readonly HorizonResult[]
  readonly trainShipments: number
  readonly testShipments: number
  readonly intervalScale: number
}

/**
 * Every horizon the journeys show: each transport milestone before the final arrival of each
 * route (rail ramps, ports of loading, transshipment, discharge, inland places), in route order.
 */
export function horizonsOf(journeys: readonly Journey[]): EtaHorizon[] {
  const byRoute = new Map<string, Map<string, EtaHorizon>>()
  for (const journey of journeys) {
    const finalStop = finalArrivalOf(journey)
    if (finalStop === undefined) continue
    const route = routeOf(journey)
    let horizons = byRoute.get(route)
    if (horizons === undefined) byRoute.set(route, (horizons = new Map()))
    for (const stop of journey.stops) {
      if (stop === finalStop) break
      const horizon = anchorKeyOf(stop)
      if (!horizons.has(horizon))
        horizons.set(horizon, {
          route,
          horizon,
          typeCode: stop.typeCode,
          UNLocationCode: stop.UNLocationCode,
          modeOfTransport: stop.modeOfTransport,
        })
    }
  }
  return [...byRoute.keys()]
    .sort()
    .flatMap((r) => [...(byRoute.get(r) as Map<string, EtaHorizon>).values()])
}

/**
 * Split-conformal calibration of the P10–P90 band: on journeys the model did not learn from,
 * finds the scale of the band around P50 that covers `coverage` of the actual final arrivals, per
 * route and horizon, per anchor milestone over routes, and overall; each where the raw band's
 * coverage there is significantly off (else the scale stays 1).
 */
export function calibrateEtaModel(
  model: EtaModel,
  journeys: readonly Journey[],
  options: {
    readonly coverage?: number
    readonly minCases?: number
    /** The nowcast the estimates will run with: the band is judged as it will be used. */
    readonly nowcast?: Nowcast
    /**
     * Judge the raw band's miss by the standard error of its coverage counted by departures of the
     * final leg (default true): boxes that left together arrive together. False: by boxes.
     */
    readonly isClustered?: boolean
    /** The scores of `journeys` under `model`'s raw band, when already made. */
    readonly scores?: readonly CalibrationScore[]
  } = {},
): EtaModel {
  const { coverage = 0.8, minCases = 30, nowcast, isClustered = true } = options
  const needed = new Map<string, CalibrationScore[]>()
  const all: CalibrationScore[] = []
  const raw = rawBandModel(model)
  const push = (key: string, x: CalibrationScore) => {
    const xs = needed.get(key)
    if (xs) xs.push(x)
    else needed.set(key, [x])
  }
  for (const scored of options.scores ?? conformalScoresOf(raw, journeys, nowcast)) {
    push(horizonKey(scored.route, scored.anchor), scored)
    push(scored.anchor, scored)
    all.push(scored)
  }
  // The raw band is kept unless the held-out journeys show it misses `coverage` by more than three
  // standard errors: rescaling a band that is right, on a hundred or so journeys of another
  // season, only adds their sampling noise (at two, it narrowed the Singapore band on 3 of 7
  // simulated histories and lost 4–6 points of coverage in the test period). With `isClustered`
  // the standard error counts departures, not boxes (`coverageStandardError`).
  const conformal = (cases: CalibrationScore[]): number => {
    const xs = cases.map((c) => c.scale).sort((a, b) => a - b)
    const rawCoverage = cdfOfSorted(xs, 1)
    const se = isClustered
      ? coverageStandardError(cases, coverage)
      : Math.sqrt((coverage * (1 - coverage)) / xs.length)
    if (Math.abs(rawCoverage - coverage) <= 3 * se) return 1
    return quantileOfSorted(xs, Math.min(1, (coverage * (xs.length + 1)) / xs.length))
  }
  if (all.length < minCases) return raw
  const intervalScales = new Map<string, number>()
  for (const [key, xs] of needed) if (xs.length >= minCases) intervalScales.set(key, conformal(xs))
  return { ...model, intervalScale: conformal(all), intervalScales }
}

/**
 * Trains on journeys completed before `splitMs` and tests on journeys that started after it: per
 * route and horizon found in the data ({@link horizonsOf}), and over all of them, the mean absolute
 * error of P50 for the final arrival, the share of actual arrivals inside P10–P90, and the MAE of
 * the schedule baseline. With `isCalibrated` (default), the last fifth of the training journeys
 * that all had time to complete calibrates the band (split conformal), against a model learned
 * from the journeys completed before them.
 */
export function evaluateEta(options: {
  readonly journeys: readonly Journey[]
  readonly splitMs: number
  readonly isCalibrated?: boolean
  /** Feed each estimate the nowcast of the corridor at its moment (default true). */
  readonly isNowcast?: boolean
  /** Change-point window of the learned distributions (see `LearnEtaOptions.recentDays`). */
  readonly recentDays?: number
  /**
   * Learn departures' carry-over for the nowcast (see `LearnEtaOptions.isDepartureCarry`) and keep
   * it per segment where it beat the 7-day window on the training history (`chooseNowcasts`);
   * default true. False: the 7-day window everywhere.
   */
  readonly isDepartureCarry?: boolean
  /** Calibration's significance counted by departures (see `calibrateEtaModel`; default true). */
  readonly isClusteredCalibration?: boolean
  /**
   * Rolling calibration (default true): each test estimate's band scale from the scores known by
   * its day, held-out and later journeys alike, weighted by recency (`createRollingCalibration`).
   * False: the held-out fifth's scales throughout, as before issue 13 round 18.
   */
  readonly isRollingCalibration?: boolean
  /** Half-life of the rolling calibration's weights (days; default 28). */
  readonly calibrationHalfLifeDays?: number
  /** Nowcast the missed departures at places with a timetable (`createSkipNowcast`; default false). */
  readonly isSkipNowcast?: boolean
  /** A thin route's window nowcast from its segment's boxes over routes (`createNowcast`; default true). */
  readonly isPooledWindow?: boolean
  /** Boxes under way after they were due count as nowcast evidence (`createNowcast`; default true). */
  readonly isOverdue?: boolean
  /**
   * Per route, horizon and tail, adapt the rolling calibration's band to the misses seen so far
   * (adaptive conformal inference, `createAdaptiveLevel`; default true since issue 13 round 22;
   * only with the rolling calibration). False: the rolling calibration's band, as in round 18.
   */
  readonly isAdaptiveLevel?: boolean
  /** γ of the adaptive level (default 0.005 per box). */
  readonly adaptiveStepSize?: number
  /** Each row's `coverageStandardError`, counted by departures of the final leg (default false). */
  readonly hasCoverageStandardError?: boolean
}): EtaEvaluation {
  const { journeys, splitMs, isCalibrated = true, isNowcast = true } = options
  const { isDepartureCarry = true, isSkipNowcast = false, isPooledWindow = true } = options
  const { isOverdue = true } = options
  const learn = (js: readonly Journey[]) => {
    const m = learnEtaModel({
      journeys: js,
      ...(options.recentDays === undefined ? {} : { recentDays: options.recentDays }),
      isDepartureCarry,
    })
    return isDepartureCarry ? chooseNowcasts(m, js, -Infinity, isOverdue) : m
  }
  const completed = journeys.filter(isCompleted)
  const train = completed
    .filter((j) => (finalArrivalOf(j)?.actualMs ?? Infinity) < splitMs)
    .sort((a, b) => (a.stops[0]?.actualMs ?? 0) - (b.stops[0]?.actualMs ?? 0))
  const test = completed.filter((j) => (j.stops[0]?.actualMs ?? -Infinity) >= splitMs)
  let model: EtaModel
  let heldScores: CalibrationScore[] = []
  let laterFromMs = splitMs
  if (isCalibrated) {
    // Held-out journeys must all have had time to complete before the split: near it, only the
    // quick ones have, and a band judged on them would be judged on the wrong journeys.
    const departureOf = (j: Journey) => j.stops[0]?.actualMs ?? 0
    const longestMs = Math.max(
      0,
      ...train.map((j) => (finalArrivalOf(j)?.actualMs ?? 0) - departureOf(j)),
    )
    const eligible = train.filter((j) => departureOf(j) < splitMs - longestMs)
    const held = eligible.slice(Math.floor(eligible.length * 0.8))
    const heldFromMs = held.length > 0 ? departureOf(held[0] as Journey) : splitMs
    const proper = learn(
      train.filter((j) => (finalArrivalOf(j)?.actualMs ?? Infinity) < heldFromMs),
    )
    // Held-out cases see the nowcast of their own moment (from segments ended by then), as the
    // test cases will: a band widened for spells the nowcast then explains would over-cover.
    const properNowcast = isNowcast
      ? createNowcast({ model: proper, journeys, isSkipNowcast, isPooledWindow, isOverdue })
      : undefined
    heldScores = conformalScoresOf(proper, held, properNowcast)
    laterFromMs = splitMs - longestMs
    const calibrated = calibrateEtaModel(proper, held, {
      isClustered: options.isClusteredCalibration ?? true,
      scores: heldScores,
    })
    model = {
      ...learn(train),
      intervalScale: calibrated.intervalScale,
      intervalScales: calibrated.intervalScales,
    }
  } else {
    model = learn(train)
  }
  // Every journey, the test period's too: a case at `atMs` sees only segments that ended by then.
  const nowcast = isNowcast
    ? createNowcast({ model, journeys, isSkipNowcast, isPooledWindow, isOverdue })
    : undefined
  const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d
  const total = { abs: 0, baseAbs: 0, covered: 0, n: 0 }
  const row = (route: string, horizon: string, t: typeof total): HorizonResult => ({
    route,
    horizon,
    shipments: t.n,
    maeHoursP50: t.n > 0 ? round(t.abs / t.n / HOUR, 1) : 0,
    baselineMaeHours: t.n > 0 ? round(t.baseAbs / t.n / HOUR, 1) : 0,
    coverageP10P90: t.n > 0 ? round(t.covered / t.n, 3) : 0,
  })
  const isRolling = isCalibrated && (options.isRollingCalibration ?? true)
  const rolling = isRolling
    ? rollingCalibrationOf(model, heldScores, completed, laterFromMs, nowcast, {
        isClustered: options.isClusteredCalibration ?? true,
        halfLifeDays: options.calibrationHalfLifeDays ?? 28,
        ...((options.isAdaptiveLevel ?? true)
          ? { adaptiveStepSize: options.adaptiveStepSize ?? 0.005 }
          : {}),
      })
    : undefined
  const cases = rolling ? rolling.casesFrom(splitMs) : casesOf(test)
  const results = horizonsOf(completed).map((h): HorizonResult => {
    const t = { abs: 0, baseAbs: 0, covered: 0, n: 0 }
    const outcomes: { scale: number; cluster: string }[] = []
    for (const c of cases.get(horizonKey(h.route, h.horizon)) ?? []) {
      const eta = rolling
        ? rolling.etaOf(c)
        : estimateEta(model, c.journey, {
            nowMs: c.atMs,
            ...(nowcast ? { nowcast } : {}),
          }).finalArrival
      if (eta === undefined) continue
      const actual = c.finalStop.actualMs as number
      t.abs += Math.abs(Date.parse(eta.p50) - actual)
      t.baseAbs += Math.abs(c.baselineMs - actual)
      const isCovered = Date.parse(eta.p10) <= actual && actual <= Date.parse(eta.p90)
      if (isCovered) t.covered++
      outcomes.push({ scale: isCovered ? 0 : 2, cluster: c.cluster })
      t.n++
    }
    total.abs += t.abs
    total.baseAbs += t.baseAbs
    total.covered += t.covered
    total.n += t.n
    const r = row(h.route, h.horizon, t)
    return options.hasCoverageStandardError === true && t.n > 0
      ? { ...r, coverageStandardError: coverageStandardError(outcomes, 0.8) }
      : r
  })
  return {
    horizons: [...results.filter((r) => r.shipments > 0), row(OVERALL, OVERALL, total)],
    trainShipments: train.length,
    testShipments: test.length,
    intervalScale: Math.round(model.intervalScale * 1000) / 1000,
  }
}
