import { describe, expect, it } from 'vitest'
import { simulateCorridor } from '../simulation/simulate-corridor.js'
import { learnEtaModel } from './eta-model.js'
import { type Journey } from './journey.js'
import { journeysOf } from './fixtures/journeys.js'
import { chooseNowcasts, compareNowcasts } from './nowcast-choice.js'

const H = 3_600_000
const SEA = 'DEPA VESSEL CNQZH > ARRI VESSEL SGSIN'

const histories = new Map<string, Journey[]>()

/** Nine months of a scenario's history (simulated once per file). */
function historyOf(scenario: 'vessel-bunching' | 'baseline'): Journey[] {
  let journeys = histories.get(scenario)
  if (journeys === undefined) {
    const sim = simulateCorridor({
      seed: 5,
      fromMs: Date.UTC(2024, 0, 1),
      toMs: Date.UTC(2024, 9, 1),
      scenario,
    })
    histories.set(scenario, (journeys = journeysOf(sim.events)))
  }
  return journeys
}

describe('choosing the nowcast per segment', () => {
  it('keeps the departure carry-over where voyages carry their delay (vessel-bunching)', () => {
    const journeys = historyOf('vessel-bunching')
    const model = learnEtaModel({ journeys, isDepartureCarry: true })
    expect(model.departureCarries.has(SEA)).toBe(true)
    const [sea] = compareNowcasts(model, journeys)
    expect(sea?.key).toBe(SEA)
    // Scored per departure, not per box: a voyage's boxes are one observation.
    expect(sea!.departures).toBeLessThan(sea!.cases / 10)
    expect(sea!.carryMaeHours).toBeLessThan(sea!.windowMaeHours)
    expect(chooseNowcasts(model, journeys).departureCarries.has(SEA)).toBe(true)
  })

  it('drops a carry-over that the history shows does worse than the 7-day window', () => {
    // Independent voyages, with a carry-over forced on: it carries each voyage's noise forward.
    const journeys = historyOf('baseline')
    const learned = learnEtaModel({ journeys, isDepartureCarry: true })
    expect(learned.departureCarries.has(SEA)).toBe(false)
    const carry = { signalShare: 1, decay: 0.9, meanHours: 0, gapMs: 56 * H, departureShare: 1 }
    const model = { ...learned, departureCarries: new Map([[SEA, carry]]) }
    const [sea] = compareNowcasts(model, journeys)
    expect(sea!.carryMaeHours).toBeGreaterThan(sea!.windowMaeHours)
    expect(chooseNowcasts(model, journeys).departureCarries.size).toBe(0)
  })

  it('changes nothing where no carry-over is learned', () => {
    const journeys = historyOf('baseline')
    const model = learnEtaModel({ journeys, isDepartureCarry: true })
    expect(compareNowcasts(model, journeys)).toEqual([])
    expect(chooseNowcasts(model, journeys)).toBe(model)
  })
})
