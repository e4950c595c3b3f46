import { carryOfMedians, departuresOf, medianResidualHours } from './departure-carry.js'

/** Rounds of the season / carry-over iteration at most, and the change (hours) that ends it. */
const MAX_ROUNDS = 20
const CONVERGED_HOURS = 0.01

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
 * the departures' own variance γ₀ and carry-over (v = γ₀/n² · Σᵢⱼ ρ(|i − j|), ρ(k) = a·decayᵏ),
 * against the spread of true month effects, τ² = mean over months of (deviation² − v), floored at
 * 0. A month keeps τ²/(τ² + v) of its deviation. γ₀ and the carry-over are learned net of the
 * season kept so far (a real season would otherwise pass for a slow carry-over and be shrunk
 * away), from no season to the fixed point. Where departures carry nothing, v is a month's
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
  if (n < 2) return new Array<number>(months).fill(0)
  const mean = medians.reduce((a, b) => a + b, 0) / n
  const monthOfDeparture = departures.map((d) => monthOf(d[0]!.startMs))
  const deviation: number[] = []
  const counts: number[] = []
  for (let m = 0; m < months; m++) {
    let [count, total] = [0, 0]
    medians.forEach((x, t) => {
      if (monthOfDeparture[t] === m) [count, total] = [count + 1, total + x]
    })
    counts.push(count)
    deviation.push(count === 0 ? 0 : total / count - mean)
  }
  // The season's estimate and the carry-over's are each learned net of the other: start from no
  // season and iterate to the fixed point.
  let effect = new Array<number>(months).fill(0)
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const net = (t: number) => effect[monthOfDeparture[t]!]!
    const variance = medians.reduce((a, x, t) => a + (x - mean - net(t)) ** 2, 0) / n
    // A departure's boxes shifted alike shift its median alike: the carry-over of the net medians.
    const carry = carryOfMedians(medians.map((x, t) => x - net(t)))
    const [share, decay] = carry === undefined ? [0, 0] : [carry.signalShare, carry.decay]
    const noise = deviation.map((_, m) => {
      // Σ over pairs i < j of the month's departures of decay^(j − i), by a running sum.
      let [sum, running, last] = [0, 0, -1]
      for (let t = 0; t < n; t++) {
        if (monthOfDeparture[t] !== m) continue
        if (last >= 0) running = decay ** (t - last) * (running + 1)
        sum += running
        last = t
      }
      return (variance * (counts[m]! + 2 * share * sum)) / counts[m]! ** 2
    })
    const seen = deviation.flatMap((d, m) => (counts[m] === 0 ? [] : [d ** 2 - noise[m]!]))
    const between = Math.max(0, seen.reduce((a, b) => a + b, 0) / Math.max(1, seen.length))
    const next = deviation.map((d, m) => {
      const v = noise[m]!
      return counts[m] === 0 ? 0 : (between + v > 0 ? between / (between + v) : 1) * d
    })
    const change = Math.max(...next.map((x, m) => Math.abs(x - effect[m]!)))
    effect = next
    if (change < CONVERGED_HOURS) break
  }
  return deviation.map((d, m) => d - effect[m]!)
}
