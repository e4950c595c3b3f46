import type { HubPassage, TransportLeg } from './shipment-emissions.js'

/** A named transport chain between two places. */
export interface RouteChain {
  readonly name: string
  readonly legs: readonly TransportLeg[]
  readonly hubs: readonly HubPassage[]
  /** Door-to-port transit time, days, with its source (reference/visibility.md), when known. */
  readonly transitDays?: { readonly low: number; readonly high: number; readonly source: string }
}

const RAIL_SEA_DAYS = {
  low: 7,
  high: 8,
  source: 'visibility.md §1.1: Chongqing→Singapore rail–sea ≈7–8 days (China Daily 2018, 2023)',
}

/**
 * Chongqing → Qinzhou by electric rail (~1,400 km), Qinzhou → Singapore by sea (2,508 km SFD):
 * the corridor's reference journey (visibility.md §1.1, §1.6, §5.4).
 */
export const CORRIDOR_RAIL_SEA: RouteChain = {
  name: 'rail–sea via Qinzhou',
  legs: [
    { from: 'CNCKG', to: 'CNQZH', factor: 'rail-electric-china-national', distanceKm: 1400 },
    { from: 'CNQZH', to: 'SGSIN', factor: 'sea-container-se-ne-asia', distanceKm: 2508 },
  ],
  hubs: [
    { at: 'CNCKG', factor: 'rail-terminal-transshipment' },
    { at: 'CNQZH', factor: 'maritime-container-terminal' },
    { at: 'SGSIN', factor: 'maritime-container-terminal' },
  ],
  transitDays: RAIL_SEA_DAYS,
}

/**
 * The older route: down the Yangtze by barge to Shanghai (~2,400 km [assumption]), then
 * Shanghai → Singapore by sea (4,122 km, visibility.md §1.6).
 */
export const YANGTZE_RIVER_SEA: RouteChain = {
  name: 'river–sea via Shanghai',
  legs: [
    { from: 'CNCKG', to: 'CNSHA', factor: 'inland-waterway-container', distanceKm: 2400 },
    { from: 'CNSHA', to: 'SGSIN', factor: 'sea-container-se-ne-asia', distanceKm: 4122 },
  ],
  hubs: [
    { at: 'CNCKG', factor: 'maritime-container-terminal' },
    { at: 'CNSHA', factor: 'maritime-container-terminal' },
    { at: 'SGSIN', factor: 'maritime-container-terminal' },
  ],
  transitDays: {
    low: 20,
    high: 23,
    source: 'visibility.md §1.1: Yangtze and Shanghai ≈20–23 days to Singapore',
  },
}

/** The same rail leg hauled by diesel, for comparison (§5.4). */
export const CORRIDOR_DIESEL_RAIL_SEA: RouteChain = {
  name: 'diesel rail–sea via Qinzhou',
  legs: [
    { from: 'CNCKG', to: 'CNQZH', factor: 'rail-diesel', distanceKm: 1400 },
    { from: 'CNQZH', to: 'SGSIN', factor: 'sea-container-se-ne-asia', distanceKm: 2508 },
  ],
  hubs: CORRIDOR_RAIL_SEA.hubs,
  transitDays: RAIL_SEA_DAYS,
}

/**
 * Road to the Beibu Gulf: Chongqing → Qinzhou by truck over the rail leg's distance (1,400 km
 * [assumption]: the road distance is not in the reference), then the same sea leg.
 */
export const ROAD_SEA_BEIBU: RouteChain = {
  name: 'road–sea via Qinzhou',
  legs: [
    { from: 'CNCKG', to: 'CNQZH', factor: 'road-truck-asia', distanceKm: 1400 },
    { from: 'CNQZH', to: 'SGSIN', factor: 'sea-container-se-ne-asia', distanceKm: 2508 },
  ],
  hubs: [
    { at: 'CNQZH', factor: 'maritime-container-terminal' },
    { at: 'SGSIN', factor: 'maritime-container-terminal' },
  ],
  transitDays: {
    low: 6,
    high: 8,
    source:
      'derived: truck ≈2 days over 1,200–1,400 km (visibility.md §1.3) + Qinzhou→Singapore ≈4–6 days with port time (§1.1)',
  },
}

/**
 * All-water from an east-coast port: the cargo is already at Shanghai (no Yangtze leg), Shanghai →
 * Singapore by sea (4,122 km, visibility.md §1.6, §5.4).
 */
export const EAST_COAST_SEA: RouteChain = {
  name: 'sea from Shanghai',
  legs: [{ from: 'CNSHA', to: 'SGSIN', factor: 'sea-container-se-ne-asia', distanceKm: 4122 }],
  hubs: [
    { at: 'CNSHA', factor: 'maritime-container-terminal' },
    { at: 'SGSIN', factor: 'maritime-container-terminal' },
  ],
}

/**
 * The alternatives a shipper from Chongqing weighs, the corridor first, with the transit times the
 * reference gives (days, door-to-port, visibility.md §1.1) where it gives one.
 */
export const CORRIDOR_ALTERNATIVES: readonly RouteChain[] = [
  CORRIDOR_RAIL_SEA,
  YANGTZE_RIVER_SEA,
  ROAD_SEA_BEIBU,
  CORRIDOR_DIESEL_RAIL_SEA,
]
