/** The cluster-robust variance of a weighted share over its binomial variance, and its clusters. */
export interface DesignEffect {
  /**
   * Σ over clusters of (Σ w (hit − p))², over p (1 − p) Σw², at the observed share p; undefined
   * where the binomial variance is 0 (every outcome alike).
   */
  readonly ratio: number | undefined
  readonly clusters: number
}

/**
 * The design effect of `n` yes/no outcomes (`isHit(i)`), weighted by `weightOf(i)` (default 1),
 * whose members of one cluster (`clusterOf(i)`: a departure) share their error: forty boxes on
 * one late voyage are one piece of evidence, not forty. Callers floor it and correct it for few
 * clusters as their test needs.
 */
export function designEffectOf(
  n: number,
  isHit: (i: number) => boolean,
  clusterOf: (i: number) => string | number,
  weightOf: (i: number) => number = () => 1,
): DesignEffect {
  let w1 = 0
  let w2 = 0
  let hit = 0
  for (let i = 0; i < n; i++) {
    const w = weightOf(i)
    w1 += w
    w2 += w * w
    if (isHit(i)) hit += w
  }
  const p = hit / w1
  const sums = new Map<string | number, number>()
  for (let i = 0; i < n; i++) {
    const c = clusterOf(i)
    sums.set(c, (sums.get(c) ?? 0) + weightOf(i) * ((isHit(i) ? 1 : 0) - p))
  }
  let robust = 0
  for (const s of sums.values()) robust += s * s
  const binomial = p * (1 - p) * w2
  return { ratio: binomial > 0 ? robust / binomial : undefined, clusters: sums.size }
}
