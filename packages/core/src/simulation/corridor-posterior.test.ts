import { describe, expect, it } from 'vitest'
import { CORRIDOR_MODEL } from './corridor-model.js'
import { REGIME_CHAIN, TYPHOON_SEASON } from './corridor-posterior.js'
import { CORRIDOR_SCENARIOS, corridorScenario } from './corridor-scenario.js'
import { createRandom } from './random.js'

const DAY = 86_400_000
const WEEK = 7 * DAY
const fromMs = Date.UTC(2024, 0, 1)
const toMs = Date.UTC(2025, 11, 1)
/** The scenarios' week grid starts 4 weeks before the history. */
const originMs = fromMs - 4 * WEEK
const weekStart = (ms: number) => originMs + Math.floor((ms - originMs) / WEEK) * WEEK
const DRAWS = 4000

/** Whether `p̂` of `n` draws is within 4 binomial standard errors of `p`. */
function expectNear(hits: number, n: number, p: number) {
  const se = Math.sqrt((p * (1 - p)) / n)
  expect(Math.abs(hits / n - p)).toBeLessThanOrEqual(4 * se + 1e-9)
}

/** P(congested k weeks on | congested now or not): the chain's k-step probability. */
function kStep(isCongested: boolean, k: number) {
  const { enter, stay } = REGIME_CHAIN
  const stationary = enter / (1 - stay + enter)
  const lambda = stay - enter
  return stationary + ((isCongested ? 1 : 0) - stationary) * lambda ** k
}

describe('the posterior of the congestion regime (Bayes bound)', () => {
  const world = corridorScenario('congestion-regimes', { seed: 3, fromMs, toMs })
  const isCongested = (w: { congestionExtraMeanHoursAt(ms: number): number }, ms: number) =>
    w.congestionExtraMeanHoursAt(ms) > 0
  const weekMids = Array.from(
    { length: Math.floor((toMs - fromMs) / WEEK) },
    (_, i) => fromMs + i * WEEK + WEEK / 2,
  )
  const congestedNow = weekMids.find((ms, i) => i > 10 && isCongested(world, ms))!
  const clearNow = weekMids.find((ms, i) => i > 10 && !isCongested(world, ms))!

  it('follows the chain from the state of the week it knows', () => {
    expect(congestedNow).toBeDefined()
    const rng = createRandom({ seed: 11 })
    for (const [knownAtMs, state] of [
      [congestedNow, true],
      [clearNow, false],
    ] as const) {
      const hits = [1, 2, 4, 8].map(() => 0)
      for (let d = 0; d < DRAWS; d++) {
        const draw = world.posteriorAt(knownAtMs, rng)
        // Asked out of order: a lazy draw must still walk the chain week by week.
        ;[8, 1, 4, 2].forEach((k) => {
          const i = [1, 2, 4, 8].indexOf(k)
          if (isCongested(draw, knownAtMs + k * WEEK)) hits[i]!++
        })
      }
      ;[1, 2, 4, 8].forEach((k, i) => expectNear(hits[i]!, DRAWS, kStep(state, k)))
    }
  })

  it('keeps the revealed weeks as they were, and each draw consistent with itself', () => {
    const rng = createRandom({ seed: 12 })
    for (let d = 0; d < 200; d++) {
      const draw = world.posteriorAt(congestedNow, rng)
      for (const ms of weekMids.filter((x) => weekStart(x) <= weekStart(congestedNow)))
        expect(draw.congestionExtraMeanHoursAt(ms)).toBe(world.congestionExtraMeanHoursAt(ms))
      const later = congestedNow + 3 * WEEK
      expect(draw.congestionExtraMeanHoursAt(later)).toBe(draw.congestionExtraMeanHoursAt(later))
    }
  })

  it('draws the week of the horizon too when it is not revealed (sensitivity check)', () => {
    const rng = createRandom({ seed: 14 })
    const lastWeek = congestedNow - WEEK
    let congested = 0
    for (let d = 0; d < DRAWS; d++) {
      const draw = world.posteriorAt(congestedNow, rng, { isCurrentWeekRevealed: false })
      expect(isCongested(draw, lastWeek)).toBe(isCongested(world, lastWeek))
      if (isCongested(draw, congestedNow)) congested++
    }
    expectNear(congested, DRAWS, kStep(isCongested(world, lastWeek), 1))
  })

  it('sets the missed connections of missed-connections from the same draw', () => {
    const missed = corridorScenario('missed-connections', { seed: 3, fromMs, toMs })
    const rng = createRandom({ seed: 13 })
    let congested = 0
    for (let d = 0; d < DRAWS; d++) {
      const draw = missed.posteriorAt(congestedNow, rng)
      const ms = congestedNow + 2 * WEEK
      const p = draw.weeklyMissProbabilityAt(ms)
      expect(p).toBe(draw.congestionExtraMeanHoursAt(ms) > 0 ? 0.45 : 0.06)
      if (p === 0.45) congested++
    }
    // The two scenarios share the chain's seed, so the week known is congested in both.
    expectNear(congested, DRAWS, kStep(true, 2))
  })
})

describe('the posterior of the typhoon closures (Bayes bound)', () => {
  const world = corridorScenario('typhoons', { seed: 5, fromMs, toMs })
  /** Every closure a draw holds up to `untilMs` (asking for it draws the weeks up to there). */
  const closuresOf = (draw: ReturnType<typeof world.posteriorAt>, untilMs: number) => {
    draw.openFrom(CORRIDOR_MODEL.hub, untilMs)
    return draw.closures
  }

  it('keeps the closures that had started, and starts none before the horizon', () => {
    const rng = createRandom({ seed: 21 })
    const season = world.closures.filter((c) => c.fromMs > Date.UTC(2024, 6, 1))
    expect(season.length).toBeGreaterThan(3)
    for (const c of season.slice(0, 4)) {
      // Just after this closure began: it is known, with its real end.
      const knownAtMs = c.fromMs + DAY / 4
      const revealed = world.closures.filter((x) => x.fromMs <= knownAtMs)
      for (let d = 0; d < 300; d++) {
        const draw = world.posteriorAt(knownAtMs, rng)
        const all = closuresOf(draw, knownAtMs + 10 * WEEK)
        expect(all.slice(0, revealed.length)).toEqual(revealed)
        for (const x of all.slice(revealed.length)) {
          expect(x.fromMs).toBeGreaterThan(knownAtMs)
          // The week of the horizon already had its closure.
          expect(x.fromMs).toBeGreaterThanOrEqual(weekStart(knownAtMs) + WEEK)
        }
        expect(draw.openFrom(c.port, knownAtMs)).toBeGreaterThanOrEqual(c.toMs)
      }
    }
  })

  it('draws later weeks from the season: 30% in July–October, 70% Qinzhou, 1.5–4 days', () => {
    const rng = createRandom({ seed: 22 })
    const knownAtMs = Date.UTC(2024, 5, 20, 7)
    const august = weekStart(Date.UTC(2024, 7, 14))
    const november = weekStart(Date.UTC(2024, 10, 13))
    let inAugust = 0
    let inNovember = 0
    let atQinzhou = 0
    let drawn = 0
    for (let d = 0; d < DRAWS; d++) {
      const all = closuresOf(world.posteriorAt(knownAtMs, rng), november + WEEK)
      for (const c of all) {
        if (c.fromMs <= knownAtMs) continue
        drawn++
        if (c.port === CORRIDOR_MODEL.railPort) atQinzhou++
        const days = (c.toMs - c.fromMs) / DAY
        expect(days).toBeGreaterThanOrEqual(TYPHOON_SEASON.days[0])
        expect(days).toBeLessThan(TYPHOON_SEASON.days[1])
      }
      if (all.some((c) => c.fromMs >= august && c.fromMs < august + WEEK)) inAugust++
      if (all.some((c) => c.fromMs >= november && c.fromMs < november + WEEK)) inNovember++
    }
    expectNear(inAugust, DRAWS, TYPHOON_SEASON.weeklyChance)
    expect(inNovember).toBe(0)
    expectNear(atQinzhou, drawn, TYPHOON_SEASON.railPortShare)
  })

  it('in the week of the horizon, conditions on no closure having started yet', () => {
    const rng = createRandom({ seed: 23 })
    // A season week whose closure, if any, had not started by the horizon.
    const week = [0, 1, 2, 3, 4, 5, 6, 7]
      .map((i) => weekStart(Date.UTC(2024, 7, 1)) + i * WEEK)
      .find((w) => !world.closures.some((c) => c.fromMs >= w && c.fromMs < w + 3 * DAY))!
    expect(week).toBeDefined()
    const knownAtMs = week + 3 * DAY
    const f = 3 / 7
    const p = TYPHOON_SEASON.weeklyChance
    let later = 0
    for (let d = 0; d < DRAWS; d++) {
      const all = closuresOf(world.posteriorAt(knownAtMs, rng), week + WEEK - 1)
      const inWeek = all.filter((c) => c.fromMs >= week && c.fromMs < week + WEEK)
      expect(inWeek.length).toBeLessThanOrEqual(1)
      for (const c of inWeek) expect(c.fromMs).toBeGreaterThan(knownAtMs)
      if (inWeek.length > 0) later++
    }
    expectNear(later, DRAWS, (p * (1 - f)) / (1 - p * f))
  })
})

describe('scenarios without a posterior', () => {
  it('return the world itself and draw nothing', () => {
    for (const name of CORRIDOR_SCENARIOS) {
      if (['congestion-regimes', 'missed-connections', 'typhoons'].includes(name)) continue
      const world = corridorScenario(name, { seed: 2, fromMs, toMs })
      const rng = createRandom({ seed: 31 })
      expect(world.posteriorAt(fromMs + 40 * WEEK, rng)).toBe(world)
      expect(rng.next()).toBe(createRandom({ seed: 31 }).next())
    }
  })
})
