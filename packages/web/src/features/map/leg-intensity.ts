import type { FeatureCollection, LineString } from 'geojson'
import { GLEC_V3_2024, transportFactorOf, type FactorTable } from '@landsea/core/emissions'

/** The bins the map colours legs by, in g CO2e (well-to-wheel) per TEU-km, lowest first. */
export const INTENSITY_BINS = [
  { below: 130, color: '#15803d' },
  { below: 150, color: '#ca8a04' },
  { below: Infinity, color: '#b91c1c' },
] as const

/** The colour of an intensity (g CO2e per TEU-km) on the map's scale. */
export function intensityColor(gPerTeuKm: number): string {
  return (INTENSITY_BINS.find((b) => gPerTeuKm < b.below) ?? INTENSITY_BINS[2]).color
}

/**
 * The GLEC intensity of a corridor leg in g CO2e per TEU-km: the factor core prices the leg with
 * (by mode and region), per tonne-km factors at the table's tonnes per TEU.
 */
export function legIntensity(
  leg: { modeOfTransport: 'RAIL' | 'VESSEL'; from: string; to: string },
  table: FactorTable = GLEC_V3_2024,
): { factorId: string; gPerTeuKm: number } {
  const factor = table.transport[transportFactorOf(leg)]
  const gPerTeuKm = factor.unit === 'g/TEU-km' ? factor.value : factor.value * table.tonnesPerTeu
  return { factorId: factor.id, gPerTeuKm: Math.round(gPerTeuKm * 10) / 10 }
}

type LineProperties = { kind: 'rail' | 'sea'; from: string; to: string }

/** The network's lines with each leg's intensity and its colour, for the map's intensity view. */
export function withLegIntensity<P extends LineProperties>(
  lines: FeatureCollection<LineString, P>,
): FeatureCollection<LineString, P & { intensity: number; intensityColor: string }> {
  return {
    ...lines,
    features: lines.features.map((f) => {
      const { gPerTeuKm } = legIntensity({
        modeOfTransport: f.properties.kind === 'rail' ? 'RAIL' : 'VESSEL',
        from: f.properties.from,
        to: f.properties.to,
      })
      return {
        ...f,
        properties: {
          ...f.properties,
          intensity: gPerTeuKm,
          intensityColor: intensityColor(gPerTeuKm),
        },
      }
    }),
  }
}
