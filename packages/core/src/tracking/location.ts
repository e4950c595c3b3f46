import { LOCATION_ROWS } from './locations-data.js'
import type { FacilityTypeCode } from './codes.js'

/** What a place is, for the map and for route checks. */
export type LocationKind = 'seaport' | 'inland-port' | 'rail-terminal' | 'city'

/** A row of the derived location table: UN/LOCODE, name, longitude, latitude, kind. */
export type LocationRow = readonly [string, string, number, number, LocationKind]

/** A place identified by its UN/LOCODE, with WGS 84 coordinates. */
export interface Location {
  readonly UNLocationCode: string
  readonly name: string
  readonly longitude: number
  readonly latitude: number
  readonly kind: LocationKind
}

/** A corridor facility that has no UN/LOCODE of its own (rail stations), filed under its city's. */
export interface Facility {
  readonly name: string
  readonly UNLocationCode: string
  readonly facilityTypeCode: FacilityTypeCode
  readonly longitude: number
  readonly latitude: number
}

/**
 * Corridor rail terminals and port terminals. Stations have no UN/LOCODE (visibility.md §2.2), so
 * they sit under the city code with a DCSA facility type. Coordinates are approximate
 * [assumption], good enough for the map.
 */
export const CORRIDOR_FACILITIES: readonly Facility[] = [
  {
    name: 'Chongqing Tuanjiecun rail port',
    UNLocationCode: 'CNCKG',
    facilityTypeCode: 'RAMP',
    longitude: 106.37,
    latitude: 29.5,
  },
  {
    name: 'Qinzhou Port East station',
    UNLocationCode: 'CNQZH',
    facilityTypeCode: 'RAMP',
    longitude: 108.62,
    latitude: 21.72,
  },
  {
    name: 'Qinzhou container terminal',
    UNLocationCode: 'CNQZH',
    facilityTypeCode: 'POTE',
    longitude: 108.647,
    latitude: 21.6832,
  },
  {
    name: 'Singapore container terminal',
    UNLocationCode: 'SGSIN',
    facilityTypeCode: 'POTE',
    longitude: 103.8325,
    latitude: 1.2392,
  },
  {
    name: 'Hanoi Yen Vien station',
    UNLocationCode: 'VNHAN',
    facilityTypeCode: 'RAMP',
    longitude: 105.92,
    latitude: 21.08,
  },
  {
    name: 'Vientiane South station',
    UNLocationCode: 'LAVTE',
    facilityTypeCode: 'RAMP',
    longitude: 102.7,
    latitude: 17.88,
  },
]

let index: Map<string, Location> | undefined

function locationIndex(): Map<string, Location> {
  if (index === undefined) {
    index = new Map()
    for (const [UNLocationCode, name, longitude, latitude, kind] of LOCATION_ROWS) {
      index.set(UNLocationCode, { UNLocationCode, name, longitude, latitude, kind })
    }
  }
  return index
}

/** The place with this UN/LOCODE, or undefined when the node does not know it. */
export function findLocation(UNLocationCode: string): Location | undefined {
  return locationIndex().get(UNLocationCode)
}

/** True when the UN/LOCODE is in the node's location table. */
export function isKnownUnLocode(UNLocationCode: string): boolean {
  return locationIndex().has(UNLocationCode)
}

/** Every known place, in UN/LOCODE order. */
export function listLocations(): readonly Location[] {
  return [...locationIndex().values()]
}

const EARTH_RADIUS_KM = 6371.0088

/** Great-circle (haversine) distance between two places in km. */
export function greatCircleDistanceKm(from: Location, to: Location): number {
  const rad = Math.PI / 180
  const dLat = (to.latitude - from.latitude) * rad
  const dLon = (to.longitude - from.longitude) * rad
  const a =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(from.latitude * rad) * Math.cos(to.latitude * rad) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)))
}

/**
 * The point a share `fraction` (clamped to 0..1) of the way between two places, linear in
 * longitude and latitude: a map position, not a navigation fix.
 */
export function interpolatePosition(
  from: Location,
  to: Location,
  fraction: number,
): { readonly longitude: number; readonly latitude: number } {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0))
  return {
    longitude: from.longitude + (to.longitude - from.longitude) * f,
    latitude: from.latitude + (to.latitude - from.latitude) * f,
  }
}
