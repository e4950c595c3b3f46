import {
  anchorKeyOf,
  evaluateEta,
  isCompleted,
  journeyFromEvents,
  OVERALL,
  quantileOfSorted,
  routeOf,
  type Journey,
} from '@landsea/core/eta'
import { CORRIDOR_MODEL, KNOT_KMH, createRandom, simulateCorridor } from '@landsea/core/simulation'
import { shipmentKeyOf, type TrackingEvent } from '@landsea/core/tracking'

// How close is `landsea eta evaluate` to the best any model could do? For each test case, this
// draws the final arrival 2,000 times from the simulator's own process (CORRIDOR_MODEL, the steps
// of simulate-corridor.ts from the horizon on: keep them in step) and scores the median of those
// draws, the Bayes-optimal P50 for MAE given what is known at the horizon. Not a benchmark (no
// `.bench.ts`): `node --import tsx bench/eta-bound.ts 2026 1 2`.

const HOUR = 3_600_000
const DAY = 24 * HOUR
const m = CORRIDOR_MODEL
const rng = createRandom({ seed: 0xb0 })

function nextWeekdaySlot(ms: number, weekdays: readonly number[], hourUtc: number): number {
  const day = Math.floor(ms / DAY) * DAY
  for (let i = 0; i < 15; i++) {
    const t = day + i * DAY + hourUtc * HOUR
    if (t >= ms && weekdays.includes(new Date(t).getUTCDay())) return t
  }
  return ms + 7 * DAY
}

function seaSpeedKnots(): number {
  const { mean, sd, min, max } = m.seaSpeedKnots
  return Math.min(max, Math.max(min, mean + sd * rng.normal()))
}

/** One draw of the final arrival of a shipment to `destination` from stop `fromIndex` at `atMs`. */
function drawArrival(destination: string, fromIndex: number, atMs: number): number {
  const d = m.destinations.find((x) => x.UNLocationCode === destination)
  if (d === undefined) throw new Error(`unknown destination ${destination}`)
  if (d.route === 'RAIL_CROSS_BORDER') {
    const [median, p90] = d.railHours ?? [108, 128]
    let h = rng.lognormal(median, p90)
    if (rng.chance(m.borderDelay.probability)) h += rng.uniform(...m.borderDelay.extraHours)
    return atMs + h * HOUR
  }
  let t = atMs
  if (fromIndex === 0) {
    let h = rng.lognormal(m.railHours[0], m.railHours[1])
    const month = new Date(t).getUTCMonth()
    if (month >= 5 && month <= 7) h *= m.railFloodSeasonFactor
    if (rng.chance(m.railDisruption.probability)) h += rng.uniform(...m.railDisruption.extraHours)
    t += h * HOUR
  }
  if (fromIndex <= 1) {
    let sail = nextWeekdaySlot(t + m.portCutoffHours * HOUR, m.seaSailingWeekdays, 12)
    if (rng.chance(m.rollProbability)) sail = nextWeekdaySlot(sail + HOUR, m.seaSailingWeekdays, 12)
    t = sail + (m.seaKm / (seaSpeedKnots() * KNOT_KMH)) * HOUR
    t += rng.exponential(m.anchorageMeanHours) * HOUR
    if ((m.congestion.months as readonly number[]).includes(new Date(t).getUTCMonth()))
      t += rng.exponential(m.congestion.extraMeanHours) * HOUR
  }
  if (d.route === 'RAIL_SEA_TRANSSHIP') {
    const days = d.connectionWeekdays ?? [3]
    let conn = nextWeekdaySlot(t + m.transshipmentCutoffHours * HOUR, days, 12)
    if (rng.chance(m.missedConnectionProbability)) conn = nextWeekdaySlot(conn + HOUR, days, 12)
    t = conn + ((d.onwardSeaKm ?? 1000) / (seaSpeedKnots() * KNOT_KMH)) * HOUR
    t += rng.exponential(6) * HOUR
  }
  return t
}

function journeysOf(seed: number): Journey[] {
  const sim = simulateCorridor({ seed, fromMs: Date.UTC(2024, 0, 1), toMs: Date.UTC(2025, 11, 1) })
  const byShipment = new Map<string, TrackingEvent[]>()
  for (const e of sim.events) {
    const key = shipmentKeyOf(e) as string
    byShipment.set(key, [...(byShipment.get(key) ?? []), e])
  }
  return [...byShipment].map(([key, events]) => journeyFromEvents(key, events))
}

const seeds = process.argv.slice(2).map(Number)
for (const seed of seeds.length > 0 ? seeds : [2026, 1, 2]) {
  const journeys = journeysOf(seed)
  const starts = journeys.map((j) => j.stops[0]?.actualMs ?? 0).sort((a, b) => a - b)
  // The split of `landsea eta evaluate`: 70% of the way through the departures.
  const splitMs = starts[0]! + 0.7 * (starts.at(-1)! - starts[0]!)
  const model = evaluateEta({ journeys, splitMs })
  const test = journeys.filter(isCompleted).filter((j) => j.stops[0]!.actualMs! >= splitMs)
  const cells = model.horizons
    .filter((r) => r.route !== OVERALL)
    .map((r) => {
      let bound = 0
      let covered = 0
      let n = 0
      for (const j of test) {
        if (routeOf(j) !== r.route) continue
        const i = j.stops.findIndex((s) => anchorKeyOf(s) === r.horizon)
        const final = j.stops.at(-1)!
        if (i < 0 || i === j.stops.length - 1) continue
        const draws = Array.from({ length: 2000 }, () =>
          drawArrival(final.UNLocationCode, i, j.stops[i]!.actualMs!),
        ).sort((a, b) => a - b)
        const actual = final.actualMs!
        bound += Math.abs(quantileOfSorted(draws, 0.5) - actual)
        if (quantileOfSorted(draws, 0.1) <= actual && actual <= quantileOfSorted(draws, 0.9))
          covered++
        n++
      }
      const boundH = bound / n / HOUR
      return `${r.route} ${r.horizon}: model ${(r.maeHoursP50 / r.baselineMaeHours).toFixed(3)} (${(r.coverageP10P90 * 100).toFixed(1)}%), bound ${(boundH / r.baselineMaeHours).toFixed(3)} (${((100 * covered) / n).toFixed(1)}%)`
    })
  console.log(`seed ${seed}, P50 MAE / baseline MAE (P10–P90 coverage):\n  ${cells.join('\n  ')}`)
}
