export { compareRoutes, type RouteComparison } from './compare-routes.js'
export {
  CORRIDOR_ALTERNATIVES,
  CORRIDOR_DIESEL_RAIL_SEA,
  CORRIDOR_RAIL_SEA,
  EAST_COAST_SEA,
  ROAD_SEA_BEIBU,
  YANGTZE_RIVER_SEA,
  type RouteChain,
} from './corridor-routes.js'
export {
  DEFAULT_TONNES_PER_TEU,
  HUB_FACTORS,
  TRANSPORT_FACTORS,
  transportFactorOf,
  type EmissionFactor,
  type FactorUnit,
  type HubFactorId,
  type TransportFactorId,
} from './emission-factors.js'
export {
  computeJourneyEmissions,
  journeyLegsOf,
  journeyOf,
  type JourneyGap,
  type JourneyLeg,
} from './journey-emissions.js'
export {
  createEmissionsClaimCredential,
  EMISSIONS_CLAIM_TYPE,
  EMISSIONS_METHOD,
  emissionsClaimSubject,
  emissionsOfEvents,
  intensityPerTeuKm,
  type ClaimedLeaf,
  type EmissionsClaimSubject,
} from './emissions-claim.js'
export { EmissionsError, type EmissionsErrorCode } from './emissions-error.js'
export {
  CURRENT_FACTOR_TABLE_VERSION,
  FACTOR_TABLES,
  factorTable,
  GLEC_V3_2024,
  type FactorTable,
} from './factor-tables.js'
export {
  computeShipmentEmissions,
  type Consignment,
  modeOfFactor,
  type ElementEmissions,
  type EmissionsGap,
  type HubPassage,
  type ShipmentEmissions,
  type TransportLeg,
} from './shipment-emissions.js'
export {
  buildEmissionsReport,
  emissionsReportCsv,
  type EmissionsReport,
  type ReportShipment,
} from './emissions-report.js'
