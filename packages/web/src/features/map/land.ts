import type { FeatureCollection, Geometry } from 'geojson'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'

/** Converts a world-atlas land TopoJSON to GeoJSON. */
export function landFromTopology(topology: unknown): FeatureCollection<Geometry> {
  const topo = topology as Topology<{ land: GeometryCollection }>
  const land = topo.objects?.land
  if (!land) throw new TypeError('TopoJSON has no "land" object')
  return feature(topo, land) as FeatureCollection<Geometry>
}

/**
 * Loads Natural Earth land at 1:50m from the world-atlas package, bundled as its own chunk so the
 * rest of the dashboard does not wait for it.
 */
export async function loadLand(): Promise<FeatureCollection<Geometry>> {
  const module = await import('world-atlas/land-50m.json')
  return landFromTopology(module.default)
}
