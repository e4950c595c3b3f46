import { createRandom } from '../simulation/random.js'
import { formatEventTime } from '../tracking/event-time.js'
import { anchorKeyOf, seasonOf, segmentFor, weekBinOf, type EtaModel } from './eta-model.js'
import {
  destinationOf,
  horizonKey,
  routeOf,
  segmentKey,
  type Journey,
  type JourneyStop,
} from './journey.js'
import type { Nowcast } from './nowcast.js'
import type { AppliedCalibration, RollingCalibration } from './rolling-calibration.js'
import { cdfOfSorted, quantileOfSorted, quantilesOf } from './quantiles.js'
import { departureFromTimetable, learnedMissedShare, type Timetable } from './timetable.js'

const HOUR = 3_600_000

/** P10, P50 and P90 of a predicted time (ISO 8601 UTC). */
export interface EtaQuantiles {
  readonly p10: string
  readonly p50: string
  readonly p90: string
}

/** The prediction for one milestone still to come. */
export interface MilestoneEta extends EtaQuantiles {
  readonly typeCode: string
  readonly UNLocationCode: string
  readonly modeOfTransport: string | undefined
  /** `model` when learned; `schedule` when no history exists for a segment on the way. */
  readonly basis: 'model' | 'schedule'
}

/** An ETA estimate: P10/P50/P90 for each remaining milestone and for the final arrival. */
export interface EtaEstimate {
  readonly shipmentKey: string
  readonly predictedAt: string
  readonly milestones: readonly MilestoneEta[]
  readonly finalArrival: MilestoneEta | undefined
  /** The band scale applied and its basis, when estimated with a rolling calibration. */
  readonly calibration?: AppliedCalibration
}

/** Options of {@link estimateEta}. */
export interface EstimateEtaOptions {
  /** The moment of the estimate: elapsed time on the current segment is conditioned on. */
  readonly nowMs: number
  readonly samples?: number
  /** The present state of the corridor from other shipments' recent events (see `createNowcast`). */
  readonly nowcast?: Nowcast
  /**
   * Scales the raw band (the model's own scales ignored) by the rolling calibration's scale of the
   * journey's route and anchor at `nowMs` (see `createRollingCalibration`); P50 never moves.
   */
  readonly calibration?: RollingCalibration
}

/**
 * Estimates the remaining milestones of a journey: Monte Carlo over the learned segment
 * distributions (stratified, seeded, so the same input gives the same answer), the current
 * segment conditioned on the time already spent in it. Re-run on every new event.
 */
export function estimateEta(
  model: EtaModel,
  journey: Journey,
  options: EstimateEtaOptions,
): EtaEstimate {
  const { nowMs, samples = 1000, nowcast, calibration } = options
  const stops = journey.stops
  let last = -1
  stops.forEach((s, i) => {
    if (s.actualMs !== undefined) last = i
  })
  const empty = { shipmentKey: journey.shipmentKey, predictedAt: formatEventTime(nowMs) }
  if (last === stops.length - 1) return { ...empty, milestones: [], finalArrival: undefined }
  const anchor = stops[Math.max(0, last)] as JourneyStop
  const startMs =
    last >= 0 ? (anchor.actualMs as number) : Math.max(anchor.plannedMs ?? nowMs, nowMs)
  const destination = destinationOf(journey)
  const scratch = new Float64Array(samples)
  let stratum = 0
  const cumulative = new Float64Array(samples).fill(startMs)
  const milestones: MilestoneEta[] = []
  let basis: 'model' | 'schedule' = 'model'
  const anchorKey = anchorKeyOf(anchor)
  const applied = calibration?.calibrationOf(routeOf(journey), anchorKey, nowMs)
  const scale =
    applied?.scale ??
    model.intervalScales.get(horizonKey(routeOf(journey), anchorKey)) ??
    model.intervalScales.get(anchorKey) ??
    model.intervalScale
  for (let i = Math.max(0, last) + 1, first = true; i < stops.length; i++, first = false) {
    const from = stops[i - 1] as JourneyStop
    const to = stops[i] as JourneyStop
    const segment = segmentFor(model, destination, segmentKey(from, to))
    if (segment === undefined || segment.hours.length === 0) {
      basis = 'schedule'
      const plannedH =
        from.plannedMs !== undefined && to.plannedMs !== undefined
          ? Math.max(0, to.plannedMs - from.plannedMs)
          : 0
      for (let k = 0; k < samples; k++) cumulative[k] = (cumulative[k] as number) + plannedH
    } else {
      // Progress: a segment under way has lasted at least the time elapsed in it.
      const elapsedH = first && last >= 0 ? Math.max(0, (nowMs - startMs) / HOUR) : 0
      const strata = strataOf(samples, stratum++)
      const timetable = segment.timetable
      const medianHours = quantileOfSorted(segment.hours, 0.5)
      const shift = nowcast?.shiftOf(destination, segmentKey(from, to), nowMs)
      const missedShareOf =
        timetable === undefined
          ? undefined
          : missedShareOfNowcast(nowcast, from, to, nowMs, timetable)
      for (let k = 0; k < samples; k++) {
        const u0 = strata[k] as number
        const weight = shift === undefined ? 0 : shift.weightAt(cumulative[k] as number)
        const shiftNowH = shift === undefined ? 0 : shift.hours * weight
        if (timetable !== undefined) {
          const start = cumulative[k] as number
          const notBefore = first && last >= 0 ? nowMs : start
          // A late-running dwell (rolled boxes, blank sailings) makes the box ready that much later.
          const arrivalMs = start + shiftNowH * HOUR
          cumulative[k] = departureFromTimetable(timetable, arrivalMs, notBefore, u0, missedShareOf)
          continue
        }
        // Each sample starts the segment at its own time, so it waits for its own sailing.
        const dist =
          segment.byWeekBin[weekBinOf(cumulative[k] as number)] ??
          segment.byMonth[seasonOf(cumulative[k] as number, medianHours)] ??
          segment.hours
        const floor = elapsedH > 0 ? cdfOfSorted(dist, elapsedH) : 0
        const u = floor + (1 - floor) * u0
        // Known evidence (a departure's residual) narrows the spread by the share it explains.
        const spread =
          shift === undefined ? 1 : Math.sqrt(1 - weight * weight * shift.explainedShare)
        const medianH = spread === 1 ? 0 : quantileOfSorted(dist, 0.5)
        const drawH = medianH + spread * (quantileOfSorted(dist, u) - medianH)
        const h = Math.max(drawH + shiftNowH, elapsedH, 0)
        cumulative[k] = (cumulative[k] as number) + h * HOUR
      }
    }
    const [q10, p50, q90] = quantilesOf(cumulative, [0.1, 0.5, 0.9], scratch) as [
      number,
      number,
      number,
    ]
    const p10 = p50 - scale * (applied?.lowerFactor ?? 1) * (p50 - q10)
    const p90 = p50 + scale * (applied?.upperFactor ?? 1) * (q90 - p50)
    milestones.push({
      typeCode: to.typeCode,
      UNLocationCode: to.UNLocationCode,
      modeOfTransport: to.modeOfTransport,
      basis,
      p10: formatEventTime(Math.max(p10, nowMs)),
      p50: formatEventTime(Math.max(p50, nowMs)),
      p90: formatEventTime(Math.max(p90, nowMs)),
    })
  }
  const finalArrival = [...milestones].reverse().find((m) => m.typeCode === 'ARRI')
  return { ...empty, milestones, finalArrival, ...(applied ? { calibration: applied } : {}) }
}

/**
 * The share of boxes missing their first feasible departure at a dwell with a timetable, as the
 * nowcast's recent rate says for a box of this route ready then: the place's present share (moved
 * to the route's learned one by odds) at full weight, blended with the learned share as the weight
 * fades; undefined (the learned skips) where there is none.
 */
function missedShareOfNowcast(
  nowcast: Nowcast | undefined,
  from: JourneyStop,
  to: JourneyStop,
  nowMs: number,
  timetable: Timetable,
): ((readyMs: number) => number | undefined) | undefined {
  const rate = nowcast?.skipRateOf?.(segmentKey(from, to), nowMs)
  if (rate === undefined) return undefined
  return (readyMs) => {
    const w = rate.weightAt(readyMs)
    if (w === 0) return undefined
    const learned = learnedMissedShare(timetable, readyMs)
    return w * rate.shareFor(learned) + (1 - w) * learned
  }
}

/**
 * The stratified quantiles of the `ordinal`-th segment an estimate draws: (k + ½)/n in a seeded
 * random order, a fresh order per segment. Every estimate draws the same sequence, so it is made
 * once per sample count and kept.
 */
const strataCache = new Map<
  number,
  { readonly next: () => number; readonly orders: Float64Array[] }
>()

function strataOf(samples: number, ordinal: number): Float64Array {
  let c = strataCache.get(samples)
  if (c === undefined)
    strataCache.set(samples, (c = { next: createRandom({ seed: 0x5eed }).next, orders: [] }))
  while (c.orders.length <= ordinal) {
    const p = new Uint32Array(samples)
    for (let i = 0; i < samples; i++) p[i] = i
    for (let i = samples - 1; i > 0; i--) {
      const j = Math.floor(c.next() * (i + 1))
      const t = p[i] as number
      p[i] = p[j] as number
      p[j] = t
    }
    c.orders.push(Float64Array.from(p, (k) => (k + 0.5) / samples))
  }
  return c.orders[ordinal] as Float64Array
}
