import { anchorKeyOf, estimateEta, learnEtaModel, type EtaModel } from './eta-model.js'
import { isCompleted, journeyAsOf, type Journey, type JourneyStop } from './journey.js'
import { cdfOfSorted, quantileOfSorted } from './quantiles.js'

const HOUR = 3_600_000

/** An evaluation horizon: the milestone at which the final arrival is predicted. */
export interface EtaHorizon {
  readonly horizon: string
  readonly typeCode: string
  readonly UNLocationCode: string
}

/** The corridor horizons: at departure from Chongqing, at Qinzhou, at Singapore. */
export const CORRIDOR_HORIZONS: readonly EtaHorizon[] = [
  { horizon: 'departure-chongqing', typeCode: 'DEPA', UNLocationCode: 'CNCKG' },
  { horizon: 'arrival-qinzhou', typeCode: 'ARRI', UNLocationCode: 'CNQZH' },
  { horizon: 'arrival-singapore', typeCode: 'ARRI', UNLocationCode: 'SGSIN' },
]

/** Accuracy at one horizon, in the shape `landsea eta evaluate --json` prints. */
export interface HorizonResult {
  readonly horizon: string
  readonly shipments: number
  readonly maeHoursP50: number
  readonly baselineMaeHours: number
  readonly coverageP10P90: number
}

/** Result of {@link evaluateEta}. */
export interface EtaEvaluation {
  readonly horizons: readonly HorizonResult[]
  readonly trainShipments: number
  readonly testShipments: number
  readonly intervalScale: number
}

interface Case {
  readonly anchor: JourneyStop
  readonly journey: Journey
  readonly atMs: number
  readonly finalStop: JourneyStop
  readonly baselineMs: number
}

function finalArrivalOf(journey: Journey): JourneyStop | undefined {
  return [...journey.stops].reverse().find((s) => s.typeCode === 'ARRI')
}

function casesAt(journeys: readonly Journey[], h: EtaHorizon): Case[] {
  const cases: Case[] = []
  for (const journey of journeys) {
    const finalStop = finalArrivalOf(journey)
    const stop = journey.stops.find(
      (s) => s.typeCode === h.typeCode && s.UNLocationCode === h.UNLocationCode,
    )
    if (finalStop === undefined || stop === undefined || stop === finalStop) continue
    if (stop.actualMs === undefined || finalStop.actualMs === undefined) continue
    if (stop.plannedMs === undefined || finalStop.plannedMs === undefined) continue
    // Schedule baseline: the time the schedule allows from this milestone to the final arrival.
    const baselineMs = stop.actualMs + (finalStop.plannedMs - stop.plannedMs)
    cases.push({
      anchor: stop,
      journey: journeyAsOf(journey, stop.actualMs),
      atMs: stop.actualMs,
      finalStop,
      baselineMs,
    })
  }
  return cases
}

/**
 * Split-conformal calibration of the P10–P90 band: on journeys the model did not learn from,
 * finds the scale of the band around P50 that covers `coverage` of the actual final arrivals,
 * where the raw band's coverage there is significantly off (else the scale stays 1).
 */
export function calibrateEtaModel(
  model: EtaModel,
  journeys: readonly Journey[],
  options: {
    readonly horizons?: readonly EtaHorizon[]
    readonly coverage?: number
    readonly minCases?: number
  } = {},
): EtaModel {
  const { horizons = CORRIDOR_HORIZONS, coverage = 0.8, minCases = 30 } = options
  const needed = new Map<string, number[]>()
  const all: number[] = []
  const raw = { ...model, intervalScale: 1, intervalScales: new Map<string, number>() }
  for (const h of horizons) {
    for (const c of casesAt(journeys, h)) {
      const eta = estimateEta(raw, c.journey, { nowMs: c.atMs, samples: 400 }).finalArrival
      if (eta === undefined) continue
      const actual = c.finalStop.actualMs as number
      const p50 = Date.parse(eta.p50)
      const side = actual >= p50 ? Date.parse(eta.p90) - p50 : p50 - Date.parse(eta.p10)
      const scale = side > 0 ? Math.abs(actual - p50) / side : actual === p50 ? 0 : 10
      const key = anchorKeyOf(c.anchor)
      needed.set(key, [...(needed.get(key) ?? []), scale])
      all.push(scale)
    }
  }
  // The raw band is kept unless the held-out journeys show it misses `coverage` by more than three
  // binomial standard errors: rescaling a band that is right, on a hundred or so journeys of
  // another season, only adds their sampling noise (at two, it narrowed the Singapore band on 3
  // of 7 simulated histories and lost 4–6 points of coverage in the test period).
  const conformal = (xs: number[]): number => {
    xs.sort((a, b) => a - b)
    const rawCoverage = cdfOfSorted(xs, 1)
    if (Math.abs(rawCoverage - coverage) <= 3 * Math.sqrt((coverage * (1 - coverage)) / xs.length))
      return 1
    return quantileOfSorted(xs, Math.min(1, (coverage * (xs.length + 1)) / xs.length))
  }
  if (all.length < minCases) return raw
  const intervalScales = new Map<string, number>()
  for (const [key, xs] of needed) if (xs.length >= minCases) intervalScales.set(key, conformal(xs))
  return { ...model, intervalScale: conformal(all), intervalScales }
}

/**
 * Trains on journeys completed before `splitMs` and tests on journeys that started after it:
 * per horizon, the mean absolute error of P50 for the final arrival, the share of actual
 * arrivals inside P10–P90, and the MAE of the schedule baseline. With `isCalibrated` (default),
 * the last fifth of the training journeys that all had time to complete calibrates the band
 * (split conformal), against a model learned from the journeys completed before them.
 */
export function evaluateEta(options: {
  readonly journeys: readonly Journey[]
  readonly splitMs: number
  readonly horizons?: readonly EtaHorizon[]
  readonly isCalibrated?: boolean
}): EtaEvaluation {
  const { journeys, splitMs, horizons = CORRIDOR_HORIZONS, isCalibrated = true } = options
  const completed = journeys.filter(isCompleted)
  const train = completed
    .filter((j) => (finalArrivalOf(j)?.actualMs ?? Infinity) < splitMs)
    .sort((a, b) => (a.stops[0]?.actualMs ?? 0) - (b.stops[0]?.actualMs ?? 0))
  const test = completed.filter((j) => (j.stops[0]?.actualMs ?? -Infinity) >= splitMs)
  let model: EtaModel
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
    const proper = learnEtaModel({
      journeys: train.filter((j) => (finalArrivalOf(j)?.actualMs ?? Infinity) < heldFromMs),
    })
    const calibrated = calibrateEtaModel(proper, held, { horizons })
    model = {
      ...learnEtaModel({ journeys: train }),
      intervalScale: calibrated.intervalScale,
      intervalScales: calibrated.intervalScales,
    }
  } else {
    model = learnEtaModel({ journeys: train })
  }
  const results = horizons.map((h): HorizonResult => {
    let abs = 0
    let baseAbs = 0
    let covered = 0
    let n = 0
    for (const c of casesAt(test, h)) {
      const eta = estimateEta(model, c.journey, { nowMs: c.atMs }).finalArrival
      if (eta === undefined) continue
      const actual = c.finalStop.actualMs as number
      abs += Math.abs(Date.parse(eta.p50) - actual)
      baseAbs += Math.abs(c.baselineMs - actual)
      if (Date.parse(eta.p10) <= actual && actual <= Date.parse(eta.p90)) covered++
      n++
    }
    const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d
    return {
      horizon: h.horizon,
      shipments: n,
      maeHoursP50: n > 0 ? round(abs / n / HOUR, 1) : 0,
      baselineMaeHours: n > 0 ? round(baseAbs / n / HOUR, 1) : 0,
      coverageP10P90: n > 0 ? round(covered / n, 3) : 0,
    }
  })
  return {
    horizons: results,
    trainShipments: train.length,
    testShipments: test.length,
    intervalScale: Math.round(model.intervalScale * 1000) / 1000,
  }
}
