import { describe, expect, it } from 'vitest'
import type { Milestone } from '../tracking/timeline.js'
import { computeJourneyEmissions, journeyLegsOf } from './journey-emissions.js'

describe('computeJourneyEmissions', () => {
  it('prices the corridor journey like the worked example, per TEU', () => {
    const result = computeJourneyEmissions(
      [
        { from: 'CNCKG', to: 'CNQZH', modeOfTransport: 'RAIL' },
        { from: 'CNQZH', to: 'SGSIN', modeOfTransport: 'VESSEL' },
      ],
      { teu: 1 },
    )
    expect(result.elements.map((e) => e.element)).toEqual([
      'CNCKG→CNQZH',
      'CNQZH→SGSIN',
      'CNCKG',
      'CNQZH',
      'SGSIN',
    ])
    expect(result.co2eKg).toBe(526.7)
  })

  it('uses the intra-SE-Asia factor and diesel rail outside China, great circle when not tabled', () => {
    const result = computeJourneyEmissions([
      { from: 'SGSIN', to: 'MYPKG', modeOfTransport: 'VESSEL' },
      { from: 'CNCKG', to: 'VNHAN', modeOfTransport: 'RAIL' },
    ])
    expect(result.elements[0]).toMatchObject({
      factor: 'sea-container-intra-se-asia',
      activity: 1080,
    })
    expect(result.elements[1]!.factor).toBe('rail-diesel')
    expect(result.elements[1]!.activity).toBeGreaterThan(20 * 900)
  })
})

describe('journeyLegsOf', () => {
  const milestone = (
    typeCode: 'DEPA' | 'ARRI',
    at: string,
    place: string | undefined,
    mode: 'RAIL' | 'VESSEL',
  ): Milestone => ({
    key: `TRANSPORT ${typeCode} ${mode} ${place}`,
    eventType: 'TRANSPORT',
    typeCode,
    modeOfTransport: mode,
    plannedAt: `2026-03-0${at}T00:00:00Z`,
    ...(place ? { UNLocationCode: place } : {}),
  })

  it('pairs each departure with the next arrival in route order, skipping legs without a place', () => {
    const legs = journeyLegsOf([
      milestone('DEPA', '4', 'CNQZH', 'VESSEL'),
      milestone('ARRI', '2', 'CNQZH', 'RAIL'),
      milestone('DEPA', '1', 'CNCKG', 'RAIL'),
      milestone('ARRI', '8', 'SGSIN', 'VESSEL'),
      milestone('DEPA', '9', undefined, 'VESSEL'),
    ])
    expect(legs).toEqual([
      { from: 'CNCKG', to: 'CNQZH', modeOfTransport: 'RAIL' },
      { from: 'CNQZH', to: 'SGSIN', modeOfTransport: 'VESSEL' },
    ])
  })
})
