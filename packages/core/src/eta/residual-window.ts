import { departuresOf } from './departure-carry.js'
import { designEffectOf } from './design-effect.js'
import type { SegmentBox } from './eta-model.js'
import { upperBound } from './quantiles.js'

const HOUR = 3_600_000

/**
 * A segment's ended boxes in order of end: when each ended, its residual (hours) and its
 * departure (the start of the first box of its voyage or train: boxes that started the segment
 * within an hour of each other left together). With `dueMs`, the boxes in order of when they were
 * due (the model's median end for their start), ended or not (`endsMs` Infinity while under way):
 * a box still under way after it was due has a residual of at least the time since.
 */
export interface ResidualWindow {
  readonly endsMs: Float64Array
  readonly residualsHours: Float64Array
  readonly departuresMs: Float64Array
  /** When each box was due, ascending; present for a window of the boxes due in it. */
  readonly dueMs?: Float64Array
}

/** What the boxes that ended in a window say: how many there were and their significant median. */
export interface WindowMedian {
  readonly count: number
  /** The median residual (hours) when the sign test holds and `count` ≥ the minimum, else 0. */
  readonly hours: number
  /** The median residual (hours) whatever the test says; 0 for an empty window. */
  readonly median: number
}

/**
 * The window of `boxes`, sorted by end, of those that have ended (those under way are left out);
 * with `isOverdue`, sorted by when each was due (`dueMs`, else end less residual), those under way
 * included: at any moment, every box due by then has a residual of known sign.
 */
export function residualWindowOf(boxes: readonly SegmentBox[], isOverdue = false): ResidualWindow {
  const departureOf = new Map<SegmentBox, number>()
  for (const d of departuresOf([...boxes].sort((a, b) => a.startMs - b.startMs)))
    for (const b of d) departureOf.set(b, (d[0] as SegmentBox).startMs)
  const dueOf = (b: SegmentBox) =>
    b.dueMs ?? (b.endMs === undefined ? Number.NaN : b.endMs - b.residualHours * HOUR)
  const kept = isOverdue
    ? boxes.filter((b) => !Number.isNaN(dueOf(b))).sort((a, b) => dueOf(a) - dueOf(b))
    : boxes
        .filter((b) => b.endMs !== undefined)
        .sort((a, b) => (a.endMs as number) - (b.endMs as number))
  return {
    endsMs: Float64Array.from(kept, (b) => b.endMs ?? Infinity),
    residualsHours: Float64Array.from(kept, (b) => b.residualHours),
    departuresMs: Float64Array.from(kept, (b) => departureOf.get(b) as number),
    ...(isOverdue ? { dueMs: Float64Array.from(kept, dueOf) } : {}),
  }
}

/**
 * The boxes of `window` that ended in the `windowMs` before `nowMs` (with `dueMs`: that were due
 * then, those still under way at their residual's lower bound, the time since they were due):
 * their count, and their median residual where there are `minSegments` of them and a two-sided
 * sign test at 1% says they run late or early (noise is not a regime). With `isByDeparture` the
 * test counts departures, not boxes: one late voyage of twenty boxes is one piece of evidence, a
 * spell is several.
 */
export function windowMedianAt(
  window: ResidualWindow,
  nowMs: number,
  windowMs: number,
  minSegments: number,
  isByDeparture = false,
): WindowMedian {
  const order = window.dueMs ?? window.endsMs
  const to = upperBound(order, nowMs)
  const from = upperBound(order, nowMs - windowMs)
  const count = to - from
  const recent = Array.from({ length: count }, (_, i) => residualAt(window, from + i, nowMs))
  recent.sort((a, b) => a - b)
  const median = count === 0 ? 0 : medianOf(recent)
  if (count < minSegments) return { count, hours: 0, median }
  const designEffect = isByDeparture ? designEffectOfWindow(window, from, to, nowMs) : 1
  return { count, hours: significantMedian(recent, designEffect), median }
}

/**
 * The design effect of the sign test on the boxes `from`–`to` of `window`, grouped by departure:
 * the cluster-robust variance of their signs over the binomial one (at least 1), with the
 * small-sample factor k/(k − 1) for k departures. A single departure is no test (infinite): its
 * boxes share one voyage's delay, which says nothing of the next voyage.
 */
function designEffectOfWindow(
  window: ResidualWindow,
  from: number,
  to: number,
  nowMs: number,
): number {
  const { ratio, clusters: k } = designEffectOf(
    to - from,
    (i) => residualAt(window, from + i, nowMs) > 0,
    (i) => window.departuresMs[from + i] as number,
  )
  if (k < 2) return Infinity
  return ratio === undefined ? 1 : Math.max(1, (k / (k - 1)) * ratio)
}

/**
 * Per segment key (the same places and mode, over routes), the window of every route's boxes on
 * it: the physical leg's recent state, where one route alone sends too few boxes to show it. A
 * congested anchorage delays every ship that arrives while it lasts, whichever route its boxes
 * are on; each residual is against its own route's model, so the routes' medians may differ.
 */
export function pooledWindowsOf(
  boxesByKey: ReadonlyMap<string, readonly SegmentBox[]>,
  isOverdue = false,
): Map<string, ResidualWindow> {
  const windows = new Map<string, ResidualWindow>()
  for (const [key, boxes] of boxesByKey) {
    if (new Set(boxes.map((b) => b.destination)).size < 2) continue
    windows.set(key, residualWindowOf(boxes, isOverdue))
  }
  return windows
}

/**
 * The median of sorted residuals when a two-sided sign test at 1% says it is not zero, else 0;
 * the binomial variance times `designEffect` where boxes share their departures' delays.
 */
function significantMedian(sorted: readonly number[], designEffect: number): number {
  const n = sorted.length
  const positive = sorted.filter((x) => x > 0).length
  // Normal approximation of the binomial sign test (n ≥ 8), with continuity correction.
  const z = (Math.abs(positive - n / 2) - 0.5) / Math.sqrt((n / 4) * designEffect)
  return z < 2.576 ? 0 : medianOf(sorted)
}

function medianOf(sorted: readonly number[]): number {
  const n = sorted.length
  const mid = Math.floor(n / 2)
  return n % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** A box's residual as known at `nowMs`: its own once ended, else how overdue it is (a bound). */
function residualAt(window: ResidualWindow, i: number, nowMs: number): number {
  const endMs = window.endsMs[i] as number
  if (endMs <= nowMs || window.dueMs === undefined) return window.residualsHours[i] as number
  return (nowMs - (window.dueMs[i] as number)) / HOUR
}
