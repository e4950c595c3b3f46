import { describe, expect, it } from 'vitest'
import { simulateCorridor } from '../simulation/simulate-corridor.js'
import { estimateEta } from './estimate-eta.js'
import { learnEtaModel, segmentFor, typicalEndMs } from './eta-model.js'
import { isCompleted, journeyAsOf, type Journey } from './journey.js'
import { delayedAtSingapore, journeysOf } from './fixtures/journeys.js'
import { singaporeSpell } from './fixtures/singapore-spell.js'
import { createNowcast } from './nowcast.js'

const H = 3_600_000

describe('createNowcast', () => {
  const { journeys, nowMs, model, congested } = singaporeSpell()
  // A box that sailed from Qinzhou just now, bound for Singapore.
  const sailing = journeys.find((j) => {
    const dep = j.stops.find((s) => s.typeCode === 'DEPA' && s.modeOfTransport === 'VESSEL')
    return (
      j.stops.at(-1)!.UNLocationCode === 'SGSIN' &&
      dep?.actualMs !== undefined &&
      dep.actualMs > nowMs
    )
  })!
  const depMs = sailing.stops.find(
    (s) => s.typeCode === 'DEPA' && s.modeOfTransport === 'VESSEL',
  )!.actualMs!
  const asOf = journeyAsOf(sailing, depMs)
  const p50 = (nowcast?: ReturnType<typeof createNowcast>) =>
    Date.parse(
      estimateEta(model, asOf, { nowMs: depMs, ...(nowcast ? { nowcast } : {}) }).finalArrival!.p50,
    )

  it('moves the estimate when the port of discharge is congested', () => {
    const shift = p50(createNowcast({ model, journeys: congested })) - p50()
    expect(shift).toBeGreaterThan(48 * H)
    expect(shift).toBeLessThan(96 * H)
  })

  it('leaves it where it was when recent shipments run as the model expects', () => {
    expect(p50(createNowcast({ model, journeys }))).toBe(p50())
  })
})

const SEA = 'DEPA VESSEL CNQZH > ARRI VESSEL SGSIN'

describe('nowcast per departure (vessel-bunching)', () => {
  const sim = simulateCorridor({
    seed: 5,
    fromMs: Date.UTC(2024, 0, 1),
    toMs: Date.UTC(2024, 9, 1),
    scenario: 'vessel-bunching',
  })
  const journeys = journeysOf(sim.events)
  const sailMsOf = (j: Journey) =>
    j.stops.find((s) => s.typeCode === 'DEPA' && s.modeOfTransport === 'VESSEL')?.actualMs
  const nowMs = Date.UTC(2024, 7, 20)
  const model = learnEtaModel({
    journeys: journeys.filter((j) => isCompleted(j) && j.stops.at(-1)!.actualMs! < nowMs),
    isDepartureCarry: true,
  })
  // A box bound for Singapore that sailed from Qinzhou last, by now.
  const box = journeys
    .filter((j) => j.stops.at(-1)!.UNLocationCode === 'SGSIN' && (sailMsOf(j) ?? nowMs) < nowMs)
    .sort((a, b) => sailMsOf(b)! - sailMsOf(a)!)[0]!
  const atMs = sailMsOf(box)!
  // The earlier voyages ran a day late: each sailed 24 h earlier and arrived when it did.
  const lateVoyages = journeys.map((j): Journey => {
    const sin = j.stops.findIndex((s) => s.typeCode === 'ARRI' && s.UNLocationCode === 'SGSIN')
    const arrived = (j.stops[sin]?.actualMs ?? Infinity) <= atMs
    if (sin < 0 || !arrived) return j
    return {
      ...j,
      stops: j.stops.map((s, i) =>
        i < sin && s.actualMs !== undefined ? { ...s, actualMs: s.actualMs - 24 * H } : s,
      ),
    }
  })
  const p50 = (js: readonly Journey[], at: number, journey = journeyAsOf(box, at)) =>
    Date.parse(
      estimateEta(model, journey, { nowMs: at, nowcast: createNowcast({ model, journeys: js }) })
        .finalArrival!.p50,
    )

  it('learns that a Qinzhou voyage carries its delay over to the next ones', () => {
    const carry = model.departureCarries.get(SEA)
    expect(carry?.decay).toBeGreaterThan(0.5)
  })

  it('moves the estimate of a box that just sailed when the voyages before it ran late', () => {
    const moved = p50(lateVoyages, atMs) - p50(journeys, atMs)
    expect(moved).toBeGreaterThan(4 * H)
    expect(moved).toBeLessThan(24 * H)
  })

  it('moves a box that sails weeks later less, or not at all', () => {
    // The same box, as if it were still to sail three weeks on (planned times only).
    const later: Journey = {
      ...box,
      stops: box.stops.map((s) => ({
        ...s,
        actualMs: undefined,
        plannedMs: (s.plannedMs ?? 0) + 21 * 24 * H,
      })),
    }
    const moved = p50(lateVoyages, atMs, later) - p50(journeys, atMs, later)
    const movedNow = p50(lateVoyages, atMs) - p50(journeys, atMs)
    expect(moved).toBeGreaterThanOrEqual(0)
    expect(moved).toBeLessThan(movedNow)
  })

  it('reads the voyage before a box, due and not arrived, as late (isOverdue)', () => {
    // The voyage before the box's reaches Singapore four days later than it did.
    const previousMs = Math.max(
      ...journeys.map((j) => sailMsOf(j) ?? -Infinity).filter((ms) => ms < atMs - H),
    )
    const isPrevious = (j: Journey) => Math.abs((sailMsOf(j) ?? -Infinity) - previousMs) <= H
    const held = delayedAtSingapore(journeys, isPrevious, 96)
    // Half a day after it was due and had arrived in the history, the box still at sea.
    const dueMs = typicalEndMs(segmentFor(model, 'SGSIN', SEA)!, previousMs)
    const arrivedMs = Math.max(
      ...journeys
        .filter(isPrevious)
        .map(
          (j) =>
            j.stops.find((s) => s.typeCode === 'ARRI' && s.UNLocationCode === 'SGSIN')!.actualMs!,
        ),
    )
    const nowMs = Math.max(dueMs, arrivedMs) + 12 * H
    expect(box.stops.at(-1)!.actualMs!).toBeGreaterThan(nowMs)
    const p50Of = (isOverdue: boolean) =>
      Date.parse(
        estimateEta(model, journeyAsOf(box, nowMs), {
          nowMs,
          nowcast: createNowcast({ model, journeys: held, isOverdue }),
        }).finalArrival!.p50,
      )
    expect(p50Of(true) - p50Of(false)).toBeGreaterThan(4 * H)
  })
})
