import type { HubPassage, TransportLeg } from './shipment-emissions.js'

/** A named transport chain between two places. */
export interface RouteChain {
  readonly name: string
  readonly legs: readonly TransportLeg[]
  readonly hubs: readonly HubPassage[]
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
}

/** The same rail leg hauled by diesel, for comparison (§5.4). */
export const CORRIDOR_DIESEL_RAIL_SEA: RouteChain = {
  name: 'diesel rail–sea via Qinzhou',
  legs: [
    { from: 'CNCKG', to: 'CNQZH', factor: 'rail-diesel', distanceKm: 1400 },
    { from: 'CNQZH', to: 'SGSIN', factor: 'sea-container-se-ne-asia', distanceKm: 2508 },
  ],
  hubs: CORRIDOR_RAIL_SEA.hubs,
}
