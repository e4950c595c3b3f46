import { describe, expect, it } from 'vitest'
import type { CorridorScenarioName } from '../simulation/corridor-scenario.js'
import { simulateCorridor } from '../simulation/simulate-corridor.js'
import { estimateEta } from './estimate-eta.js'
import { learnEtaModel, segmentFor } from './eta-model.js'
import { destinationOf, isCompleted, journeyAsOf, segmentKey, type Journey } from './journey.js'
import { journeysOf } from './fixtures/journeys.js'
import { createNowcast } from './nowcast.js'
import { createSkipNowcast } from './skip-nowcast.js'
import { firstFeasibleDepartureMs } from './timetable.js'

const H = 3_600_000
const DAY = 24 * H
const DWELL = 'ARRI VESSEL SGSIN > DEPA VESSEL SGSIN'

/** A history, a spell of missed connections at Singapore in its last week, and a box to estimate. */
function historyOf(scenario: CorridorScenarioName) {
  const sim = simulateCorridor({
    seed: 11,
    fromMs: Date.UTC(2024, 6, 1),
    toMs: Date.UTC(2025, 4, 1),
    scenario,
  })
  const journeys = journeysOf(sim.events)
  const nowMs = Date.UTC(2025, 2, 10)
  const model = learnEtaModel({
    journeys: journeys.filter((j) => isCompleted(j) && j.stops.at(-1)!.actualMs! < nowMs),
  })
  const sinOf = (j: Journey) =>
    j.stops.findIndex((s) => s.typeCode === 'ARRI' && s.UNLocationCode === 'SGSIN')
  // A spell of missed connections: every box whose first connection at Singapore left in the last
  // 7 days missed it and left a week later (its onward leg with it).
  const missedSpell: Journey[] = journeys.map((j) => {
    const sin = sinOf(j)
    const from = j.stops[sin]
    const to = j.stops[sin + 1]
    if (from?.actualMs === undefined || to === undefined) return j
    const timetable = segmentFor(model, destinationOf(j), segmentKey(from, to))?.timetable
    if (timetable === undefined) return j
    const firstMs = firstFeasibleDepartureMs(timetable, from.actualMs + timetable.cutoffMs)
    if (firstMs <= nowMs - 7 * DAY || firstMs > nowMs) return j
    return {
      ...j,
      stops: j.stops.map((s, i) =>
        i > sin && s.actualMs !== undefined ? { ...s, actualMs: s.actualMs + 7 * DAY } : s,
      ),
    }
  })
  // A box bound beyond Singapore that sails from Qinzhou next.
  const sailMsOf = (j: Journey) =>
    j.stops.find((s) => s.typeCode === 'DEPA' && s.modeOfTransport === 'VESSEL')?.actualMs
  const box = journeys
    .filter((j) => j.stops.at(-1)!.UNLocationCode !== 'SGSIN' && sinOf(j) >= 0)
    .filter((j) => (sailMsOf(j) ?? 0) > nowMs)
    .sort((a, b) => sailMsOf(a)! - sailMsOf(b)!)[0]!
  const atMs = sailMsOf(box)!
  const estimateOf = (js: readonly Journey[], isSkipNowcast: boolean) =>
    estimateEta(model, journeyAsOf(box, atMs), {
      nowMs: atMs,
      nowcast: createNowcast({ model, journeys: js, isSkipNowcast }),
    }).finalArrival!
  return { model, journeys, nowMs, missedSpell, estimateOf }
}

describe('createSkipNowcast on a history with spells of missed connections', () => {
  // How far a window's share strays from the learned one is learned from the spells.
  const { model, nowMs, missedSpell, estimateOf } = historyOf('missed-connections')

  it('finds a spell of missed connections at Singapore, over every route', () => {
    const rate = createSkipNowcast({ model, journeys: missedSpell }).skipRateOf(DWELL, nowMs)
    expect(rate).toBeDefined()
    // Every recent box missed; the share is shrunk toward the learned one by the place's spread.
    expect(rate!.missedShare).toBeGreaterThan(rate!.learnedShare + 0.3)
    expect(rate!.missedShare).toBeLessThan(1)
    expect(rate!.learnedShare).toBeLessThan(0.3)
    expect(rate!.departures).toBeGreaterThanOrEqual(3)
    expect(rate!.weightAt(nowMs + 3 * DAY)).toBe(1)
    expect(rate!.weightAt(nowMs + 28 * DAY)).toBe(0)
  })

  it('moves the estimate of a box bound through Singapore later', () => {
    const moved =
      Date.parse(estimateOf(missedSpell, true).p50) - Date.parse(estimateOf(missedSpell, false).p50)
    expect(moved).toBeGreaterThan(4 * H)
  })

  it('is deterministic', () => {
    const [a, b] = [1, 2].map(() =>
      createSkipNowcast({ model, journeys: missedSpell }).skipRateOf(DWELL, nowMs),
    )
    const fields = (r: typeof a) => [r?.missedShare, r?.learnedShare, r?.boxes, r?.departures]
    expect(fields(a)).toEqual(fields(b))
    expect(estimateOf(missedSpell, true)).toEqual(estimateOf(missedSpell, true))
  })
})

describe('createSkipNowcast on a quiet history', () => {
  const { model, journeys, nowMs, estimateOf } = historyOf('baseline')

  it('says nothing where the share never strayed more than chance, and leaves the estimate', () => {
    expect(createSkipNowcast({ model, journeys }).skipRateOf(DWELL, nowMs)).toBeUndefined()
    expect(estimateOf(journeys, true)).toEqual(estimateOf(journeys, false))
  })
})
