import { createRandom } from '../simulation/random.js'
import { formatEventTime } from '../tracking/event-time.js'
import { isCompleted, segmentKey, type Journey, type JourneyStop } from './journey.js'
import { cdfOfSorted, ksDiffers, quantileOfSorted } from './quantiles.js'
import { departureFromTimetable, learnTimetable, type Timetable } from './timetable.js'

const HOUR = 3_600_000

/** Learned transit or dwell times of one segment (hours, ascending), overall and by season. */
export interface SegmentDistribution {
  readonly key: string
  readonly hours: Float64Array
  /**
   * Per UTC month (0–11): the samples starting within a month of it, kept only where they
   * differ from the overall distribution (two-sample KS at 5%) and are numerous enough.
   */
  readonly byMonth: readonly (Float64Array | undefined)[]
  /**
   * Per 4-hour bin of the week (0–41, UTC, from Sunday 00:00): the samples starting within
   * 4 hours of it, kept where they differ from the overall distribution. This is how a wait for
   * a weekly sailing or a daily train is learned from the data rather than from a timetable.
   */
  readonly byWeekBin: readonly (Float64Array | undefined)[]
  /** For a dwell at one place (arrival → departure), the departure timetable when there is one. */
  readonly timetable?: Timetable
}

const WEEK_BINS = 42
const WEEK_BIN_MS = 4 * HOUR

/** The 4-hour bin of the week (UTC, Sunday 00:00 = 0) a time falls in. */
export function weekBinOf(ms: number): number {
  // 1970-01-01 was a Thursday: shift by 4 days so bin 0 starts on a Sunday.
  const sinceSunday = (ms + 4 * 24 * HOUR) % (7 * 24 * HOUR)
  return Math.floor((sinceSunday < 0 ? sinceSunday + 7 * 24 * HOUR : sinceSunday) / WEEK_BIN_MS)
}

/** Segment key qualified by the journey's final destination (the route). */
function routeKey(destination: string, key: string): string {
  return `${destination} | ${key}`
}

/** Per-segment distributions learned from completed journeys. */
export interface EtaModel {
  readonly segments: ReadonlyMap<string, SegmentDistribution>
  readonly journeyCount: number
  /** Multiplier on the P10/P90 distances from P50, set by calibration (1 = raw). */
  readonly intervalScale: number
  /** The same multiplier per anchor (the last milestone reached, see {@link anchorKeyOf}). */
  readonly intervalScales: ReadonlyMap<string, number>
}

/** The key of the last milestone reached, e.g. `ARRI VESSEL SGSIN`: what calibration is per. */
export function anchorKeyOf(stop: JourneyStop): string {
  return `${stop.typeCode} ${stop.modeOfTransport ?? '-'} ${stop.UNLocationCode}`
}

/** Options of {@link learnEtaModel}. */
export interface LearnEtaOptions {
  readonly journeys: readonly Journey[]
  readonly isSeasonal?: boolean
  readonly minSeasonSamples?: number
  readonly minRouteSamples?: number
}

/**
 * Learns the transit and dwell time distribution of every segment (between consecutive
 * arrivals and departures: rail leg, port dwell, sea leg, transshipment, onward leg) from
 * completed journeys, by route position, place and mode, and by season where the data shows one.
 */
export function learnEtaModel(options: LearnEtaOptions): EtaModel {
  const { journeys, isSeasonal = true, minSeasonSamples = 40, minRouteSamples = 30 } = options
  const samples = new Map<
    string,
    { hours: number[]; months: number[]; bins: number[]; starts: number[]; ends: number[] }
  >()
  const add = (key: string, hours: number, startMs: number) => {
    let s = samples.get(key)
    if (s === undefined) {
      s = { hours: [], months: [], bins: [], starts: [], ends: [] }
      samples.set(key, s)
    }
    s.starts.push(startMs)
    s.ends.push(startMs + hours * HOUR)
    s.hours.push(hours)
    s.months.push(new Date(startMs).getUTCMonth())
    s.bins.push(weekBinOf(startMs))
  }
  let journeyCount = 0
  for (const journey of journeys) {
    if (!isCompleted(journey)) continue
    journeyCount++
    const destination = destinationOf(journey)
    for (let i = 0; i + 1 < journey.stops.length; i++) {
      const from = journey.stops[i] as JourneyStop
      const to = journey.stops[i + 1] as JourneyStop
      const key = segmentKey(from, to)
      const hours = ((to.actualMs as number) - (from.actualMs as number)) / HOUR
      add(key, hours, from.actualMs as number)
      add(routeKey(destination, key), hours, from.actualMs as number)
    }
  }
  const segments = new Map<string, SegmentDistribution>()
  for (const [key, s] of samples) {
    if (key.includes(' | ') && s.hours.length < minRouteSamples) continue
    const hours = Float64Array.from(s.hours).sort()
    const byWeekBin: (Float64Array | undefined)[] = []
    for (let b = 0; b < WEEK_BINS; b++) {
      const window = s.hours.filter((_, i) => {
        const d = Math.abs((s.bins[i] as number) - b)
        return Math.min(d, WEEK_BINS - d) <= 1
      })
      const sorted = Float64Array.from(window).sort()
      byWeekBin.push(sorted.length >= 20 && ksDiffers(sorted, hours) ? sorted : undefined)
    }
    const byMonth: (Float64Array | undefined)[] = []
    for (let m = 0; m < 12; m++) {
      if (!isSeasonal) {
        byMonth.push(undefined)
        continue
      }
      const window = s.hours.filter((_, i) => {
        const d = Math.abs((s.months[i] as number) - m)
        return Math.min(d, 12 - d) <= 1
      })
      const sorted = Float64Array.from(window).sort()
      byMonth.push(
        sorted.length >= minSeasonSamples && ksDiffers(sorted, hours) ? sorted : undefined,
      )
    }
    const generic = key.includes(' | ') ? key.slice(key.indexOf(' | ') + 3) : key
    const [from, to] = generic.split(' > ')
    const isDwell =
      from?.startsWith('ARRI ') === true &&
      to?.startsWith('DEPA ') === true &&
      from.split(' ')[2] === to.split(' ')[2]
    const timetable = isDwell ? learnTimetable(s.starts, s.ends) : undefined
    segments.set(key, { key, hours, byMonth, byWeekBin, ...(timetable ? { timetable } : {}) })
  }
  return { segments, journeyCount, intervalScale: 1, intervalScales: new Map() }
}

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
}

/** Options of {@link estimateEta}. */
export interface EstimateEtaOptions {
  /** The moment of the estimate: elapsed time on the current segment is conditioned on. */
  readonly nowMs: number
  readonly samples?: number
}

function destinationOf(journey: Journey): string {
  return [...journey.stops].reverse().find((s) => s.typeCode === 'ARRI')?.UNLocationCode ?? '-'
}

function segmentFor(
  model: EtaModel,
  destination: string,
  key: string,
): SegmentDistribution | undefined {
  return model.segments.get(routeKey(destination, key)) ?? model.segments.get(key)
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
  const { nowMs, samples = 1000 } = options
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
  const month = new Date(startMs).getUTCMonth()
  const destination = destinationOf(journey)
  const rng = createRandom({ seed: 0x5eed })
  const cumulative = new Float64Array(samples).fill(startMs)
  const milestones: MilestoneEta[] = []
  let basis: 'model' | 'schedule' = 'model'
  const scale = model.intervalScales.get(anchorKeyOf(anchor)) ?? model.intervalScale
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
      const seasonal = segment.byMonth[month] ?? segment.hours
      const order = permutation(samples, rng.next)
      const timetable = segment.timetable
      for (let k = 0; k < samples; k++) {
        const u0 = ((order[k] as number) + 0.5) / samples
        if (timetable !== undefined) {
          const start = cumulative[k] as number
          const notBefore = first && last >= 0 ? nowMs : start
          cumulative[k] = departureFromTimetable(timetable, start, notBefore, u0)
          continue
        }
        // Each sample starts the segment at its own time, so it waits for its own sailing.
        const dist = segment.byWeekBin[weekBinOf(cumulative[k] as number)] ?? seasonal
        const floor = elapsedH > 0 ? cdfOfSorted(dist, elapsedH) : 0
        const u = floor + (1 - floor) * u0
        const h = Math.max(quantileOfSorted(dist, u), elapsedH)
        cumulative[k] = (cumulative[k] as number) + h * HOUR
      }
    }
    const sorted = Float64Array.from(cumulative).sort()
    const p50 = quantileOfSorted(sorted, 0.5)
    const p10 = p50 - scale * (p50 - quantileOfSorted(sorted, 0.1))
    const p90 = p50 + scale * (quantileOfSorted(sorted, 0.9) - p50)
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
  return { ...empty, milestones, finalArrival }
}

function permutation(n: number, next: () => number): Uint32Array {
  const p = new Uint32Array(n)
  for (let i = 0; i < n; i++) p[i] = i
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    const t = p[i] as number
    p[i] = p[j] as number
    p[j] = t
  }
  return p
}
