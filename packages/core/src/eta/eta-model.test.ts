import { describe, expect, it } from 'vitest'
import { estimateEta } from './estimate-eta.js'
import { learnEtaModel, utcMonthOf } from './eta-model.js'
import { createRandom } from '../simulation/random.js'
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

describe('seasons and times of week', () => {
  const rng = createRandom({ seed: 7 })
  // Sea legs of 70–90 h, 40 h longer when they end in May (congestion at the port of arrival).
  const journeys: Journey[] = Array.from({ length: 1500 }, (_, i) => {
    const departMs = Date.UTC(2024, 0, 1) + i * 11.7 * H
    let seaH = 70 + 20 * rng.next()
    if (new Date(departMs + 80 * H).getUTCMonth() === 4) seaH += 40
    return {
      shipmentKey: `S${i}`,
      stops: [
        {
          typeCode: 'DEPA',
          UNLocationCode: 'CNQZH',
          modeOfTransport: 'VESSEL',
          plannedMs: departMs,
          actualMs: departMs,
        },
        {
          typeCode: 'ARRI',
          UNLocationCode: 'SGSIN',
          modeOfTransport: 'VESSEL',
          plannedMs: departMs + 75 * H,
          actualMs: departMs + seaH * H,
        },
      ],
    }
  })
  const model = learnEtaModel({ journeys })
  const sea = model.segments.get('DEPA VESSEL CNQZH > ARRI VESSEL SGSIN')!
  const p50H = (departMs: number) => {
    const journey: Journey = {
      shipmentKey: 'X',
      stops: [
        { ...journeys[0]!.stops[0]!, plannedMs: departMs, actualMs: departMs },
        { ...journeys[0]!.stops[1]!, actualMs: undefined },
      ],
    }
    return (
      (Date.parse(estimateEta(model, journey, { nowMs: departMs }).finalArrival!.p50) - departMs) /
      H
    )
  }

  it('learns the season of the month a segment ends in', () => {
    expect(sea.byMonth[4]).toBeDefined()
    expect(sea.byMonth[3]).toBeUndefined()
    // Leaving on 29 April, a sea leg ends in May: congested, though it starts in April.
    expect(p50H(Date.UTC(2025, 3, 29, 12))).toBeGreaterThan(110)
    expect(p50H(Date.UTC(2025, 3, 20, 12))).toBeLessThan(90)
  })

  it('finds no time-of-week effect in durations that have none', () => {
    // Tested at 5% each, the 42 bins of the week find 11 differences in these four noise histories.
    const spurious = [1, 2, 3, 4].map((seed) => {
      const noise = createRandom({ seed })
      const history = journeys.map((j) => ({
        ...j,
        stops: [
          j.stops[0]!,
          { ...j.stops[1]!, actualMs: j.stops[0]!.actualMs! + (70 + 20 * noise.next()) * H },
        ],
      }))
      const segment = [...learnEtaModel({ journeys: history }).segments.values()][0]!
      return segment.byWeekBin.filter((b) => b !== undefined).length
    })
    expect(spurious).toEqual([0, 0, 0, 0])
  })
})

describe('utcMonthOf', () => {
  it('agrees with Date at every month boundary from 1969 to 2100', () => {
    for (let y = 1969; y <= 2100; y++) {
      for (let m = 0; m < 12; m++) {
        const start = Date.UTC(y, m, 1)
        expect([utcMonthOf(start - 1), utcMonthOf(start)]).toEqual([(m + 11) % 12, m])
      }
    }
  })
})

describe('learnEtaModel with a change-point window (recentDays)', () => {
  const DAY = 24 * H
  // A rail leg of 40..59 h for 300 days, then 70..89 h (line works) for the last 80.
  const journeys: Journey[] = Array.from({ length: 380 }, (_, d) => {
    const start = t0 + d * DAY
    const hours = (d < 300 ? 40 : 70) + (d % 20)
    return {
      shipmentKey: `R${d}`,
      stops: [
        {
          typeCode: 'DEPA',
          UNLocationCode: 'CNCKG',
          modeOfTransport: 'RAIL',
          plannedMs: start,
          actualMs: start,
        },
        {
          typeCode: 'ARRI',
          UNLocationCode: 'CNQZH',
          modeOfTransport: 'RAIL',
          plannedMs: start + 48 * H,
          actualMs: start + hours * H,
        },
      ],
    }
  })
  const median = (recentDays?: number) => {
    const model = learnEtaModel({
      journeys,
      isSeasonal: false,
      ...(recentDays ? { recentDays } : {}),
    })
    const hours = model.segments.get('DEPA RAIL CNCKG > ARRI RAIL CNQZH')!.hours
    return hours[Math.floor(hours.length / 2)]!
  }

  it('learns the new durations where the recent samples differ from the older ones', () => {
    expect(median()).toBeLessThan(60)
    expect(median(90)).toBeGreaterThanOrEqual(70)
  })

  it('keeps every sample where nothing changed', () => {
    const steady = journeys.slice(0, 300)
    const model = learnEtaModel({ journeys: steady, isSeasonal: false, recentDays: 90 })
    expect(model.segments.get('DEPA RAIL CNCKG > ARRI RAIL CNQZH')!.hours.length).toBe(300)
  })
})
