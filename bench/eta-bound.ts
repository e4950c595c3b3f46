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
import {
  CORRIDOR_MODEL,
  CORRIDOR_SCENARIOS,
  KNOT_KMH,
  corridorScenario,
  createRandom,
  simulateCorridor,
  type CorridorScenario,
  type CorridorScenarioName,
} from '@landsea/core/simulation'
import { shipmentKeyOf, type TrackingEvent } from '@landsea/core/tracking'

// How close is `landsea eta evaluate` to the best any model could do? For each test case, this
// draws the final arrival 2,000 times from the simulator's own process (CORRIDOR_MODEL, the steps
// of simulate-corridor.ts from the horizon on: keep them in step) and scores the median of those
// draws, the Bayes-optimal P50 for MAE given what is known at the horizon. Not a benchmark (no
// `.bench.ts`): `node --import tsx bench/eta-bound.ts all 2026 1 2 3 4`.

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

/**
 * One draw of the final arrival of a shipment to `destination` from its stop `stop` (a horizon)
 * at `atMs`, under `world` (the scenario). For `congestion-regimes` the draw knows the regime in
 * force, which no model can see directly: there the bound is an oracle's, below the Bayes one.
 */
function drawArrival(
  world: CorridorScenario,
  destination: string,
  stop: string,
  atMs: number,
): number {
  const d = m.destinations.find((x) => x.UNLocationCode === destination)
  if (d === undefined) throw new Error(`unknown destination ${destination}`)
  if (d.route === 'RAIL_CROSS_BORDER') {
    const [median, p90] = d.railHours ?? [108, 128]
    let h = rng.lognormal(median, p90)
    if (rng.chance(m.borderDelay.probability)) h += rng.uniform(...m.borderDelay.extraHours)
    return atMs + h * HOUR
  }
  const order = [
    'DEPA RAIL CNCKG',
    'ARRI RAIL CNQZH',
    'DEPA VESSEL CNQZH',
    'ARRI VESSEL SGSIN',
    'DEPA VESSEL SGSIN',
  ]
  const from = order.indexOf(stop)
  let t = atMs
  if (from === 0) {
    let h = rng.lognormal(m.railHours[0], m.railHours[1])
    const month = new Date(t).getUTCMonth()
    if (month >= 5 && month <= 7) h *= m.railFloodSeasonFactor
    if (rng.chance(m.railDisruption.probability)) h += rng.uniform(...m.railDisruption.extraHours)
    t += h * HOUR
  }
  if (from <= 1) {
    const days = world.sailingWeekdaysAt(t)
    let sail = nextWeekdaySlot(t + m.portCutoffHours * HOUR, days, 12)
    if (rng.chance(m.rollProbability)) sail = nextWeekdaySlot(sail + HOUR, days, 12)
    t = sail
  }
  if (from <= 2) {
    t += (m.seaKm / (seaSpeedKnots() * KNOT_KMH)) * HOUR
    t += rng.exponential(m.anchorageMeanHours) * HOUR
    if ((m.congestion.months as readonly number[]).includes(new Date(t).getUTCMonth()))
      t += rng.exponential(m.congestion.extraMeanHours) * HOUR
    const regime = world.congestionExtraMeanHoursAt(t)
    if (regime > 0) t += rng.exponential(regime) * HOUR
  }
  if (d.route === 'RAIL_SEA_TRANSSHIP') {
    if (from <= 3) {
      const days = d.connectionWeekdays ?? [3]
      let conn = nextWeekdaySlot(t + m.transshipmentCutoffHours * HOUR, days, 12)
      if (rng.chance(m.missedConnectionProbability)) conn = nextWeekdaySlot(conn + HOUR, days, 12)
      t = conn
    }
    t += ((d.onwardSeaKm ?? 1000) / (seaSpeedKnots() * KNOT_KMH)) * HOUR
    t += rng.exponential(6) * HOUR
  }
  return t
}

const FROM_MS = Date.UTC(2024, 0, 1)
const TO_MS = Date.UTC(2025, 11, 1)

function journeysOf(seed: number, scenario: CorridorScenarioName): Journey[] {
  const sim = simulateCorridor({ seed, fromMs: FROM_MS, toMs: TO_MS, scenario })
  const byShipment = new Map<string, TrackingEvent[]>()
  for (const e of sim.events) {
    if (e.eventType !== 'TRANSPORT') continue
    const key = shipmentKeyOf(e) as string
    const list = byShipment.get(key)
    if (list) list.push(e)
    else byShipment.set(key, [e])
  }
  return [...byShipment].map(([key, events]) => journeyFromEvents(key, events))
}

// `node --import tsx bench/eta-bound.ts [SCENARIO|all] [SEED…]`: per route and horizon, the
// model's P50 MAE, the bound's, the schedule baseline's (hours) and both P10–P90 coverages.
const [scenarioArg = 'all', ...seedArgs] = process.argv.slice(2)
const scenarios = scenarioArg === 'all' ? CORRIDOR_SCENARIOS : [scenarioArg as CorridorScenarioName]
const seeds = seedArgs.length > 0 ? seedArgs.map(Number) : [2026, 1, 2, 3, 4]
console.log(
  '| scenario | seed | route | horizon | n | model MAE h | bound MAE h | baseline MAE h | model/bound | model cov. | bound cov. |',
)
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |')
for (const scenario of scenarios) {
  for (const seed of seeds) {
    const world = corridorScenario(scenario, { seed, fromMs: FROM_MS, toMs: TO_MS })
    const journeys = journeysOf(seed, scenario)
    const starts = journeys.map((j) => j.stops[0]?.actualMs ?? 0).sort((a, b) => a - b)
    // The split of `landsea eta evaluate`: 70% of the way through the departures.
    const splitMs = starts[0]! + 0.7 * (starts.at(-1)! - starts[0]!)
    const t0 = performance.now()
    const model = evaluateEta({ journeys, splitMs })
    const evalMs = performance.now() - t0
    const test = journeys.filter(isCompleted).filter((j) => j.stops[0]!.actualMs! >= splitMs)
    for (const r of model.horizons) {
      if (r.route === OVERALL) {
        console.log(
          `| ${scenario} | ${seed} | overall | | ${r.shipments} | ${r.maeHoursP50} | | ${r.baselineMaeHours} | | ${(r.coverageP10P90 * 100).toFixed(1)}% | | (evaluate ${evalMs.toFixed(0)} ms)`,
        )
        continue
      }
      let bound = 0
      let covered = 0
      let n = 0
      for (const j of test) {
        if (routeOf(j) !== r.route) continue
        const i = j.stops.findIndex((s) => anchorKeyOf(s) === r.horizon)
        const final = j.stops.at(-1)!
        if (i < 0 || i === j.stops.length - 1) continue
        const draws = Array.from({ length: 2000 }, () =>
          drawArrival(world, final.UNLocationCode, r.horizon, j.stops[i]!.actualMs!),
        ).sort((a, b) => a - b)
        const actual = final.actualMs!
        bound += Math.abs(quantileOfSorted(draws, 0.5) - actual)
        if (quantileOfSorted(draws, 0.1) <= actual && actual <= quantileOfSorted(draws, 0.9))
          covered++
        n++
      }
      const boundH = bound / n / HOUR
      console.log(
        `| ${scenario} | ${seed} | ${r.route} | ${r.horizon} | ${r.shipments} | ${r.maeHoursP50} | ${boundH.toFixed(1)} | ${r.baselineMaeHours} | ${(r.maeHoursP50 / boundH).toFixed(2)} | ${(r.coverageP10P90 * 100).toFixed(1)}% | ${((100 * covered) / n).toFixed(1)}% |`,
      )
    }
  }
}
