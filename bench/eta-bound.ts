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
  CORRIDOR_SCENARIOS,
  corridorScenario,
  createRandom,
  drawFinalArrival,
  simulateCorridor,
  type CorridorScenario,
  type CorridorScenarioName,
} from '@landsea/core/simulation'
import { shipmentKeyOf, type TrackingEvent } from '@landsea/core/tracking'

// How close is `landsea eta evaluate` to the best any model could do? For each test case, this
// draws the final arrival 2,000 times from the simulator's own process (`drawFinalArrival`: the
// same step functions simulate-corridor.ts calls, from the horizon on) and scores the median of
// those draws, the Bayes-optimal P50 for MAE given what is known at the horizon: each draw is of the
// world as known then (`CorridorScenario.posteriorAt`). Under `congestion-regimes` and
// `missed-connections` the regime of the weeks up to the horizon's is revealed and later weeks are
// drawn from the chain; under `typhoons` the closures that had started are revealed and later ones
// drawn from the season; under `vessel-bunching` a voyage's shared delay is drawn knowing only the
// voyages that had reached Singapore by the horizon. `ETA_BOUND_ORACLE=1` judges against the old
// bound instead, whose draws read the world's actual regimes and closures, future ones included (an
// oracle's, below the Bayes one); by default it is printed beside the Bayes bound. Not a benchmark
// (no `.bench.ts`): `node --import tsx bench/eta-bound.ts all 2026 1 2 3 4`.

const HOUR = 3_600_000
/** The oracle's draws, in the order of every run before round 17 (so its figures are unchanged). */
const rng = createRandom({ seed: 0xb0 })
/** The Bayes bound's draws where it differs from the oracle's, from a generator of its own. */
const bayesRng = createRandom({ seed: 0xba7e5 })
const IS_ORACLE = process.env.ETA_BOUND_ORACLE === '1'
/** `ETA_BOUND_CURRENT_WEEK=0`: the regime of the horizon's own week is drawn too, not revealed. */
const IS_CURRENT_WEEK_REVEALED = process.env.ETA_BOUND_CURRENT_WEEK !== '0'

/** Where bookings to `code` go under `world`. */
function destinationOf(world: CorridorScenario, code: string) {
  const d = world.destinations.find((x) => x.UNLocationCode === code)
  if (d === undefined) throw new Error(`unknown destination ${code}`)
  return d
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

interface Bound {
  absMs: number
  covers: boolean
}

/**
 * One test case's bound: the median of the draws and whether P10–P90 of them covers. `isBayes`:
 * each draw is of the world as known at the horizon (`posteriorAt`), from `bayesRng`; otherwise
 * the draws read `world` itself, from `rng`.
 */
function boundOf(world: CorridorScenario, j: Journey, i: number, isBayes: boolean): Bound {
  const atMs = j.stops[i]!.actualMs!
  const final = j.stops.at(-1)!
  const r = isBayes ? bayesRng : rng
  const process = { rng: r, extra: r, world, knownAtMs: atMs }
  const destination = destinationOf(world, final.UNLocationCode)
  const stop = anchorKeyOf(j.stops[i]!)
  const draws = Array.from({ length: DRAWS }, () =>
    drawFinalArrival(
      isBayes
        ? {
            ...process,
            world: world.posteriorAt(atMs, r, { isCurrentWeekRevealed: IS_CURRENT_WEEK_REVEALED }),
          }
        : process,
      destination,
      stop,
      atMs,
    ),
  ).sort((a, b) => a - b)
  const actual = final.actualMs!
  return {
    absMs: Math.abs(quantileOfSorted(draws, 0.5) - actual),
    covers: quantileOfSorted(draws, 0.1) <= actual && actual <= quantileOfSorted(draws, 0.9),
  }
}

/**
 * The bound judged and the oracle's (the same where no draw of `world` differs from it). The
 * oracle's draws are always made, from `rng`, so its stream, and every later scenario's bound,
 * stay what they were before the Bayes draws existed.
 */
function boundsOf(world: CorridorScenario, j: Journey, i: number, hasPosterior: boolean) {
  const oracle = boundOf(world, j, i, false)
  return { oracle, bound: hasPosterior && !IS_ORACLE ? boundOf(world, j, i, true) : oracle }
}

interface Cell {
  n: number
  model: number
  bound: number
  oracle: number
  baseline: number
  covered: number
  boundCovered: number
  recent: number
  recentCovered: number
  /** Σ (shipments × standard error)² over seeds, for the pooled coverage's standard error. */
  coverageVariance: number
}

const RECENT_DAYS = 90
/** Draws per test case (2,000; fewer for a quick look) and whether to score the recency variant. */
const DRAWS = Number(process.env.ETA_BOUND_DRAWS ?? 2000)
const WITH_RECENCY = process.env.ETA_BOUND_RECENCY !== '0'
/**
 * `ETA_BOUND_DEPARTURE_CARRY=0` scores the model with the 7-day window everywhere (no departures'
 * carry-over, as before issue 13 round 15); by default each segment's nowcast is chosen.
 */
const IS_DEPARTURE_CARRY = process.env.ETA_BOUND_DEPARTURE_CARRY !== '0'
/** `ETA_BOUND_CLUSTERED_CALIBRATION=0` judges the calibration's miss by boxes, as before round 16. */
const IS_CLUSTERED_CALIBRATION = process.env.ETA_BOUND_CLUSTERED_CALIBRATION !== '0'
/**
 * `ETA_BOUND_ROLLING_CALIBRATION=0` keeps the held-out fifth's band scales throughout the test
 * period, as before issue 13 round 18; `ETA_BOUND_HALF_LIFE_DAYS` sets the rolling one's half-life.
 */
const IS_ROLLING_CALIBRATION = process.env.ETA_BOUND_ROLLING_CALIBRATION !== '0'
const HALF_LIFE_DAYS = Number(process.env.ETA_BOUND_HALF_LIFE_DAYS ?? 28)
/** `ETA_BOUND_SKIP_NOWCAST=1` scores the model with the nowcast of missed departures (round 20). */
const IS_SKIP_NOWCAST = process.env.ETA_BOUND_SKIP_NOWCAST === '1'
/** `ETA_BOUND_POOLED_WINDOW=0`: no pooled window for thin routes (as round 22; rounds 21, 23). */
const IS_POOLED_WINDOW = process.env.ETA_BOUND_POOLED_WINDOW !== '0'
/** `ETA_BOUND_OVERDUE=0`: the nowcast counts ended boxes only (as before issue 13 round 30). */
const IS_OVERDUE = process.env.ETA_BOUND_OVERDUE !== '0'
/** `ETA_BOUND_ADAPTIVE_LEVEL=0`: no per-tail adaptive level (as round 18); step `…_STEP`. */
const IS_ADAPTIVE_LEVEL = process.env.ETA_BOUND_ADAPTIVE_LEVEL !== '0'
const ADAPTIVE_STEP = Number(process.env.ETA_BOUND_ADAPTIVE_STEP ?? 0.005)
/** `ETA_BOUND_COVERAGE_SE=1` prints each cell's coverage ± its standard error by departures. */
const HAS_COVERAGE_SE = process.env.ETA_BOUND_COVERAGE_SE === '1'
const pct = (x: number) => `${(100 * x).toFixed(1)}%`

// `node --import tsx bench/eta-bound.ts [SCENARIO[,SCENARIO…]|all] [SEED…]`: per scenario, route and horizon,
// pooled over the seeds (weighted by shipments), the model's P50 MAE, the bound's, the schedule
// baseline's (hours), the P10–P90 coverages, the model with a change-point window of 90 days
// (`recentDays`) beside it, and the targets each cell fails. Progress goes to stderr.
const [scenarioArg = 'all', ...seedArgs] = process.argv.slice(2)
const scenarios =
  scenarioArg === 'all' ? CORRIDOR_SCENARIOS : (scenarioArg.split(',') as CorridorScenarioName[])
const seeds = seedArgs.length > 0 ? seedArgs.map(Number) : [2026, 1, 2, 3, 4]
console.log(
  IS_ORACLE
    ? 'Bound: the oracle (ETA_BOUND_ORACLE=1): draws read the actual regimes and closures, future ones included.'
    : `Bound: Bayes given the past revealed at the horizon${IS_CURRENT_WEEK_REVEALED ? '' : ", the horizon's week's regime drawn"} (the oracle, reading future regimes and closures, beside it).`,
)
console.log(
  '| scenario | route | horizon | shipments | model MAE h | bound MAE h | baseline MAE h | model / bound | bound / baseline | model / baseline | coverage | bound coverage | recency MAE h | recency coverage | oracle MAE h | fails |',
)
console.log(
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
)
for (const scenario of scenarios) {
  const cells = new Map<string, Cell>()
  const overall = { n: 0, model: 0, baseline: 0, covered: 0, recent: 0, recentCovered: 0 }
  for (const seed of seeds) {
    const world = corridorScenario(scenario, { seed, fromMs: FROM_MS, toMs: TO_MS })
    // Lazy: a posterior draws nothing until asked, so this probe leaves every generator as it is.
    const hasPosterior = world.posteriorAt(FROM_MS, createRandom()) !== world
    const journeys = journeysOf(seed, scenario)
    const starts = journeys.map((j) => j.stops[0]?.actualMs ?? 0).sort((a, b) => a - b)
    // The split of `landsea eta evaluate`: 70% of the way through the departures.
    const splitMs = starts[0]! + 0.7 * (starts.at(-1)! - starts[0]!)
    const t0 = performance.now()
    const model = evaluateEta({
      journeys,
      splitMs,
      isDepartureCarry: IS_DEPARTURE_CARRY,
      isClusteredCalibration: IS_CLUSTERED_CALIBRATION,
      isRollingCalibration: IS_ROLLING_CALIBRATION,
      calibrationHalfLifeDays: HALF_LIFE_DAYS,
      isSkipNowcast: IS_SKIP_NOWCAST,
      isPooledWindow: IS_POOLED_WINDOW,
      isOverdue: IS_OVERDUE,
      isAdaptiveLevel: IS_ADAPTIVE_LEVEL,
      adaptiveStepSize: ADAPTIVE_STEP,
      hasCoverageStandardError: HAS_COVERAGE_SE,
    })
    const evalMs = performance.now() - t0
    const recent = WITH_RECENCY
      ? evaluateEta({
          journeys,
          splitMs,
          recentDays: RECENT_DAYS,
          isDepartureCarry: IS_DEPARTURE_CARRY,
          isSkipNowcast: IS_SKIP_NOWCAST,
          isPooledWindow: IS_POOLED_WINDOW,
          isOverdue: IS_OVERDUE,
        })
      : model
    const recentRows = new Map(recent.horizons.map((r) => [`${r.route} ${r.horizon}`, r]))
    const test = journeys.filter(isCompleted).filter((j) => j.stops[0]!.actualMs! >= splitMs)
    process.stderr.write(`${scenario} seed ${seed}: evaluate ${evalMs.toFixed(0)} ms\n`)
    for (const r of model.horizons) {
      const rr = recentRows.get(`${r.route} ${r.horizon}`)!
      if (r.route === OVERALL) {
        overall.n += r.shipments
        overall.model += r.shipments * r.maeHoursP50
        overall.baseline += r.shipments * r.baselineMaeHours
        overall.covered += r.shipments * r.coverageP10P90
        overall.recent += r.shipments * rr.maeHoursP50
        overall.recentCovered += r.shipments * rr.coverageP10P90
        continue
      }
      const key = `${r.route} | ${r.horizon}`
      const c = cells.get(key) ?? {
        n: 0,
        model: 0,
        bound: 0,
        oracle: 0,
        baseline: 0,
        covered: 0,
        boundCovered: 0,
        recent: 0,
        recentCovered: 0,
        coverageVariance: 0,
      }
      for (const j of test) {
        if (routeOf(j) !== r.route) continue
        const i = j.stops.findIndex((s) => anchorKeyOf(s) === r.horizon)
        if (i < 0 || i === j.stops.length - 1) continue
        const { bound, oracle } = boundsOf(world, j, i, hasPosterior)
        c.bound += bound.absMs / HOUR
        c.oracle += oracle.absMs / HOUR
        if (bound.covers) c.boundCovered++
      }
      c.n += r.shipments
      c.model += r.shipments * r.maeHoursP50
      c.baseline += r.shipments * r.baselineMaeHours
      c.covered += r.shipments * r.coverageP10P90
      c.recent += r.shipments * rr.maeHoursP50
      c.recentCovered += r.shipments * rr.coverageP10P90
      c.coverageVariance += (r.shipments * (r.coverageStandardError ?? 0)) ** 2
      cells.set(key, c)
    }
  }
  for (const [key, c] of cells) {
    const [route, horizon] = key.split(' | ')
    const [model, bound, baseline] = [c.model / c.n, c.bound / c.n, c.baseline / c.n]
    const coverage = c.covered / c.n
    const fails = [
      model / bound > 1.1 ? 'MAE > 1.10 × bound' : '',
      bound <= 0.5 * baseline && model > 0.6 * baseline ? 'MAE > 0.6 × baseline' : '',
      coverage < 0.76 || coverage > 0.84 ? 'coverage' : '',
    ].filter(Boolean)
    const se = HAS_COVERAGE_SE
      ? ` ± ${((100 * Math.sqrt(c.coverageVariance)) / c.n).toFixed(1)}`
      : ''
    console.log(
      `| ${scenario} | ${route} | ${horizon} | ${c.n} | ${model.toFixed(1)} | ${bound.toFixed(1)} | ${baseline.toFixed(1)} | ${(model / bound).toFixed(2)} | ${(bound / baseline).toFixed(2)} | ${(model / baseline).toFixed(2)} | ${pct(coverage)}${se} | ${pct(c.boundCovered / c.n)} | ${(c.recent / c.n).toFixed(1)} | ${pct(c.recentCovered / c.n)} | ${(c.oracle / c.n).toFixed(1)} | ${fails.join(', ')} |`,
    )
  }
  const o = overall
  console.log(
    `| ${scenario} | **overall** | | ${o.n} | ${(o.model / o.n).toFixed(1)} | | ${(o.baseline / o.n).toFixed(1)} | | | ${(o.model / o.baseline).toFixed(2)} | ${pct(o.covered / o.n)} | | ${(o.recent / o.n).toFixed(1)} | ${pct(o.recentCovered / o.n)} | | |`,
  )
}
