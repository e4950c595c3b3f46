import { describe, expect, it } from 'vitest'
import { computeJourneyEmissions } from './journey-emissions.js'

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
