import { describe, expect, it } from 'vitest'
import { corridorLinesGeoJson } from './corridor-network.js'
import { intensityColor, INTENSITY_BINS, legIntensity, withLegIntensity } from './leg-intensity.js'

describe('leg intensity on the map', () => {
  it('prices each leg with the GLEC v3 factor core uses, per TEU-km', () => {
    // China electric rail 13.4 g/t-km × 10 t per TEU; sea SE–NE Asia 124.3 g/TEU-km.
    expect(legIntensity({ modeOfTransport: 'RAIL', from: 'CNCKG', to: 'CNQZH' })).toEqual({
      factorId: 'rail-electric-china-national',
      gPerTeuKm: 134,
    })
    expect(legIntensity({ modeOfTransport: 'VESSEL', from: 'CNQZH', to: 'SGSIN' })).toEqual({
      factorId: 'sea-container-se-ne-asia',
      gPerTeuKm: 124.3,
    })
    expect(legIntensity({ modeOfTransport: 'VESSEL', from: 'SGSIN', to: 'MYPKG' }).gPerTeuKm).toBe(
      157.9,
    )
  })

  it('colours by bin, lowest intensity green', () => {
    expect(intensityColor(124.3)).toBe(INTENSITY_BINS[0].color)
    expect(intensityColor(134)).toBe(INTENSITY_BINS[1].color)
    expect(intensityColor(157.9)).toBe(INTENSITY_BINS[2].color)
  })

  it('gives every line of the network its intensity and colour', () => {
    const lines = withLegIntensity(corridorLinesGeoJson())
    const rail = lines.features.find((f) => f.properties.kind === 'rail')!
    expect(rail.properties).toMatchObject({ intensity: 134, intensityColor: '#ca8a04' })
    expect(lines.features.every((f) => f.properties.intensity > 0)).toBe(true)
  })
})
