/** Where the marks of an ETA band sit, as percentages of its width. */
export interface EtaBandLayout {
  readonly p10Pct: number
  readonly p50Pct: number
  readonly p90Pct: number
  readonly plannedPct: number | null
  /** Start and end of the axis (epoch ms): the band and the plan with a margin. */
  readonly fromMs: number
  readonly toMs: number
}

/**
 * Lays out a P10–P90 band around P50 on a time axis that also holds the planned time, with 10 %
 * margin each side. Returns null when the quantiles are unreadable or out of order.
 */
export function layoutEtaBand({
  p10,
  p50,
  p90,
  plannedAt,
}: {
  p10: string
  p50: string
  p90: string
  plannedAt?: string
}): EtaBandLayout | null {
  const [a, m, b] = [p10, p50, p90].map((s) => Date.parse(s))
  if (![a, m, b].every(Number.isFinite) || !(a! <= m! && m! <= b!)) return null
  const planned = plannedAt ? Date.parse(plannedAt) : Number.NaN
  const hasPlan = Number.isFinite(planned)
  const lo = Math.min(a!, hasPlan ? planned : a!)
  const hi = Math.max(b!, hasPlan ? planned : b!)
  const margin = Math.max((hi - lo) * 0.1, 3_600_000)
  const fromMs = lo - margin
  const toMs = hi + margin
  const pct = (t: number) => Math.round(((t - fromMs) / (toMs - fromMs)) * 1000) / 10
  return {
    p10Pct: pct(a!),
    p50Pct: pct(m!),
    p90Pct: pct(b!),
    plannedPct: hasPlan ? pct(planned) : null,
    fromMs,
    toMs,
  }
}
