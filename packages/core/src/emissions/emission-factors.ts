import type { ModeOfTransport } from '../tracking/codes.js'

/**
 * GLEC Framework v3.0 (Smart Freight Centre, 2024; integrates ISO 14083:2023) default intensities,
 * well-to-wheel (WTW) CO2e, as quoted in reference/visibility.md §5. China electric rail is derived
 * from GLEC's energy intensity and the MEE 2022 grid factors (§5.3): a CO2 (not CO2e) figure.
 */

/** How a factor is applied: per tonne-km, per TEU-km, per tonne handled, or per container handled. */
export type FactorUnit = 'g/t-km' | 'g/TEU-km' | 'kg/t' | 'kg/container'

/** One emission intensity with its provenance. */
export interface EmissionFactor {
  readonly id: string
  readonly value: number
  readonly unit: FactorUnit
  readonly source: string
}

/** Transport operation categories used on the corridor. */
export const TRANSPORT_FACTORS = {
  'sea-container-se-ne-asia': {
    id: 'sea-container-se-ne-asia',
    value: 124.3,
    unit: 'g/TEU-km',
    source: 'GLEC v3 Table 17 p.100: container ship SE Asia–NE Asia, dry, WTW',
  },
  'sea-container-intra-se-asia': {
    id: 'sea-container-intra-se-asia',
    value: 157.9,
    unit: 'g/TEU-km',
    source: 'GLEC v3 Table 17 p.100: container ship intra SE Asia, dry, WTW',
  },
  'sea-container-average': {
    id: 'sea-container-average',
    value: 89.0,
    unit: 'g/TEU-km',
    source: 'GLEC v3 Table 16 p.99: container ship industry average, dry, WTW',
  },
  'rail-electric-europe': {
    id: 'rail-electric-europe',
    value: 6.4,
    unit: 'g/t-km',
    source: 'GLEC v3 Table 5 p.89: electric container train, EU 2020 grid',
  },
  'rail-electric-china-national': {
    id: 'rail-electric-china-national',
    value: 13.4,
    unit: 'g/t-km',
    source:
      'derived: 0.020–0.030 kWh/t-km (GLEC v3 Table 5) × 0.5366 kg CO2/kWh (MEE 2022 national); midpoint of 10.7–16.1, CO2 only',
  },
  'rail-electric-china-southwest': {
    id: 'rail-electric-china-southwest',
    value: 5.7,
    unit: 'g/t-km',
    source:
      'derived: 0.020–0.030 kWh/t-km × 0.2268 kg CO2/kWh (MEE 2022 Southwest grid); midpoint of 4.5–6.8, CO2 only',
  },
  'rail-diesel': {
    id: 'rail-diesel',
    value: 27.6,
    unit: 'g/t-km',
    source: 'GLEC v3 Table 4 p.88: diesel container train, EU, WTW',
  },
  'road-truck-asia': {
    id: 'road-truck-asia',
    value: 116,
    unit: 'g/t-km',
    source: 'GLEC v3 Table 8 p.92 (95, artic ≤ 40 t container) + 22% for Asia (p.94), WTW',
  },
  'inland-waterway-container': {
    id: 'inland-waterway-container',
    value: 21.0,
    unit: 'g/t-km',
    source: 'GLEC v3 Table 2 p.86: container vessel 135 m (Yangtze analogue, EU data)',
  },
} as const satisfies Record<string, EmissionFactor>

/** Hub operation categories. */
export const HUB_FACTORS = {
  'maritime-container-terminal': {
    id: 'maritime-container-terminal',
    value: 10.7,
    unit: 'kg/container',
    source: 'GLEC v3 Table 3 p.87: maritime container terminal, ambient, median of 15 sites',
  },
  'rail-terminal-transshipment': {
    id: 'rail-terminal-transshipment',
    value: 0.6,
    unit: 'kg/t',
    source: 'GLEC v3 Table 3 p.87: transshipment hub, ambient',
  },
} as const satisfies Record<string, EmissionFactor>

/** Default cargo mass per TEU when only TEU are known (GLEC v3 pp.21, 41). */
export const DEFAULT_TONNES_PER_TEU = 10

/** One of the transport factor ids. */
export type TransportFactorId = keyof typeof TRANSPORT_FACTORS
/** One of the hub factor ids. */
export type HubFactorId = keyof typeof HUB_FACTORS

const SE_ASIA = new Set(['SG', 'MY', 'ID', 'TH', 'VN', 'LA', 'KH', 'MM', 'PH', 'BN'])

/**
 * The GLEC factor of a leg by mode and region (UN/LOCODEs): Chinese main-line rail is electric,
 * rail elsewhere on the corridor diesel; intra-South-East-Asia sea lanes have their own figure.
 */
export function transportFactorOf(leg: {
  readonly modeOfTransport: ModeOfTransport
  readonly from: string
  readonly to: string
}): TransportFactorId {
  switch (leg.modeOfTransport) {
    case 'RAIL':
      // Chinese main lines are electrified; elsewhere on the corridor assume diesel.
      return leg.from.startsWith('CN') && leg.to.startsWith('CN')
        ? 'rail-electric-china-national'
        : 'rail-diesel'
    case 'TRUCK':
      return 'road-truck-asia'
    case 'BARGE':
      return 'inland-waterway-container'
    case 'VESSEL':
      return SE_ASIA.has(leg.from.slice(0, 2)) && SE_ASIA.has(leg.to.slice(0, 2))
        ? 'sea-container-intra-se-asia'
        : 'sea-container-se-ne-asia'
  }
}
