import { describe, expect, it } from 'vitest'
import { estimateEta, learnEtaModel } from './eta-model.js'
import type { Journey, JourneyStop } from './journey.js'

const H = 3_600_000
const t0 = Date.UTC(2025, 2, 3, 2)

function stop(
  typeCode: string,
  mode: 'RAIL' | 'VESSEL',
  loc: string,
  planH: number,
  actH?: number,
): JourneyStop {
  return {
    typeCode,
    UNLocationCode: loc,
    modeOfTransport: mode,
    plannedMs: t0 + planH * H,
    actualMs: actH === undefined ? undefined : t0 + actH * H,
  }
}

// Rail takes 40..59 h in history; the sea leg 70..89 h.
const history: Journey[] = Array.from({ length: 200 }, (_, i) => ({
  shipmentKey: `S${i}`,
  stops: [
    stop('DEPA', 'RAIL', 'CNCKG', 0, 0),
    stop('ARRI', 'RAIL', 'CNQZH', 48, 40 + (i % 20)),
    stop('DEPA', 'VESSEL', 'CNQZH', 60, 60 + (i % 20)),
    stop('ARRI', 'VESSEL', 'SGSIN', 135, 130 + (i % 20) + ((i * 7) % 20)),
  ],
}))

describe('learnEtaModel and estimateEta', () => {
  const model = learnEtaModel({ journeys: history, isSeasonal: false })

  it('learns one distribution per segment', () => {
    expect(model.journeyCount).toBe(200)
    expect([...model.segments.keys()]).toContain('DEPA RAIL CNCKG > ARRI RAIL CNQZH')
  })

  it('keeps a route’s own distribution only where it differs from the other routes’', () => {
    // Boxes for Port Klang ride the same trains, then wait 30 h longer for their own vessel.
    const klang: Journey[] = Array.from({ length: 100 }, (_, i) => ({
      shipmentKey: `K${i}`,
      stops: [
        stop('DEPA', 'RAIL', 'CNCKG', 0, 0),
        stop('ARRI', 'RAIL', 'CNQZH', 48, 40 + (i % 20)),
        stop('DEPA', 'VESSEL', 'CNQZH', 60, 90 + (i % 20)),
        stop('ARRI', 'VESSEL', 'MYPKG', 150, 160 + (i % 20)),
      ],
    }))
    const keys = [...learnEtaModel({ journeys: [...history, ...klang] }).segments.keys()]
    expect(keys).toContain('MYPKG | ARRI RAIL CNQZH > DEPA VESSEL CNQZH')
    expect(keys).toContain('SGSIN | ARRI RAIL CNQZH > DEPA VESSEL CNQZH')
    expect(keys.filter((k) => k.endsWith('DEPA RAIL CNCKG > ARRI RAIL CNQZH'))).toEqual([
      'DEPA RAIL CNCKG > ARRI RAIL CNQZH',
    ])
  })

  it('gives ordered P10 ≤ P50 ≤ P90 for every remaining milestone, reproducibly', () => {
    const journey: Journey = {
      shipmentKey: 'X',
      stops: [
        stop('DEPA', 'RAIL', 'CNCKG', 0, 0),
        stop('ARRI', 'RAIL', 'CNQZH', 48),
        stop('DEPA', 'VESSEL', 'CNQZH', 60),
        stop('ARRI', 'VESSEL', 'SGSIN', 135),
      ],
    }
    const eta = estimateEta(model, journey, { nowMs: t0 })
    expect(eta.milestones.map((m) => m.UNLocationCode)).toEqual(['CNQZH', 'CNQZH', 'SGSIN'])
    for (const m of eta.milestones) {
      expect(Date.parse(m.p10)).toBeLessThanOrEqual(Date.parse(m.p50))
      expect(Date.parse(m.p50)).toBeLessThanOrEqual(Date.parse(m.p90))
      expect(m.basis).toBe('model')
    }
    const railP50 = (Date.parse(eta.milestones[0]!.p50) - t0) / H
    expect(railP50).toBeGreaterThan(47)
    expect(railP50).toBeLessThan(52)
    expect(estimateEta(model, journey, { nowMs: t0 })).toEqual(eta)
    expect(eta.finalArrival?.UNLocationCode).toBe('SGSIN')
  })

  it('conditions on progress: after 55 h on the rail leg the arrival is later than 55 h', () => {
    const journey: Journey = {
      shipmentKey: 'X',
      stops: [
        stop('DEPA', 'RAIL', 'CNCKG', 0, 0),
        stop('ARRI', 'RAIL', 'CNQZH', 48),
        stop('DEPA', 'VESSEL', 'CNQZH', 60),
        stop('ARRI', 'VESSEL', 'SGSIN', 135),
      ],
    }
    const fresh = estimateEta(model, journey, { nowMs: t0 })
    const late = estimateEta(model, journey, { nowMs: t0 + 55 * H })
    const p10 = (Date.parse(late.milestones[0]!.p10) - t0) / H
    expect(p10).toBeGreaterThanOrEqual(55)
    expect(Date.parse(late.finalArrival!.p50)).toBeGreaterThan(Date.parse(fresh.finalArrival!.p50))
  })

  it('falls back to the schedule for a segment without history', () => {
    const journey: Journey = {
      shipmentKey: 'Y',
      stops: [stop('DEPA', 'RAIL', 'CNCKG', 0, 0), stop('ARRI', 'RAIL', 'VNHAN', 110)],
    }
    const eta = estimateEta(model, journey, { nowMs: t0 })
    expect(eta.finalArrival).toMatchObject({
      basis: 'schedule',
      p50: new Date(t0 + 110 * H).toISOString(),
    })
  })
})
