/** The q-quantile (0..1) of ascending `sorted` values, linearly interpolated (type 7). */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length
  if (n === 0) return Number.NaN
  const pos = Math.min(1, Math.max(0, q)) * (n - 1)
  const lo = Math.floor(pos)
  const hi = Math.min(n - 1, lo + 1)
  const a = sorted[lo] as number
  const b = sorted[hi] as number
  return a + (b - a) * (pos - lo)
}

/** Share (0..1) of ascending `sorted` values that are ≤ x. */
export function cdfOfSorted(sorted: ArrayLike<number>, x: number): number {
  return sorted.length === 0 ? 0 : upperBound(sorted, x) / sorted.length
}

/** The first index of ascending `sorted` whose value is greater than `x`. */
export function upperBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((sorted[mid] as number) <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Two-sample Kolmogorov–Smirnov test of two ascending samples: whether the statistic exceeds the
 * critical value c(α)·√((n+m)/(n·m)), c(α) = √(−ln(α/2)/2) (1.358 at the default α = 5%). Callers
 * testing many windows of one sample divide α by their number (Bonferroni).
 */
export function ksDiffers(a: ArrayLike<number>, b: ArrayLike<number>, alpha = 0.05): boolean {
  const n = a.length
  const m = b.length
  if (n === 0 || m === 0) return false
  let i = 0
  let j = 0
  let d = 0
  while (i < n && j < m) {
    const x = Math.min(a[i] as number, b[j] as number)
    while (i < n && (a[i] as number) <= x) i++
    while (j < m && (b[j] as number) <= x) j++
    d = Math.max(d, Math.abs(i / n - j / m))
  }
  return d > Math.sqrt(-Math.log(alpha / 2) / 2) * Math.sqrt((n + m) / (n * m))
}

/**
 * The q-quantiles (type 7, as {@link quantileOfSorted}) of unsorted `values`, found by selection
 * (Hoare's quickselect, median-of-three pivot) instead of a full sort: the same numbers in O(n).
 * `scratch` (at least as long as `values`) is overwritten; `values` is left as it is.
 */
export function quantilesOf(
  values: Float64Array,
  qs: readonly number[],
  scratch: Float64Array = new Float64Array(values.length),
): number[] {
  const n = values.length
  if (n === 0) return qs.map(() => Number.NaN)
  const xs = scratch.subarray(0, n)
  xs.set(values)
  const positions = qs.map((q) => Math.min(1, Math.max(0, q)) * (n - 1))
  const ranks = [
    ...new Set(positions.flatMap((p) => [Math.floor(p), Math.min(n - 1, Math.floor(p) + 1)])),
  ].sort((a, b) => a - b)
  const at = new Map<number, number>()
  let from = 0
  for (const r of ranks) {
    at.set(r, selectRank(xs, r, from, n - 1))
    from = r + 1
  }
  return positions.map((pos) => {
    const lo = Math.floor(pos)
    const a = at.get(lo) as number
    const b = at.get(Math.min(n - 1, lo + 1)) as number
    return a + (b - a) * (pos - lo)
  })
}

/** Puts the value of rank `r` of `xs[left..right]` at `xs[r]`, smaller ones before it. */
function selectRank(xs: Float64Array, r: number, left: number, right: number): number {
  let lo = left
  let hi = right
  while (lo < hi) {
    const a = xs[lo] as number
    const b = xs[(lo + hi) >>> 1] as number
    const c = xs[hi] as number
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b
    let i = lo
    let j = hi
    while (i <= j) {
      while ((xs[i] as number) < pivot) i++
      while ((xs[j] as number) > pivot) j--
      if (i <= j) {
        const t = xs[i] as number
        xs[i] = xs[j] as number
        xs[j] = t
        i++
        j--
      }
    }
    if (r <= j) hi = j
    else if (r >= i) lo = i
    else break
  }
  return xs[r] as number
}
