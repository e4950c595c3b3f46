import {
  carryAtLag,
  censoredCarriedDelay,
  departuresOf,
  estimateCarriedDelay,
  medianResidualHours,
  type DepartureCarry,
  type ObservedDeparture,
} from './departure-carry.js'
import { boxResidualsOf, type EtaModel, type SegmentBox } from './eta-model.js'
import type { Journey } from './journey.js'
import { fadeOf } from './nowcast-fade.js'
import { upperBound } from './quantiles.js'
import {
  pooledWindowsOf,
  residualWindowOf,
  windowMedianAt,
  type ResidualWindow,
} from './residual-window.js'
import { createSkipNowcast, type SkipRate } from './skip-nowcast.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** How many departures back the latest one with an arrival is looked for. */
const MAX_LOOKBACK = 64
/** How many observed departures estimate the latest one's carried delay. */
const RECENT_DEPARTURES = 8

/**
 * The present state of the corridor as other shipments show it: per segment (a terminal's dwell,
 * a port's sailings, a rail line, a sea leg), how many hours later than the model expects the
 * boxes that started it at a given time will end it. A congested port, a late voyage, blank
 * sailings or rolled boxes delay every box behind them; the model, learned from completed
 * journeys, sees them weeks late.
 */
export interface Nowcast {
  /**
   * The shift of a segment of a journey to `destination`, as the corridor stands at `nowMs`;
   * undefined when recent shipments show none.
   */
  shiftOf(destination: string, key: string, nowMs: number): SegmentShift | undefined
  /**
   * The place's present share of boxes missing their first feasible departure at the dwell `key`
   * (over routes), from recent outcomes; undefined where the learned skips stand (see
   * `createSkipNowcast`). Present only with `isSkipNowcast`.
   */
  skipRateOf?(key: string, nowMs: number): SkipRate | undefined
}

/** What recent shipments say about one segment at one moment. */
export interface SegmentShift {
  /** Hours later (negative: earlier) than the model expects the latest evidence ran. */
  readonly hours: number
  /**
   * The share of a box's variance on the segment that the evidence holds at full weight (0 for a
   * window median, which says nothing of one box's spread).
   */
  readonly explainedShare: number
  /** How much of the evidence (0–1) applies to the segment when it starts at `startMs`. */
  weightAt(startMs: number): number
}

/** Options of {@link createNowcast}. */
export interface NowcastOptions {
  readonly model: EtaModel
  /** Every journey the node knows, completed or not; only actual times up to `nowMs` are used. */
  readonly journeys: readonly Journey[]
  readonly windowMs?: number
  readonly minSegments?: number
  /**
   * Nowcast the missed departures of dwells with a timetable too (`createSkipNowcast`). Off by
   * default: evaluated in issue 13 round 20, it fixed the connection it was built for and cost
   * as much elsewhere (docs/tracking.md, ETA).
   */
  readonly isSkipNowcast?: boolean
  /**
   * Where a route's own window on a segment holds fewer than `minSegments` boxes, use the window
   * of the same segment (places and mode) over every route through it, with the same test and
   * fade (`pooledWindowsOf`), its sign test counting departures rather than boxes. On by default
   * since stop 27; false: the route's own window only (issue 13 rounds 21 and 23, docs/tracking.md).
   */
  readonly isPooledWindow?: boolean
  /**
   * Count the boxes still under way after they were due (the model's median end) as evidence:
   * a window holds the boxes due in it, those not yet ended at the time since they were due (a
   * lower bound, of known sign), and a departure carry-over takes the latest departure due with
   * none of its boxes arrived as observed above that bound (`censoredCarriedDelay`). True by
   * default since issue 13 round 30; false: ended boxes only, as before.
   */
  readonly isOverdue?: boolean
}

/** A segment's departures, for the segments whose residuals carry over from one to the next. */
interface DepartureLog {
  readonly carry: DepartureCarry
  readonly startsMs: Float64Array
  readonly firstEndsMs: Float64Array
  /** Per departure, when its boxes were due (their median `dueMs`; NaN where unknown). */
  readonly duesMs: Float64Array
  /** Per departure, its ended boxes in order of end. */
  readonly ended: readonly SegmentBox[][]
}

/**
 * Builds the nowcast over the segments every journey has completed, where a segment's residual
 * is its duration minus the model's median for its start (season, time of week, timetable).
 * Where the model learned that a segment's departures carry their residual over to the next
 * ones (`EtaModel.departureCarries`), a segment's shift is the excess residual of the latest
 * departure with boxes arrived by `nowMs` (over every route, estimated from the recent departures
 * under the learned carry-over), times the carry-over at the number of departures between it and
 * the segment's start. Elsewhere it is the median residual
 * of the segments of the route that ended in the `windowMs` before `nowMs` (7 days), kept only
 * where there are `minSegments` (8) of them and a sign test says they run late or early (1%
 * two-sided: noise is not a regime), for segments starting within a week of now, fading to
 * nothing at four weeks.
 */
export function createNowcast({
  model,
  journeys,
  windowMs = 7 * DAY,
  minSegments = 8,
  isSkipNowcast = false,
  isPooledWindow = true,
  isOverdue = true,
}: NowcastOptions): Nowcast {
  const skips = isSkipNowcast ? createSkipNowcast({ model, journeys, windowMs }) : undefined
  const departureLogs = new Map<string, DepartureLog>()
  const observed = new Map<string, ResidualWindow>()
  const windowed = new Map<string, SegmentBox[]>()
  for (const [key, boxes] of boxResidualsOf(model, journeys)) {
    const carry = model.departureCarries.get(key)
    if (carry !== undefined) {
      departureLogs.set(key, departureLogOf(carry, boxes))
      continue
    }
    windowed.set(key, boxes)
    const byRoute = new Map<string, SegmentBox[]>()
    for (const b of boxes) {
      if (b.endMs === undefined && !isOverdue) continue
      const list = byRoute.get(b.destination)
      if (list) list.push(b)
      else byRoute.set(b.destination, [b])
    }
    for (const [destination, list] of byRoute) {
      observed.set(`${destination} | ${key}`, residualWindowOf(list, isOverdue))
    }
  }
  const pooled = isPooledWindow
    ? pooledWindowsOf(windowed, isOverdue)
    : new Map<string, ResidualWindow>()
  const cache = new Map<string, SegmentShift | undefined>()
  const windowShift = (id: string, key: string, nowMs: number) => {
    const o = observed.get(id)
    const own =
      o === undefined
        ? { count: 0, hours: 0, median: 0 }
        : windowMedianAt(o, nowMs, windowMs, minSegments)
    const p = pooled.get(key)
    let shift = own.hours
    if (own.count < minSegments && p !== undefined) {
      // A thin window is no test, but the leg's boxes over every route may be; the route's own few
      // boxes must not run the other way (another service may share the places).
      const leg = windowMedianAt(p, nowMs, windowMs, minSegments, true).hours
      shift = own.count === 0 || Math.sign(own.median) === Math.sign(leg) ? leg : 0
    }
    if (shift === 0) return undefined
    return {
      hours: shift,
      explainedShare: 0,
      weightAt: (startMs: number) => fadeOf(startMs, nowMs),
    }
  }
  return {
    shiftOf(destination, key, nowMs) {
      const log = departureLogs.get(key)
      const id = log === undefined ? `${destination} | ${key}` : key
      // Hourly buckets: many estimates at about the same moment share one answer.
      const bucket = `${id} @ ${Math.floor(nowMs / HOUR)}`
      if (cache.has(bucket)) return cache.get(bucket)
      const shift =
        log === undefined ? windowShift(id, key, nowMs) : departureShift(log, nowMs, isOverdue)
      cache.set(bucket, shift)
      return shift
    },
    ...(skips ? { skipRateOf: (key: string, nowMs: number) => skips.skipRateOf(key, nowMs) } : {}),
  }
}

function departureLogOf(carry: DepartureCarry, boxes: readonly SegmentBox[]): DepartureLog {
  const departures = departuresOf(boxes)
  const ended = departures.map((d) =>
    d
      .filter((b) => b.endMs !== undefined)
      .sort((a, b) => (a.endMs as number) - (b.endMs as number)),
  )
  return {
    carry,
    startsMs: Float64Array.from(departures, (d) => (d[0] as SegmentBox).startMs),
    firstEndsMs: Float64Array.from(ended, (e) => e[0]?.endMs ?? Infinity),
    duesMs: Float64Array.from(departures, (d) => {
      const dues = d.map((b) => b.dueMs ?? NaN).sort((a, b) => a - b)
      return dues[Math.floor(dues.length / 2)] as number
    }),
    ended,
  }
}

/**
 * The shift of a segment as the departures observed by `nowMs` show it: the carried delay of the
 * latest departure with boxes ended by then, estimated from it and up to `RECENT_DEPARTURES` - 1
 * observed before it, carried over as many departures as lie between it and the segment's start
 * (those known by now, then one per mean gap).
 */
function departureShift(
  log: DepartureLog,
  nowMs: number,
  isOverdue: boolean,
): SegmentShift | undefined {
  const { carry, startsMs } = log
  const known = upperBound(startsMs, nowMs)
  const observed: ObservedDeparture[] = []
  let last = -1
  for (let i = known - 1; i >= 0 && known - i <= MAX_LOOKBACK; i--) {
    if ((log.firstEndsMs[i] as number) > nowMs) continue
    if (last < 0) last = i
    const arrived = (log.ended[i] as SegmentBox[]).filter((b) => (b.endMs as number) <= nowMs)
    observed.push({ lag: last - i, excessHours: medianResidualHours(arrived) - carry.meanHours })
    if (observed.length === RECENT_DEPARTURES) break
  }
  if (last < 0) return undefined
  const estimate = estimateCarriedDelay(carry, observed)
  const { explainedShare } = estimate
  let { excessHours } = estimate
  const overdue = isOverdue ? latestOverdue(log, last, known, nowMs) : undefined
  if (overdue !== undefined) {
    const boundHours = (nowMs - (log.duesMs[overdue] as number)) / HOUR - carry.meanHours
    const lag = overdue - last
    const censored = censoredCarriedDelay(
      carry,
      observed,
      estimate,
      lag,
      boundHours,
      RECENT_DEPARTURES,
    )
    if (censored !== undefined) {
      excessHours = censored
      last = overdue
    }
  }
  return {
    hours: excessHours,
    explainedShare,
    weightAt(startMs) {
      const between = upperBound(startsMs, Math.min(startMs, nowMs)) - (last + 1)
      const ahead = startMs > nowMs ? (startMs - nowMs) / carry.gapMs : 0
      return carryAtLag(carry, Math.max(0, between) + ahead)
    },
  }
}

/** The latest departure after `last` (before `known`) due by `nowMs` with no box ended by then. */
function latestOverdue(
  log: DepartureLog,
  last: number,
  known: number,
  nowMs: number,
): number | undefined {
  for (let i = known - 1; i > last; i--) {
    if ((log.duesMs[i] as number) <= nowMs && (log.firstEndsMs[i] as number) > nowMs) return i
  }
  return undefined
}
