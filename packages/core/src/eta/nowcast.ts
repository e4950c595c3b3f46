import { segmentFor, typicalEndMs, type EtaModel } from './eta-model.js'
import { destinationOf, segmentKey, type Journey, type JourneyStop } from './journey.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/**
 * The present state of the corridor as other shipments show it: per segment (a terminal's dwell,
 * a port's sailings, a rail line, a sea leg), how many hours later than the model expects the
 * segments that ended in the last week ran. A congested port, blank sailings or rolled boxes delay
 * every box behind them; the model, learned from completed journeys, sees them weeks late.
 */
export interface Nowcast {
  /** Hours to add to a segment starting around `nowMs`; 0 when recent shipments show no shift. */
  shiftHours(destination: string, key: string, nowMs: number): number
}

/** Options of {@link createNowcast}. */
export interface NowcastOptions {
  readonly model: EtaModel
  /** Every journey the node knows, completed or not; only actual times up to `nowMs` are used. */
  readonly journeys: readonly Journey[]
  readonly windowMs?: number
  readonly minSegments?: number
}

interface Observed {
  readonly endsMs: Float64Array
  readonly residualsHours: Float64Array
}

/**
 * Builds the nowcast over the segments every journey has completed: each segment's residual is
 * its duration minus the model's median for its start (season, time of week, timetable). At a
 * moment `nowMs`, a segment's shift is the median residual of the segments that ended in the
 * `windowMs` before it (7 days), kept only where there are `minSegments` (8) of them and a sign
 * test says they run late or early (1% two-sided): noise is not a regime.
 */
export function createNowcast({
  model,
  journeys,
  windowMs = 7 * DAY,
  minSegments = 8,
}: NowcastOptions): Nowcast {
  const collected = new Map<string, { ends: number[]; residuals: number[] }>()
  for (const journey of journeys) {
    const destination = destinationOf(journey)
    for (let i = 0; i + 1 < journey.stops.length; i++) {
      const from = journey.stops[i] as JourneyStop
      const to = journey.stops[i + 1] as JourneyStop
      if (from.actualMs === undefined || to.actualMs === undefined) continue
      const key = segmentKey(from, to)
      const segment = segmentFor(model, destination, key)
      if (segment === undefined) continue
      const residual = (to.actualMs - typicalEndMs(segment, from.actualMs)) / HOUR
      const id = `${destination} | ${key}`
      let c = collected.get(id)
      if (c === undefined) collected.set(id, (c = { ends: [], residuals: [] }))
      c.ends.push(to.actualMs)
      c.residuals.push(residual)
    }
  }
  const observed = new Map<string, Observed>()
  for (const [id, c] of collected) {
    const order = c.ends
      .map((_, i) => i)
      .sort((a, b) => (c.ends[a] as number) - (c.ends[b] as number))
    observed.set(id, {
      endsMs: Float64Array.from(order, (i) => c.ends[i] as number),
      residualsHours: Float64Array.from(order, (i) => c.residuals[i] as number),
    })
  }
  const cache = new Map<string, number>()
  return {
    shiftHours(destination, key, nowMs) {
      const id = `${destination} | ${key}`
      const o = observed.get(id)
      if (o === undefined) return 0
      // Hourly buckets: many estimates at about the same moment share one answer.
      const bucket = `${id} @ ${Math.floor(nowMs / HOUR)}`
      const hit = cache.get(bucket)
      if (hit !== undefined) return hit
      const to = upperBound(o.endsMs, nowMs)
      const from = upperBound(o.endsMs, nowMs - windowMs)
      const recent = Array.from(o.residualsHours.subarray(from, to)).sort((a, b) => a - b)
      const shift = recent.length >= minSegments ? significantMedian(recent) : 0
      cache.set(bucket, shift)
      return shift
    },
  }
}

/** The median of sorted residuals when a two-sided sign test at 1% says it is not zero, else 0. */
function significantMedian(sorted: readonly number[]): number {
  const n = sorted.length
  const positive = sorted.filter((x) => x > 0).length
  // Normal approximation of the binomial sign test (n ≥ 8), with continuity correction.
  const z = (Math.abs(positive - n / 2) - 0.5) / Math.sqrt(n / 4)
  if (z < 2.576) return 0
  const mid = Math.floor(n / 2)
  return n % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** The first index whose value is greater than `x`. */
function upperBound(xs: Float64Array, x: number): number {
  let lo = 0
  let hi = xs.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((xs[mid] as number) <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}
