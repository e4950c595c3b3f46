import { createRandom } from '../simulation/random.js'
import { formatEventTime } from '../tracking/event-time.js'
import type { Nowcast } from './nowcast.js'
import {
  destinationOf,
  horizonKey,
  isCompleted,
  routeOf,
  segmentKey,
  type Journey,
  type JourneyStop,
} from './journey.js'
import { cdfOfSorted, ksDiffers, quantileOfSorted } from './quantiles.js'
import {
  departureFromTimetable,
  learnCutoffMs,
  learnTimetable,
  type Timetable,
} from './timetable.js'

const HOUR = 3_600_000

/** Learned transit or dwell times of one segment (hours, ascending), overall and by season. */
export interface SegmentDistribution {
  readonly key: string
  readonly hours: Float64Array
  /**
   * Per UTC month (0–11): the samples typically ending in it (start plus the median duration),
   * kept only where they differ from the other months' (two-sample KS, 5% over the 12 months)
   * and are numerous enough.
   */
  readonly byMonth: readonly (Float64Array | undefined)[]
  /**
   * Per 4-hour bin of the week (0–41, UTC, from Sunday 00:00): the samples starting within
   * 4 hours of it, kept where they differ from the rest (5% over the 42 bins). This is how a wait
   * for a weekly sailing or a daily train is learned where no timetable is (a dwell with a
   * timetable has none).
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
  /**
   * The same multiplier per route and anchor (`horizonKey`) and per anchor over routes (the last
   * milestone reached, see {@link anchorKeyOf}); the most specific one known applies.
   */
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
  /**
   * Change-point window, days: where a segment's samples that started in the last `recentDays`
   * (before the latest start) differ from the older ones (two-sample KS at 1%, ≥ 60 on each
   * side), its base distribution is the recent samples only. Off when undefined.
   */
  readonly recentDays?: number
}

interface SegmentSamples {
  readonly hours: number[]
  readonly starts: number[]
  readonly ends: number[]
}

function isDwellKey(key: string): boolean {
  const [from, to] = key.split(' > ')
  return (
    from?.startsWith('ARRI ') === true &&
    to?.startsWith('DEPA ') === true &&
    from.split(' ')[2] === to.split(' ')[2]
  )
}

function sorted(xs: readonly number[]): Float64Array {
  return Float64Array.from(xs).sort()
}

/**
 * The samples starting in each window (a month, a 4-hour bin of the week) and its neighbours,
 * kept where they differ from the samples outside the window. α is divided by the number of
 * windows (Bonferroni): tested at 5% each, 42 week bins would find two differences in pure noise.
 */
function windowsThatDiffer(
  s: SegmentSamples,
  windowOf: (startMs: number) => number,
  windows: number,
  radius: number,
  minSamples: number,
): (Float64Array | undefined)[] {
  const of = s.starts.map(windowOf)
  const result: (Float64Array | undefined)[] = []
  for (let w = 0; w < windows; w++) {
    const inside: number[] = []
    const outside: number[] = []
    s.hours.forEach((h, i) => {
      const d = Math.abs((of[i] as number) - w)
      if (Math.min(d, windows - d) <= radius) inside.push(h)
      else outside.push(h)
    })
    const window = sorted(inside)
    const isDifferent =
      window.length >= minSamples && ksDiffers(window, sorted(outside), 0.05 / windows)
    result.push(isDifferent ? window : undefined)
  }
  return result
}

/** The samples of the last `recentMs` where they differ from the older ones, else all of them. */
function recentIfChanged(s: SegmentSamples, recentMs: number | undefined): Float64Array {
  const all = sorted(s.hours)
  if (recentMs === undefined) return all
  let latest = -Infinity
  for (const t of s.starts) latest = Math.max(latest, t)
  const recent: number[] = []
  const older: number[] = []
  s.hours.forEach((h, i) => ((s.starts[i] as number) >= latest - recentMs ? recent : older).push(h))
  if (recent.length < 60 || older.length < 60) return all
  const r = sorted(recent)
  return ksDiffers(r, sorted(older), 0.01) ? r : all
}

function distributionOf(
  key: string,
  s: SegmentSamples,
  options: {
    isSeasonal: boolean
    minSeasonSamples: number
    cutoffMs: number | undefined
    recentMs: number | undefined
  },
): SegmentDistribution {
  const hours = recentIfChanged(s, options.recentMs)
  const medianHours = quantileOfSorted(hours, 0.5)
  const timetable =
    options.cutoffMs === undefined ? undefined : learnTimetable(s.starts, s.ends, options.cutoffMs)
  const none = (n: number) => Array.from({ length: n }, () => undefined)
  // A timetable decides departures by itself: week bins would only repeat it, less precisely.
  const byWeekBin =
    timetable === undefined ? windowsThatDiffer(s, weekBinOf, WEEK_BINS, 1, 20) : none(WEEK_BINS)
  const byMonth = options.isSeasonal
    ? windowsThatDiffer(s, (t) => seasonOf(t, medianHours), 12, 0, options.minSeasonSamples)
    : none(12)
  return { key, hours, byMonth, byWeekBin, ...(timetable ? { timetable } : {}) }
}

/**
 * The month a segment starting at `startMs` belongs to: the month it typically ends in (start plus
 * the median duration), as what a season changes is mostly the arrival (port congestion).
 */
function seasonOf(startMs: number, medianHours: number): number {
  return utcMonthOf(startMs + medianHours * HOUR)
}

/**
 * The UTC month (0–11) of a time, without allocating a Date (it runs for every Monte Carlo path):
 * H. Hinnant's days-to-civil algorithm, https://howardhinnant.github.io/date_algorithms.html.
 */
export function utcMonthOf(ms: number): number {
  const z = Math.floor(ms / 86_400_000) + 719_468
  const doe = z - Math.floor(z / 146_097) * 146_097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  return mp < 10 ? mp + 2 : mp - 10
}

function slotsDiffer(a: Timetable | undefined, b: Timetable | undefined): boolean {
  if (a === undefined || b === undefined) return a !== b
  return a.slotsMs.length !== b.slotsMs.length || a.slotsMs.some((x, i) => x !== b.slotsMs[i])
}

/**
 * Learns the transit and dwell time distribution of every segment (between consecutive
 * arrivals and departures: rail leg, port dwell, sea leg, transshipment, onward leg) from
 * completed journeys, by place and mode; by route (final destination) where that route's
 * samples differ from the other routes' (a connecting service), by season and by time of week
 * where the data shows it. A dwell at a port gets the port's cut-off, learned from every route.
 */
export function learnEtaModel(options: LearnEtaOptions): EtaModel {
  const {
    journeys,
    isSeasonal = true,
    minSeasonSamples = 40,
    minRouteSamples = 30,
    recentDays,
  } = options
  const recentMs = recentDays === undefined ? undefined : recentDays * 24 * HOUR
  const generic = new Map<string, SegmentSamples>()
  const byRoute = new Map<string, Map<string, SegmentSamples>>()
  const add = (map: Map<string, SegmentSamples>, key: string, startMs: number, endMs: number) => {
    let s = map.get(key)
    if (s === undefined) {
      s = { hours: [], starts: [], ends: [] }
      map.set(key, s)
    }
    s.starts.push(startMs)
    s.ends.push(endMs)
    s.hours.push((endMs - startMs) / HOUR)
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
      add(generic, key, from.actualMs as number, to.actualMs as number)
      let routes = byRoute.get(key)
      if (routes === undefined) byRoute.set(key, (routes = new Map()))
      add(routes, destination, from.actualMs as number, to.actualMs as number)
    }
  }
  const segments = new Map<string, SegmentDistribution>()
  for (const [key, s] of generic) {
    const cutoffMs = isDwellKey(key) ? learnCutoffMs(s.starts, s.ends) : undefined
    const pooled = distributionOf(key, s, { isSeasonal, minSeasonSamples, cutoffMs, recentMs })
    segments.set(key, pooled)
    const routes = byRoute.get(key) as Map<string, SegmentSamples>
    for (const [destination, r] of routes) {
      if (r.hours.length < minRouteSamples) continue
      const route = distributionOf(routeKey(destination, key), r, {
        isSeasonal,
        minSeasonSamples,
        cutoffMs,
        recentMs,
      })
      const others = [...routes].flatMap(([d, o]) => (d === destination ? [] : o.hours))
      // The route is its own segment only where it differs: elsewhere the pool is more precise.
      const isDifferent =
        slotsDiffer(route.timetable, pooled.timetable) ||
        ksDiffers(route.hours, sorted(others), 0.01)
      if (isDifferent) segments.set(route.key, route)
    }
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
  /** The present state of the corridor from other shipments' recent events (see `createNowcast`). */
  readonly nowcast?: Nowcast
}

/**
 * When a segment starting at `startMs` typically ends: its timetable's median departure, or the
 * start plus the median of the distribution for that start (time of week, season).
 */
export function typicalEndMs(segment: SegmentDistribution, startMs: number): number {
  if (segment.timetable !== undefined)
    return departureFromTimetable(segment.timetable, startMs, startMs, 0.5)
  const medianHours = quantileOfSorted(segment.hours, 0.5)
  const dist =
    segment.byWeekBin[weekBinOf(startMs)] ??
    segment.byMonth[seasonOf(startMs, medianHours)] ??
    segment.hours
  return startMs + quantileOfSorted(dist, 0.5) * HOUR
}

/**
 * How much of the present shift a segment starting at `startMs` keeps: all of it within a week
 * of now, none after four (regimes seen on the corridor last weeks, not months).
 */
function nowcastWeight(startMs: number, nowMs: number): number {
  const aheadDays = (startMs - nowMs) / 86_400_000
  return aheadDays <= 7 ? 1 : aheadDays >= 28 ? 0 : (28 - aheadDays) / 21
}

/** The distribution the model uses for a segment of a route: the route's own, else the pooled. */
export function segmentFor(
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
  const { nowMs, samples = 1000, nowcast } = options
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
  const rng = createRandom({ seed: 0x5eed })
  const cumulative = new Float64Array(samples).fill(startMs)
  const milestones: MilestoneEta[] = []
  let basis: 'model' | 'schedule' = 'model'
  const anchorKey = anchorKeyOf(anchor)
  const scale =
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
      const order = permutation(samples, rng.next)
      const timetable = segment.timetable
      const medianHours = quantileOfSorted(segment.hours, 0.5)
      const shiftH = nowcast?.shiftHours(destination, segmentKey(from, to), nowMs) ?? 0
      for (let k = 0; k < samples; k++) {
        const u0 = ((order[k] as number) + 0.5) / samples
        const shiftNowH = shiftH === 0 ? 0 : shiftH * nowcastWeight(cumulative[k] as number, nowMs)
        if (timetable !== undefined) {
          const start = cumulative[k] as number
          const notBefore = first && last >= 0 ? nowMs : start
          // A late-running dwell (rolled boxes, blank sailings) makes the box ready that much later.
          cumulative[k] = departureFromTimetable(timetable, start + shiftNowH * HOUR, notBefore, u0)
          continue
        }
        // Each sample starts the segment at its own time, so it waits for its own sailing.
        const dist =
          segment.byWeekBin[weekBinOf(cumulative[k] as number)] ??
          segment.byMonth[seasonOf(cumulative[k] as number, medianHours)] ??
          segment.hours
        const floor = elapsedH > 0 ? cdfOfSorted(dist, elapsedH) : 0
        const u = floor + (1 - floor) * u0
        const h = Math.max(quantileOfSorted(dist, u) + shiftNowH, elapsedH, 0)
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
