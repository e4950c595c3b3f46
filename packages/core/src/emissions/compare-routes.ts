import type { RouteChain } from './corridor-routes.js'
import {
  computeShipmentEmissions,
  type Consignment,
  type ShipmentEmissions,
} from './shipment-emissions.js'

/** One route's emissions in a comparison, and how it stands against the first route. */
export interface RouteComparison extends ShipmentEmissions {
  readonly name: string
  /** Difference to the first route, kg CO2e (negative = less). */
  readonly deltaKg: number
}

/** Emissions of the same consignment on several routes, the first being the reference. */
export function compareRoutes(
  consignment: Consignment,
  routes: readonly RouteChain[],
): readonly RouteComparison[] {
  const results = routes.map((r) => ({
    name: r.name,
    ...computeShipmentEmissions({ consignment, legs: r.legs, hubs: r.hubs }),
  }))
  const reference = results[0]?.co2eKg ?? 0
  return results.map((r) => ({ ...r, deltaKg: Math.round((r.co2eKg - reference) * 10) / 10 }))
}
