import {
  DEFAULT_TONNES_PER_TEU,
  HUB_FACTORS,
  TRANSPORT_FACTORS,
  type HubFactorId,
  type TransportFactorId,
} from './emission-factors.js'

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

/** Emissions of a shipment, per element and in total (kg CO2e, WTW). */
export interface ShipmentEmissions {
  readonly elements: readonly ElementEmissions[]
  readonly co2eKg: number
  readonly tonneKm: number
}

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
}: {
  readonly consignment: Consignment
  readonly legs: readonly TransportLeg[]
  readonly hubs?: readonly HubPassage[]
}): ShipmentEmissions {
  const tonnes = consignment.tonnes ?? consignment.teu * DEFAULT_TONNES_PER_TEU
  const containers = Math.max(1, Math.ceil(consignment.teu / 2))
  const elements: ElementEmissions[] = []
  let tonneKm = 0
  for (const leg of legs) {
    const f = TRANSPORT_FACTORS[leg.factor]
    const isPerTeu = f.unit === 'g/TEU-km'
    const activity = (isPerTeu ? consignment.teu : tonnes) * leg.distanceKm
    tonneKm += tonnes * leg.distanceKm
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
    const f = HUB_FACTORS[hub.factor]
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
    elements,
    co2eKg: round(elements.reduce((sum, e) => sum + e.co2eKg, 0)),
    tonneKm: round(tonneKm),
  }
}
