import type { Feature, FeatureCollection, LineString, Point } from 'geojson'
import network from './data/corridor-network.json'
import type { LonLat } from '../../lib/geo.js'

/** A port drawn on the map; `role` says how prominently. */
export interface CorridorPort {
  readonly locode: string
  readonly name: string
  readonly country: string
  readonly role: 'rail-origin' | 'hub' | 'port'
  readonly coordinates: LonLat
}

/** A rail line or sea lane between two places of the network, by UN/LOCODE. */
export interface CorridorLine {
  readonly from: string
  readonly to: string
  readonly coordinates: readonly LonLat[]
}

/** A sea lane with its length along the drawn path. */
export interface SeaLane extends CorridorLine {
  readonly distanceKm: number
}

/** The corridor network the map draws, derived by `scripts/derive-map-data.ts`. */
export interface CorridorNetwork {
  readonly attribution: readonly string[]
  readonly ports: readonly CorridorPort[]
  readonly rail: CorridorLine
  readonly seaLanes: readonly SeaLane[]
}

/** The corridor network shipped with the dashboard. */
export const corridorNetwork = network as unknown as CorridorNetwork

/** The rail line and the sea lanes as one GeoJSON collection, with `kind` rail or sea. */
export function corridorLinesGeoJson(
  net: CorridorNetwork = corridorNetwork,
): FeatureCollection<LineString, { kind: 'rail' | 'sea'; from: string; to: string }> {
  const line = (
    kind: 'rail' | 'sea',
    l: CorridorLine,
  ): Feature<LineString, { kind: 'rail' | 'sea'; from: string; to: string }> => ({
    type: 'Feature',
    properties: { kind, from: l.from, to: l.to },
    geometry: { type: 'LineString', coordinates: l.coordinates.map((c) => [c[0], c[1]]) },
  })
  return {
    type: 'FeatureCollection',
    features: [line('rail', net.rail), ...net.seaLanes.map((l) => line('sea', l))],
  }
}

/** The ports as GeoJSON points carrying their UN/LOCODE and role. */
export function corridorPortsGeoJson(
  net: CorridorNetwork = corridorNetwork,
): FeatureCollection<Point, { locode: string; role: CorridorPort['role'] }> {
  return {
    type: 'FeatureCollection',
    features: net.ports.map((p) => ({
      type: 'Feature',
      properties: { locode: p.locode, role: p.role },
      geometry: { type: 'Point', coordinates: [p.coordinates[0], p.coordinates[1]] },
    })),
  }
}

/**
 * The path a shipment follows from `origin` to `destination` over the network: the rail line,
 * then sea lanes (directly or via Singapore). Null when the network has no such path.
 */
export function corridorPath(
  origin: string,
  destination: string,
  net: CorridorNetwork = corridorNetwork,
): readonly LonLat[] | null {
  const seaLane = (from: string, to: string): readonly LonLat[] | null => {
    const direct = net.seaLanes.find((l) => l.from === from && l.to === to)
    if (direct) return direct.coordinates
    const reverse = net.seaLanes.find((l) => l.from === to && l.to === from)
    return reverse ? [...reverse.coordinates].reverse() : null
  }
  const viaHub = (from: string, to: string): readonly LonLat[] | null => {
    if (from === to) return []
    const direct = seaLane(from, to)
    if (direct) return direct
    const first = seaLane(from, 'SGSIN')
    const second = seaLane('SGSIN', to)
    return first && second ? [...first, ...second.slice(1)] : null
  }
  if (origin === net.rail.from) {
    const sea = viaHub(net.rail.to, destination)
    if (sea === null) return null
    return [...net.rail.coordinates, ...sea.slice(1)]
  }
  return viaHub(origin, destination)
}
