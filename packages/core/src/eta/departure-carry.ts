const HOUR = 3_600_000

/** Boxes whose segment started within an hour of the previous box's start left on one departure. */
const SAME_DEPARTURE_MS = HOUR
/** Lags (departures apart) whose autocorrelations the decay is fitted on. */
const MAX_LAG = 12
/** The fewest departures a carry-over is learned from. */
const MIN_DEPARTURES = 40
/** One-sided 1% normal quantile: a lag-1 autocorrelation below it is taken as no carry-over. */
const Z_SIGNIFICANT = 2.326
/** A carry-over below this share is dropped. */
const MIN_CARRY = 0.05
/** Numerical guard: a fitted decay of 1 or more would carry a delay for ever. */
const MAX_DECAY = 0.99

/**
 * How the residual of one departure (a voyage, a train: boxes that left one place together) carries
 * over to the departures after it: bunched sailings, knock-on delays. Each departure's median
 * residual is taken as a carried delay (an autoregression over consecutive departures) plus its own
 * noise, both learned from the training history's autocorrelations, where the lag-1 one is
 * significantly positive.
 */
export interface DepartureCarry {
  /** The share of a departure median's variance that is the carried delay; the rest is noise. */
  readonly signalShare: number
  /** The share of its carried delay a departure passes on to the next one. */
  readonly decay: number
  /** The mean of the departures' median residuals, hours: what "excess" is measured from. */
  readonly meanHours: number
  /** Mean time between consecutive departures, ms: how far ahead an unknown departure lies. */
  readonly gapMs: number
  /** The variance of the departures' medians over that of the boxes' residuals (0–1). */
  readonly departureShare: number
  /** The variance of the departures' median residuals, hours². */
  readonly medianVariance?: number
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
 * where consecutive departures' residuals are not significantly correlated (see
 * {@link carryOfMedians}).
 */
export function learnDepartureCarry(boxes: readonly BoxResidual[]): DepartureCarry | undefined {
  const departures = departuresOf(boxes)
  const fit = carryOfMedians(departures.map(medianResidualHours))
  if (fit === undefined) return undefined
  const n = departures.length
  const first = (departures[0] as BoxResidual[])[0] as BoxResidual
  const last = (departures[n - 1] as BoxResidual[])[0] as BoxResidual
  const boxMeanHours = boxes.reduce((a, b) => a + b.residualHours, 0) / boxes.length
  const boxVariance =
    boxes.reduce((a, b) => a + (b.residualHours - boxMeanHours) ** 2, 0) / boxes.length
  return {
    signalShare: fit.signalShare,
    decay: fit.decay,
    meanHours: fit.meanHours,
    gapMs: (last.startMs - first.startMs) / (n - 1),
    departureShare: Math.min(1, fit.variance / boxVariance),
    medianVariance: fit.variance,
  }
}

/**
 * The carry-over of consecutive departures' median residuals (hours, in start order), or undefined
 * where their lag-1 autocorrelation is not significantly positive. A carried delay plus noise has
 * autocorrelations r_k = signalShare * decay^k; the decay is fitted on every lag (least squares of
 * r_k on r_(k-1)), as a lag-by-lag estimate is noise beyond the first few departures and a
 * significance cut-off there dropped the carry exactly where a box's own voyage lies (two or three
 * sailings after the last one that arrived). `variance` is the medians' (divided by their count).
 */
export function carryOfMedians(xs: readonly number[]):
  | {
      readonly signalShare: number
      readonly decay: number
      readonly meanHours: number
      readonly variance: number
    }
  | undefined {
  const n = xs.length
  if (n < MIN_DEPARTURES) return undefined
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
  let [num, den] = [0, 0]
  for (let k = 2; k <= MAX_LAG; k++) {
    num += (r[k] as number) * (r[k - 1] as number)
    den += (r[k - 1] as number) ** 2
  }
  // signalShare = r1 / decay is at most 1, so the decay is at least r1; below 1 it fades.
  const decay = Math.min(MAX_DECAY, Math.max(r1, num / den))
  return { signalShare: Math.min(1, r1 / decay), decay, meanHours, variance: variance / n }
}

/**
 * The share a departure `lag` departures after the latest observed one keeps of that one's
 * carried delay: 1 at lag 0 (the same departure), decay^lag after, nothing once below 5%.
 */
export function carryAtLag(carry: DepartureCarry, lag: number): number {
  if (lag <= 0) return 1
  const share = carry.decay ** lag
  return share < MIN_CARRY ? 0 : share
}

/** An observed departure: how many departures before the latest observed one, and its excess. */
export interface ObservedDeparture {
  readonly lag: number
  readonly excessHours: number
}

/**
 * The carried delay of the latest observed departure (hours over the mean), estimated from the
 * recent observed departures (lag 0 first) as the best linear predictor under the learned
 * carry-over (the Kalman filter's answer): where departures are noisy, several are averaged; where
 * they are precise, the latest counts. `explainedShare` is the share of a box's variance on the
 * segment that estimate removes.
 */
export function estimateCarriedDelay(
  carry: DepartureCarry,
  observed: readonly ObservedDeparture[],
): { readonly excessHours: number; readonly explainedShare: number } {
  const { signalShare: a, decay } = carry
  const m = observed.length
  // Covariances in units of a departure median's variance.
  const system = observed.map((oi, i) => [
    ...observed.map((oj, j) => a * decay ** Math.abs(oi.lag - oj.lag) + (i === j ? 1 - a : 0)),
    a * decay ** oi.lag,
  ])
  const weights = solveLinear(system, m)
  let excessHours = 0
  let explained = 0
  observed.forEach((o, i) => {
    excessHours += (weights[i] as number) * o.excessHours
    explained += (weights[i] as number) * a * decay ** o.lag
  })
  return { excessHours, explainedShare: Math.min(1, explained * carry.departureShare) }
}

/**
 * The carried delay of a departure `lag` after the latest observed one, none of whose boxes has
 * arrived though they were due: its excess is above `boundHours`. Where that bound is above the
 * carried delay's prediction for it (`estimate`, carried `lag` departures on), the departure is
 * taken as observed at its expected excess given the bound (the prediction's normal, truncated
 * below at the bound) and the estimate redone with it as the latest; undefined where the bound
 * says nothing the prediction did not (or the carry-over has no learned variance). At most
 * `maxObserved` departures, the latest, make the estimate.
 */
export function censoredCarriedDelay(
  carry: DepartureCarry,
  observed: readonly ObservedDeparture[],
  estimate: { readonly excessHours: number; readonly explainedShare: number },
  lag: number,
  boundHours: number,
  maxObserved = 8,
): number | undefined {
  const variance = carry.medianVariance
  if (variance === undefined || variance <= 0) return undefined
  const share = carry.decay ** lag
  const mean = estimate.excessHours * share
  // Its median given the observed ones: what the carried part leaves unknown, plus its own noise.
  const sd = Math.sqrt(variance * Math.max(0.05, 1 - estimate.explainedShare * share * share))
  const alpha = (boundHours - mean) / sd
  if (!(alpha > 0)) return undefined
  const imputed = { lag: 0, excessHours: mean + sd * inverseMillsRatio(alpha) }
  const shifted = observed.map((o) => ({ lag: o.lag + lag, excessHours: o.excessHours }))
  return estimateCarriedDelay(carry, [imputed, ...shifted].slice(0, maxObserved)).excessHours
}

/** φ(a) / (1 − Φ(a)): the mean of a standard normal above a. */
function inverseMillsRatio(a: number): number {
  if (a > 8) return a + 1 / a
  const density = Math.exp((-a * a) / 2) / Math.sqrt(2 * Math.PI)
  // 1 − Φ(a) = erfc(a / √2) / 2, erfc by Abramowitz & Stegun 7.1.26 (x ≥ 0, error < 1.5e-7).
  const t = 1 / (1 + (0.3275911 * a) / Math.SQRT2)
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
  return density / ((poly * Math.exp((-a * a) / 2)) / 2)
}

/** Solves an m × m system given as rows augmented with the right-hand side (Gaussian elimination). */
function solveLinear(rows: number[][], m: number): number[] {
  for (let col = 0; col < m; col++) {
    let pivot = col
    for (let i = col + 1; i < m; i++)
      if (Math.abs(rows[i]![col]!) > Math.abs(rows[pivot]![col]!)) pivot = i
    ;[rows[col], rows[pivot]] = [rows[pivot]!, rows[col]!]
    const p = rows[col]!
    for (let i = col + 1; i < m; i++) {
      const r = rows[i]!
      const f = r[col]! / p[col]!
      for (let k = col; k <= m; k++) r[k] = r[k]! - f * p[k]!
    }
  }
  const x = new Array<number>(m).fill(0)
  for (let i = m - 1; i >= 0; i--) {
    const r = rows[i]!
    let sum = r[m]!
    for (let k = i + 1; k < m; k++) sum -= r[k]! * x[k]!
    x[i] = sum / r[i]!
  }
  return x
}
