import { departuresOf, learnDepartureCarry, medianResidualHours } from './departure-carry.js'

/** One segment's samples: durations (hours) and start times (ms), in any order. */
export interface SeasonSamples {
  readonly hours: readonly number[]
  readonly starts: readonly number[]
}

/**
 * How far (hours) each month window's samples lie from the segment's whole, and how much of that
 * to keep: the empirical-Bayes shrinkage of the month means of the departures' medians toward
 * their overall mean. A month of one year is a few voyages whose delays carry from one to the
 * next (`learnDepartureCarry`): ~13 weekly sailings carrying 80% of their delay on hold about two
 * sailings' worth of independent evidence, and their mean is one year's path, not a season. So
 * each month's mean is weighed by the variance it would have with no season at all, computed from
 * the departures' own variance and carry-over (v = γ₀/n² · Σᵢⱼ ρ(|i − j|), ρ(k) = a·decayᵏ), against
 * the spread of true month effects, τ² = mean over months of (deviation² − v), floored at 0. A
 * month keeps τ²/(τ² + v) of its deviation. Where departures carry nothing, v is a month's
 * independent sampling variance and a clear season keeps almost all of its deviation.
 * Returns, per month, the hours to subtract from that month's samples (0 where it has none).
 */
export function monthShrinkageHours(
  s: SeasonSamples,
  monthOf: (startMs: number) => number,
  months = 12,
): number[] {
  const order = s.starts.map((_, i) => i).sort((a, b) => s.starts[a]! - s.starts[b]!)
  const boxes = order.map((i) => ({ startMs: s.starts[i]!, residualHours: s.hours[i]! }))
  const departures = departuresOf(boxes)
  const medians = departures.map(medianResidualHours)
  const n = medians.length
  const none = new Array<number>(months).fill(0)
  if (n < 2) return none
  const mean = medians.reduce((a, b) => a + b, 0) / n
  const monthOfDeparture = departures.map((d) => monthOf(d[0]!.startMs))
  const monthMean = new Array<number>(months).fill(0)
  const monthCount = new Array<number>(months).fill(0)
  medians.forEach((x, t) => {
    monthMean[monthOfDeparture[t]!]! += x
    monthCount[monthOfDeparture[t]!]! += 1
  })
  const levelOf = (t: number) =>
    monthMean[monthOfDeparture[t]!]! / monthCount[monthOfDeparture[t]!]!
  const variance = medians.reduce((a, x, t) => a + (x - levelOf(t)) ** 2, 0) / n
  const netBoxes = departures.flatMap((d, t) =>
    d.map((b) => ({ startMs: b.startMs, residualHours: b.residualHours - levelOf(t) })),
  )
  const carry = learnDepartureCarry(netBoxes)
  const [share, decay] = carry === undefined ? [0, 0] : [carry.signalShare, carry.decay]
  const deviation: number[] = []
  const noise: number[] = []
  for (let m = 0; m < months; m++) {
    // Σ over ordered pairs i < j of the month's departures of decay^(j − i), by a running sum.
    let [count, sum, running, last] = [0, 0, 0, -1]
    let total = 0
    for (let t = 0; t < n; t++) {
      if (monthOfDeparture[t] !== m) continue
      if (last >= 0) running = decay ** (t - last) * (running + 1)
      sum += running
      total += medians[t]!
      count++
      last = t
    }
    if (count === 0) {
      deviation.push(Number.NaN)
      noise.push(Number.NaN)
      continue
    }
    deviation.push(total / count - mean)
    noise.push((variance * (count + 2 * share * sum)) / count ** 2)
  }
  const seen = deviation.flatMap((d, m) => (Number.isNaN(d) ? [] : [d ** 2 - noise[m]!]))
  const between = Math.max(0, seen.reduce((a, b) => a + b, 0) / Math.max(1, seen.length))
  return deviation.map((d, m) => {
    if (Number.isNaN(d)) return 0
    const v = noise[m]!
    const kept = between + v > 0 ? between / (between + v) : 1
    return (1 - kept) * d
  })
}
