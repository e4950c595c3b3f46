const HOUR = 3_600_000

/** Boxes whose segment started within an hour of the previous box's start left on one departure. */
const SAME_DEPARTURE_MS = HOUR
/** Lags (departures ahead) at which a carry-over is estimated. */
const MAX_LAG = 12
/** The fewest departures a carry-over is learned from. */
const MIN_DEPARTURES = 40
/** One-sided 1% normal quantile: a lag-1 autocorrelation below it is taken as no carry-over. */
const Z_SIGNIFICANT = 2.326
/** A carry-over below this share is dropped. */
const MIN_CARRY = 0.05

/**
 * How the residual of one departure (a voyage, a train: boxes that left one place together) carries
 * over to the departures after it: bunched sailings, knock-on delays. Learned from the training
 * history as the autocorrelation of consecutive departures' median residuals where the lag-1 one
 * is significantly positive, decaying geometrically over the later lags.
 */
export interface DepartureCarry {
  /** `byLag[k - 1]`: the share of a departure's excess residual the `k`-th departure after it keeps. */
  readonly byLag: readonly number[]
  /** The mean of the departures' median residuals, hours: what "excess" is measured from. */
  readonly meanHours: number
  /** Mean time between consecutive departures, ms: how far ahead an unknown departure lies. */
  readonly gapMs: number
  /**
   * The variance of the departures' medians over that of the boxes' residuals (0–1): the share
   * of a box's uncertainty its departure's residual holds, which knowing it removes.
   */
  readonly departureShare: number
}

/** One segment's box: when it started and its residual (actual end minus the model's median). */
export interface BoxResidual {
  readonly startMs: number
  readonly residualHours: number
}

/** Boxes grouped by departure, in start order (boxes must be sorted by start). */
export function departuresOf<T extends BoxResidual>(boxes: readonly T[]): T[][] {
  const departures: T[][] = []
  let last = -Infinity
  for (const box of boxes) {
    if (box.startMs - last > SAME_DEPARTURE_MS || departures.length === 0) departures.push([box])
    else (departures.at(-1) as T[]).push(box)
    last = box.startMs
  }
  return departures
}

/** The median of a departure's residuals (sorts a copy). */
export function medianResidualHours(boxes: readonly BoxResidual[]): number {
  const xs = boxes.map((b) => b.residualHours).sort((a, b) => a - b)
  const mid = Math.floor(xs.length / 2)
  return xs.length % 2 === 1
    ? (xs[mid] as number)
    : ((xs[mid - 1] as number) + (xs[mid] as number)) / 2
}

/**
 * Learns the carry-over of a segment's departures from its boxes (sorted by start), or undefined
 * where consecutive departures' residuals are not significantly correlated. The coefficient at
 * lag k is r_1 * decay^(k-1) rather than r_1^k: each departure's median is its true delay plus
 * noise, which damps every lag alike, so one lag to the next keeps more (the decay) than r_1.
 */
export function learnDepartureCarry(boxes: readonly BoxResidual[]): DepartureCarry | undefined {
  const departures = departuresOf(boxes)
  const n = departures.length
  if (n < MIN_DEPARTURES) return undefined
  const xs = departures.map(medianResidualHours)
  const meanHours = xs.reduce((a, b) => a + b, 0) / n
  const centred = xs.map((x) => x - meanHours)
  const variance = centred.reduce((a, x) => a + x * x, 0)
  if (variance === 0) return undefined
  const autocorrelation = (k: number) => {
    let c = 0
    for (let t = k; t < n; t++) c += (centred[t] as number) * (centred[t - k] as number)
    return c / variance
  }
  const r = Array.from({ length: MAX_LAG + 1 }, (_, k) => (k === 0 ? 1 : autocorrelation(k)))
  const r1 = r[1] as number
  // Under no carry-over, r1 is about normal with standard error 1/sqrt(n - 1).
  if (r1 * Math.sqrt(n - 1) < Z_SIGNIFICANT) return undefined
  // Further lags follow r_k = r_1 * decay^(k-1) (a carried delay plus each departure's own noise),
  // the decay fitted on every lag (least squares of r_k on r_(k-1)): a lag-by-lag estimate is
  // noise beyond the first few departures, and a significance cut-off there dropped the carry
  // exactly where a box's own voyage lies (two or three sailings after the last one arrived).
  let [num, den] = [0, 0]
  for (let k = 2; k <= MAX_LAG; k++) {
    num += (r[k] as number) * (r[k - 1] as number)
    den += (r[k - 1] as number) ** 2
  }
  const decay = Math.min(1, Math.max(0, num / den))
  const byLag = Array.from({ length: MAX_LAG }, (_, k) => Math.min(1, r1) * decay ** k).filter(
    (x) => x >= MIN_CARRY,
  )
  if (byLag.length === 0) return undefined
  const first = (departures[0] as BoxResidual[])[0] as BoxResidual
  const last = (departures[n - 1] as BoxResidual[])[0] as BoxResidual
  const boxMeanHours = boxes.reduce((a, b) => a + b.residualHours, 0) / boxes.length
  const boxVariance =
    boxes.reduce((a, b) => a + (b.residualHours - boxMeanHours) ** 2, 0) / boxes.length
  return {
    byLag,
    meanHours,
    gapMs: (last.startMs - first.startMs) / (n - 1),
    departureShare: Math.min(1, variance / n / boxVariance),
  }
}

/**
 * The share a departure `lag` departures after an observed one keeps of its excess residual: 1 at
 * lag 0 (the same departure), the learned coefficients between, nothing past the last one kept.
 */
export function carryAtLag(carry: DepartureCarry, lag: number): number {
  if (lag <= 0) return 1
  const below = Math.floor(lag)
  if (below >= carry.byLag.length) return 0
  const a = below === 0 ? 1 : (carry.byLag[below - 1] as number)
  const b = carry.byLag[below] as number
  return a + (b - a) * (lag - below)
}
