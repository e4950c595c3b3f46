import { describe, expect, it } from 'vitest'
import { createRequire } from 'node:module'
import { corridorLinesGeoJson, corridorPortsGeoJson } from './corridor-network.js'
import { landFromTopology } from './land.js'
import { buildCorridorStyle } from './map-style.js'

const land110 = createRequire(import.meta.url)('world-atlas/land-110m.json') as unknown

describe('corridor map style', () => {
  const land = landFromTopology(land110)
  const style = buildCorridorStyle({
    land,
    lines: corridorLinesGeoJson(),
    ports: corridorPortsGeoJson(),
  })

  it('converts Natural Earth land TopoJSON to polygons', () => {
    expect(land.features.length).toBeGreaterThan(0)
    expect(
      land.features.every(
        (f) => f.geometry.type === 'MultiPolygon' || f.geometry.type === 'Polygon',
      ),
    ).toBe(true)
    expect(() => landFromTopology({ type: 'Topology', objects: {} })).toThrow(TypeError)
  })

  it('requests nothing from any host: no glyphs, sprite, URLs or symbol layers', () => {
    expect(style.glyphs).toBeUndefined()
    expect(style.sprite).toBeUndefined()
    expect(JSON.stringify(style)).not.toMatch(/https?:\/\//)
    for (const source of Object.values(style.sources)) {
      expect(source.type).toBe('geojson')
      expect(typeof (source as { data: unknown }).data).toBe('object')
    }
    expect(style.layers.some((l) => l.type === 'symbol')).toBe(false)
  })

  it('draws land, then sea lanes, then the rail line, with ports on top', () => {
    const ids = style.layers.map((l) => l.id)
    expect(ids.indexOf('land')).toBeLessThan(ids.indexOf('sea-lanes'))
    expect(ids.indexOf('sea-lanes')).toBeLessThan(ids.indexOf('rail'))
    expect(ids.at(-1)).toBe('ports')
  })
})
