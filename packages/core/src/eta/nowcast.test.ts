import { describe, expect, it } from 'vitest'
import { simulateCorridor } from '../simulation/simulate-corridor.js'
import { shipmentKeyOf, type TrackingEvent } from '../tracking/tracking-event.js'
import { estimateEta } from './estimate-eta.js'
import { learnEtaModel } from './eta-model.js'
import { isCompleted, journeyAsOf, journeyFromEvents, type Journey } from './journey.js'
import { createNowcast } from './nowcast.js'

const H = 3_600_000
const DAY = 24 * H

describe('createNowcast', () => {
  const sim = simulateCorridor({
    seed: 11,
    fromMs: Date.UTC(2025, 0, 1),
    toMs: Date.UTC(2025, 3, 1),
    shipmentsPerDay: 8,
  })
  const byShipment = new Map<string, TrackingEvent[]>()
  for (const e of sim.events) {
    if (e.eventType !== 'TRANSPORT') continue
    const key = shipmentKeyOf(e) as string
    byShipment.set(key, [...(byShipment.get(key) ?? []), e])
  }
  const journeys = [...byShipment].map(([key, events]) => journeyFromEvents(key, events))
  const nowMs = Date.UTC(2025, 2, 10)
  const model = learnEtaModel({
    journeys: journeys.filter((j) => isCompleted(j) && j.stops.at(-1)!.actualMs! < nowMs),
  })
  // Singapore congested this week: every ship that arrived in the last 7 days waited 3 days more.
  const congested: Journey[] = journeys.map((j) => ({
    ...j,
    stops: j.stops.map((s, i) => {
      const sin = j.stops.findIndex((x) => x.typeCode === 'ARRI' && x.UNLocationCode === 'SGSIN')
      const at = j.stops[sin]?.actualMs
      const isHit = sin >= 0 && i >= sin && at !== undefined && at > nowMs - 7 * DAY && at <= nowMs
      return isHit && s.actualMs !== undefined ? { ...s, actualMs: s.actualMs + 72 * H } : s
    }),
  }))
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
