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
  /** The share of that shift a segment starting `aheadMs` after the moment keeps, learned. */
  fadeOf(destination: string, key: string): (aheadMs: number) => number
}

/** Options of {@link createNowcast}. */
export interface NowcastOptions {
  readonly model: EtaModel
  /** Every journey the node knows, completed or not; only actual times up to `nowMs` are used. */
  readonly journeys: readonly Journey[]
  readonly windowMs?: number
  readonly minSegments?: number
  /**
   * How long a shift lasts is learned from the segments that ended before this moment (the
   * model's training period, so an evaluation does not learn it from its test period).
   */
  readonly persistenceUntilMs?: number
}

/** Days ahead at which a shift's persistence is learned; linear in between, none after. */
const AHEAD_DAYS = [0, 7, 14, 21, 28]
/** What a shift keeps where history cannot tell: all of it for a week, none after four. */
const DEFAULT_WEIGHTS = [1, 1, 2 / 3, 1 / 3, 0]
/** Shifted segments needed to learn a persistence. */
const MIN_PAIRS = 20

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
  persistenceUntilMs = Infinity,
}: NowcastOptions): Nowcast {
  const collected = new Map<string, { starts: number[]; ends: number[]; residuals: number[] }>()
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
      // Per learned distribution: routes that share a segment's distribution share its state.
      const id = segment.key
      let c = collected.get(id)
      if (c === undefined) collected.set(id, (c = { starts: [], ends: [], residuals: [] }))
      c.starts.push(from.actualMs)
      c.ends.push(to.actualMs)
      c.residuals.push(residual)
    }
  }
  const shiftAt = (o: Observed, nowMs: number): number => {
    const to = upperBound(o.endsMs, nowMs)
    const from = upperBound(o.endsMs, nowMs - windowMs)
    const recent = Array.from(o.residualsHours.subarray(from, to)).sort((a, b) => a - b)
    return recent.length >= minSegments ? significantMedian(recent) : 0
  }
  const observed = new Map<string, Observed>()
  const weights = new Map<string, readonly number[]>()
  for (const [id, c] of collected) {
    const order = c.ends
      .map((_, i) => i)
      .sort((a, b) => (c.ends[a] as number) - (c.ends[b] as number))
    const o = {
      endsMs: Float64Array.from(order, (i) => c.ends[i] as number),
      residualsHours: Float64Array.from(order, (i) => c.residuals[i] as number),
    }
    observed.set(id, o)
    weights.set(
      id,
      persistenceOf(
        o,
        Float64Array.from(order, (i) => c.starts[i] as number),
      ),
    )
  }
  /**
   * Per day ahead, the slope of a segment's residual on the shift known that many days before it
   * started that minimises the absolute error (the |shift|-weighted median of residual / shift,
   * clamped to 0–1: the P50 is judged by MAE), from the segments that ended before
   * `persistenceUntilMs`: a congested spell of weeks keeps most of it, a voyage's delay passed on
   * to the next voyages fades within days, noise keeps none.
   */
  function persistenceOf(o: Observed, startsMs: Float64Array): number[] {
    return AHEAD_DAYS.map((days, b) => {
      const pairs: { ratio: number; weight: number }[] = []
      o.endsMs.forEach((endMs, j) => {
        if (endMs >= persistenceUntilMs) return
        const shift = shiftAt(o, (startsMs[j] as number) - days * DAY)
        if (shift !== 0)
          pairs.push({ ratio: (o.residualsHours[j] as number) / shift, weight: Math.abs(shift) })
      })
      if (pairs.length < MIN_PAIRS) return DEFAULT_WEIGHTS[b] as number
      pairs.sort((x, y) => x.ratio - y.ratio)
      const half = pairs.reduce((sum, p) => sum + p.weight, 0) / 2
      let cumulative = 0
      const median = pairs.find((p) => (cumulative += p.weight) >= half)?.ratio ?? 0
      return Math.min(1, Math.max(0, median))
    })
  }
  const cache = new Map<string, number>()
  return {
    shiftHours(destination, key, nowMs) {
      const id = segmentFor(model, destination, key)?.key ?? key
      const o = observed.get(id)
      if (o === undefined) return 0
      // Hourly buckets: many estimates at about the same moment share one answer.
      const bucket = `${id} @ ${Math.floor(nowMs / HOUR)}`
      const hit = cache.get(bucket)
      if (hit !== undefined) return hit
      const shift = shiftAt(o, nowMs)
      cache.set(bucket, shift)
      return shift
    },
    fadeOf(destination, key) {
      const w = weights.get(segmentFor(model, destination, key)?.key ?? key) ?? DEFAULT_WEIGHTS
      return (aheadMs) => {
        const days = Math.max(0, aheadMs / DAY)
        const b = Math.floor(days / 7)
        if (b >= AHEAD_DAYS.length - 1) return w[AHEAD_DAYS.length - 1] as number
        const f = (days - 7 * b) / 7
        return (w[b] as number) * (1 - f) + (w[b + 1] as number) * f
      }
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
