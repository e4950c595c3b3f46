export { compareRoutes, type RouteComparison } from './compare-routes.js'
export {
  CORRIDOR_DIESEL_RAIL_SEA,
  CORRIDOR_RAIL_SEA,
  YANGTZE_RIVER_SEA,
  type RouteChain,
} from './corridor-routes.js'
export {
  DEFAULT_TONNES_PER_TEU,
  HUB_FACTORS,
  TRANSPORT_FACTORS,
  type EmissionFactor,
  type FactorUnit,
  type HubFactorId,
  type TransportFactorId,
} from './emission-factors.js'
export { computeJourneyEmissions, journeyLegsOf, type JourneyLeg } from './journey-emissions.js'
export {
  computeShipmentEmissions,
  type Consignment,
  type ElementEmissions,
  type HubPassage,
  type ShipmentEmissions,
  type TransportLeg,
} from './shipment-emissions.js'
