import {
  destinationOf,
  isCompleted,
  segmentKey,
  type Journey,
  type JourneyStop,
} from './journey.js'
import { utcMonthOf } from './calendar.js'
import { learnDepartureCarry, type DepartureCarry } from './departure-carry.js'
import { ksDiffers, quantileOfSorted } from './quantiles.js'
import { monthShrinkageHours } from './season-shrinkage.js'
import {
  departureFromTimetable,
  learnCutoffMs,
  learnTimetable,
  routeTimetable,
  type Timetable,
} from './timetable.js'

const HOUR = 3_600_000

export { utcMonthOf }

/** Learned transit or dwell times of one segment (hours, ascending), overall and by season. */
export interface SegmentDistribution {
  readonly key: string
  readonly hours: Float64Array
  /**
   * Per UTC month (0–11): the samples typically ending in it (start plus the median duration),
   * kept only where they differ from the other months' (two-sample KS, 5% over the 12 months)
   * and are numerous enough, their level shrunk toward the whole as far as the month's evidence
   * is not independent departures (`monthShrinkageHours`).
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
  /**
   * Per segment key (over routes), how a departure's residual carries over to the next departures
   * where the training history shows it does (see `learnDepartureCarry`).
   */
  readonly departureCarries: ReadonlyMap<string, DepartureCarry>
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
  /**
   * Learn how departures carry their residual over to the next ones (`departureCarries`, used by
   * the nowcast). Off by default: it fixed `vessel-bunching` but cost `congestion-regimes`, a
   * port's state rather than a departure's (docs/tracking.md, ETA).
   */
  readonly isDepartureCarry?: boolean
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
 * With `isSameSpan`, a window is compared with the samples outside it that started within its own
 * span of dates: when a sailing moves to another weekday, the new weekday's sea legs all come from
 * the months since, and would otherwise pass for a time-of-week effect (and hide the season).
 */
function windowsThatDiffer(
  s: SegmentSamples,
  windowOf: (startMs: number) => number,
  windows: number,
  radius: number,
  minSamples: number,
  isSameSpan = false,
): (Float64Array | undefined)[] {
  const of = s.starts.map(windowOf)
  const result: (Float64Array | undefined)[] = []
  for (let w = 0; w < windows; w++) {
    const isInside = of.map((x) => {
      const d = Math.abs(x - w)
      return Math.min(d, windows - d) <= radius
    })
    let [fromMs, toMs] = [-Infinity, Infinity]
    if (isSameSpan) {
      const insideStarts = s.starts.filter((_, i) => isInside[i])
      fromMs = Math.min(...insideStarts)
      toMs = Math.max(...insideStarts)
    }
    const inside: number[] = []
    const outside: number[] = []
    s.hours.forEach((h, i) => {
      if (isInside[i]) inside.push(h)
      else if ((s.starts[i] as number) >= fromMs && (s.starts[i] as number) <= toMs) outside.push(h)
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
    recentMs: number | undefined
  },
  timetableOf: (s: SegmentSamples) => Timetable | undefined,
): SegmentDistribution {
  const hours = recentIfChanged(s, options.recentMs)
  const medianHours = quantileOfSorted(hours, 0.5)
  const timetable = timetableOf(s)
  const none = (n: number) => Array.from({ length: n }, () => undefined)
  // A timetable decides departures by itself: week bins would only repeat it, less precisely.
  const byWeekBin =
    timetable === undefined
      ? windowsThatDiffer(s, weekBinOf, WEEK_BINS, 1, 20, true)
      : none(WEEK_BINS)
  const monthOf = (t: number) => seasonOf(t, medianHours)
  const windows = options.isSeasonal
    ? windowsThatDiffer(s, monthOf, 12, 0, options.minSeasonSamples)
    : none(12)
  // A kept window keeps only as much of its level as independent evidence supports.
  const shifts = windows.some((w) => w !== undefined) ? monthShrinkageHours(s, monthOf) : []
  const byMonth = windows.map((w, m) => {
    const shift = shifts[m] ?? 0
    return w === undefined || shift === 0 ? w : w.map((h) => h - shift)
  })
  return { key, hours, byMonth, byWeekBin, ...(timetable ? { timetable } : {}) }
}

/**
 * The month a segment starting at `startMs` belongs to: the month it typically ends in (start plus
 * the median duration), as what a season changes is mostly the arrival (port congestion).
 */
export function seasonOf(startMs: number, medianHours: number): number {
  return utcMonthOf(startMs + medianHours * HOUR)
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
    isDepartureCarry = false,
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
    const own = (x: SegmentSamples) =>
      cutoffMs === undefined ? undefined : learnTimetable(x.starts, x.ends, cutoffMs)
    const options = { isSeasonal, minSeasonSamples, recentMs }
    const pooled = distributionOf(key, s, options, own)
    segments.set(key, pooled)
    // A route's dwell keeps to the place's sailings (learned from every box) where there are.
    const place = pooled.timetable
    const ofRoute = (x: SegmentSamples) =>
      place === undefined ? own(x) : routeTimetable(place, s.ends, x.starts, x.ends)
    const routes = byRoute.get(key) as Map<string, SegmentSamples>
    for (const [destination, r] of routes) {
      if (r.hours.length < minRouteSamples) continue
      const route = distributionOf(routeKey(destination, key), r, options, ofRoute)
      const others = [...routes].flatMap(([d, o]) => (d === destination ? [] : o.hours))
      // The route is its own segment only where it differs: elsewhere the pool is more precise.
      const isDifferent =
        slotsDiffer(route.timetable, pooled.timetable) ||
        ksDiffers(route.hours, sorted(others), 0.01)
      if (isDifferent) segments.set(route.key, route)
    }
  }
  const model = {
    segments,
    journeyCount,
    intervalScale: 1,
    intervalScales: new Map<string, number>(),
    departureCarries: new Map<string, DepartureCarry>(),
  }
  if (!isDepartureCarry) return model
  for (const [key, boxes] of boxResidualsOf(model, journeys.filter(isCompleted))) {
    // A dwell with a timetable is late by whole sailings missed, which its skips already model:
    // a carried mean in hours moved every path's ready time past a cut-off (missed connections).
    if (segments.get(key)?.timetable !== undefined) continue
    const carry = learnDepartureCarry(boxes.filter((b) => b.endMs !== undefined))
    if (carry !== undefined) model.departureCarries.set(key, carry)
  }
  return model
}

/** A box on one segment: its route, its start and, once ended, its end and residual (hours). */
export interface SegmentBox {
  readonly destination: string
  readonly startMs: number
  readonly endMs: number | undefined
  /** Actual end minus the model's median end for this start; 0 while under way. */
  readonly residualHours: number
  /** The model's median end for this start (when the box is due); else end − residual. */
  readonly dueMs?: number
}

/** A segment a journey has started, with the distribution the model uses for it. */
export interface StartedSegment {
  readonly key: string
  readonly destination: string
  readonly segment: SegmentDistribution
  readonly startMs: number
  readonly endMs: number | undefined
}

/** Every segment of `journeys` that has started and that the model knows, journey by journey. */
export function* startedSegmentsOf(
  model: EtaModel,
  journeys: readonly Journey[],
): Generator<StartedSegment> {
  for (const journey of journeys) {
    const destination = destinationOf(journey)
    for (let i = 0; i + 1 < journey.stops.length; i++) {
      const from = journey.stops[i] as JourneyStop
      const to = journey.stops[i + 1] as JourneyStop
      if (from.actualMs === undefined) continue
      const key = segmentKey(from, to)
      const segment = segmentFor(model, destination, key)
      if (segment === undefined) continue
      yield { key, destination, segment, startMs: from.actualMs, endMs: to.actualMs }
    }
  }
}

/**
 * Every box that started a segment the model knows, per segment key (over routes), in start
 * order.
 */
export function boxResidualsOf(
  model: EtaModel,
  journeys: readonly Journey[],
): Map<string, SegmentBox[]> {
  const boxes = new Map<string, SegmentBox[]>()
  for (const { key, destination, segment, startMs, endMs } of startedSegmentsOf(model, journeys)) {
    const dueMs = typicalEndMs(segment, startMs)
    const residualHours = endMs === undefined ? 0 : (endMs - dueMs) / HOUR
    let list = boxes.get(key)
    if (list === undefined) boxes.set(key, (list = []))
    list.push({ destination, startMs, endMs, residualHours, dueMs })
  }
  for (const list of boxes.values()) list.sort((a, b) => a.startMs - b.startMs)
  return boxes
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

/** The distribution the model uses for a segment of a route: the route's own, else the pooled. */
export function segmentFor(
  model: EtaModel,
  destination: string,
  key: string,
): SegmentDistribution | undefined {
  return model.segments.get(routeKey(destination, key)) ?? model.segments.get(key)
}
