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
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((sorted[mid] as number) <= x) lo = mid + 1
    else hi = mid
  }
  return sorted.length === 0 ? 0 : lo / sorted.length
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
