import type { SegmentBox } from './eta-model.js'
import { upperBound } from './quantiles.js'

/** A segment's ended boxes in order of end: when each ended and its residual (hours). */
export interface ResidualWindow {
  readonly endsMs: Float64Array
  readonly residualsHours: Float64Array
}

/** What the boxes that ended in a window say: how many there were and their significant median. */
export interface WindowMedian {
  readonly count: number
  /** The median residual (hours) when the sign test holds and `count` ≥ the minimum, else 0. */
  readonly hours: number
  /** The median residual (hours) whatever the test says; 0 for an empty window. */
  readonly median: number
}

/** The window of `boxes` that have ended (those under way are left out), sorted by end. */
export function residualWindowOf(boxes: readonly SegmentBox[]): ResidualWindow {
  const ended = boxes
    .filter((b) => b.endMs !== undefined)
    .sort((a, b) => (a.endMs as number) - (b.endMs as number))
  return {
    endsMs: Float64Array.from(ended, (b) => b.endMs as number),
    residualsHours: Float64Array.from(ended, (b) => b.residualHours),
  }
}

/**
 * The boxes of `window` that ended in the `windowMs` before `nowMs`: their count, and their
 * median residual where there are `minSegments` of them and a two-sided sign test at 1% says they
 * run late or early (noise is not a regime).
 */
export function windowMedianAt(
  window: ResidualWindow,
  nowMs: number,
  windowMs: number,
  minSegments: number,
): WindowMedian {
  const to = upperBound(window.endsMs, nowMs)
  const from = upperBound(window.endsMs, nowMs - windowMs)
  const count = to - from
  const recent = Array.from(window.residualsHours.subarray(from, to)).sort((a, b) => a - b)
  const median = count === 0 ? 0 : medianOf(recent)
  if (count < minSegments) return { count, hours: 0, median }
  return { count, hours: significantMedian(recent), median }
}

/**
 * Per segment key (the same places and mode, over routes), the window of every route's boxes on
 * it: the physical leg's recent state, where one route alone sends too few boxes to show it. A
 * congested anchorage delays every ship that arrives while it lasts, whichever route its boxes
 * are on; each residual is against its own route's model, so the routes' medians may differ.
 */
export function pooledWindowsOf(
  boxesByKey: ReadonlyMap<string, readonly SegmentBox[]>,
): Map<string, ResidualWindow> {
  const windows = new Map<string, ResidualWindow>()
  for (const [key, boxes] of boxesByKey) {
    if (new Set(boxes.map((b) => b.destination)).size < 2) continue
    windows.set(key, residualWindowOf(boxes))
  }
  return windows
}

/** The median of sorted residuals when a two-sided sign test at 1% says it is not zero, else 0. */
function significantMedian(sorted: readonly number[]): number {
  const n = sorted.length
  const positive = sorted.filter((x) => x > 0).length
  // Normal approximation of the binomial sign test (n ≥ 8), with continuity correction.
  const z = (Math.abs(positive - n / 2) - 0.5) / Math.sqrt(n / 4)
  return z < 2.576 ? 0 : medianOf(sorted)
}

function medianOf(sorted: readonly number[]): number {
  const n = sorted.length
  const mid = Math.floor(n / 2)
  return n % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}
