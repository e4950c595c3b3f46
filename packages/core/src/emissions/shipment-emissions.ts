import type { HubFactorId, TransportFactorId } from './emission-factors.js'
import { GLEC_V3_2024, type FactorTable } from './factor-tables.js'

/** A transport chain element: one vehicle leg. */
export interface TransportLeg {
  readonly from: string
  readonly to: string
  readonly factor: TransportFactorId
  readonly distanceKm: number
}

/** A hub chain element: one terminal passage. */
export interface HubPassage {
  readonly at: string
  readonly factor: HubFactorId
}

/** What is shipped: TEU, and the cargo mass (defaults to 10 t per TEU). */
export interface Consignment {
  readonly teu: number
  readonly tonnes?: number
}

/** Emissions of one chain element. */
export interface ElementEmissions {
  readonly element: string
  readonly factor: string
  readonly activity: number
  readonly activityUnit: 't-km' | 'TEU-km' | 't' | 'container'
  readonly co2eKg: number
  readonly source: string
}

/**
 * A part of the journey that could not be priced: a leg without a mode or a place, a departure
 * without an arrival, or places with no known distance. Never priced as zero: reported with its
 * distance, when it can be estimated, and its share of the journey's distance.
 */
export interface EmissionsGap {
  readonly reason: 'no-mode' | 'no-place' | 'no-arrival' | 'no-distance'
  readonly from?: string
  readonly to?: string
  /** Great-circle estimate, km; null when a place is unknown. */
  readonly distanceKm: number | null
  /** distanceKm over the journey's priced and estimated distance, 0..1; null when unknown. */
  readonly shareOfDistance: number | null
}

/** Emissions of a shipment, per element and in total (kg CO2e, WTW). */
export interface ShipmentEmissions {
  /** The factor table the figures come from (see FACTOR_TABLES). */
  readonly factorTableVersion: string
  readonly elements: readonly ElementEmissions[]
  readonly co2eKg: number
  readonly tonneKm: number
  /** Transport activity by mode of the factor (`rail`, `sea`, `road`, `inland-waterway`), t-km. */
  readonly tonneKmByMode: Readonly<Record<string, number>>
  /** Distance priced, km. */
  readonly distanceKm: number
  /** What could not be priced; empty when the whole journey is. */
  readonly gaps: readonly EmissionsGap[]
}

/** The mode family of a transport factor id: its first word (`sea`, `rail`, `road`, `inland`). */
export const modeOfFactor = (factor: string): string =>
  factor.startsWith('inland-waterway') ? 'inland-waterway' : factor.split('-')[0]!

const round = (x: number) => Math.round(x * 10) / 10

/**
 * ISO 14083 / GLEC v3 emissions of a transport chain: each leg's activity (tonne-km, or TEU-km for
 * container ships, whose factors are per TEU) times its intensity, plus each hub passage.
 *
 * @example computeShipmentEmissions({ consignment: { teu: 1 }, legs: CORRIDOR_RAIL_SEA.legs, hubs: CORRIDOR_RAIL_SEA.hubs })
 */
export function computeShipmentEmissions({
  consignment,
  legs,
  hubs = [],
  gaps = [],
  table = GLEC_V3_2024,
}: {
  readonly consignment: Consignment
  readonly legs: readonly TransportLeg[]
  readonly hubs?: readonly HubPassage[]
  readonly gaps?: readonly EmissionsGap[]
  /** The factor table to price with; default the current one. */
  readonly table?: FactorTable
}): ShipmentEmissions {
  const tonnes = consignment.tonnes ?? consignment.teu * table.tonnesPerTeu
  const containers = Math.max(1, Math.ceil(consignment.teu / 2))
  const elements: ElementEmissions[] = []
  let tonneKm = 0
  let distanceKm = 0
  const tonneKmByMode: Record<string, number> = {}
  for (const leg of legs) {
    const f = table.transport[leg.factor]
    const isPerTeu = f.unit === 'g/TEU-km'
    const activity = (isPerTeu ? consignment.teu : tonnes) * leg.distanceKm
    tonneKm += tonnes * leg.distanceKm
    distanceKm += leg.distanceKm
    const mode = modeOfFactor(f.id)
    tonneKmByMode[mode] = round((tonneKmByMode[mode] ?? 0) + tonnes * leg.distanceKm)
    elements.push({
      element: `${leg.from}→${leg.to}`,
      factor: f.id,
      activity: round(activity),
      activityUnit: isPerTeu ? 'TEU-km' : 't-km',
      co2eKg: round((activity * f.value) / 1000),
      source: f.source,
    })
  }
  for (const hub of hubs) {
    const f = table.hubs[hub.factor]
    const isPerContainer = f.unit === 'kg/container'
    const activity = isPerContainer ? containers : tonnes
    elements.push({
      element: hub.at,
      factor: f.id,
      activity,
      activityUnit: isPerContainer ? 'container' : 't',
      co2eKg: round(activity * f.value),
      source: f.source,
    })
  }
  return {
    factorTableVersion: table.version,
    elements,
    co2eKg: round(elements.reduce((sum, e) => sum + e.co2eKg, 0)),
    tonneKm: round(tonneKm),
    tonneKmByMode,
    distanceKm: round(distanceKm),
    gaps,
  }
}
