import type { FeatureCollection, Geometry, LineString, Point } from 'geojson'
import type { StyleSpecification } from 'maplibre-gl'

/** Colours of the base map. */
export const MAP_COLORS = {
  sea: '#dbe9f4',
  land: '#f4f1ea',
  coast: '#b8b2a4',
  rail: '#7c2d12',
  sea_lane: '#1d4ed8',
  port: '#0f172a',
} as const

/** What the style draws; everything is inline GeoJSON, so the map requests nothing. */
export interface CorridorStyleInput {
  readonly land: FeatureCollection<Geometry>
  readonly lines: FeatureCollection<LineString>
  readonly ports: FeatureCollection<Point>
}

/** Empty GeoJSON, for sources filled later. */
export const EMPTY_COLLECTION: FeatureCollection<never> = {
  type: 'FeatureCollection',
  features: [],
}

/**
 * Builds the MapLibre style of the corridor map. It has no `glyphs`, `sprite` or tiled source and
 * no symbol layer, so nothing is fetched from any host: labels and shipments are HTML markers
 * (which also makes shipments keyboard-reachable).
 */
export function buildCorridorStyle(input: CorridorStyleInput): StyleSpecification {
  return {
    version: 8,
    name: 'landsea-corridor',
    sources: {
      land: { type: 'geojson', data: input.land },
      lines: { type: 'geojson', data: input.lines },
      ports: { type: 'geojson', data: input.ports },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': MAP_COLORS.sea } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': MAP_COLORS.land } },
      {
        id: 'coast',
        type: 'line',
        source: 'land',
        paint: { 'line-color': MAP_COLORS.coast, 'line-width': 0.6 },
      },
      {
        id: 'sea-lanes',
        type: 'line',
        source: 'lines',
        filter: ['==', ['get', 'kind'], 'sea'],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': MAP_COLORS.sea_lane,
          'line-width': ['interpolate', ['linear'], ['zoom'], 3, 1.5, 7, 3],
          'line-dasharray': [2, 1.5],
        },
      },
      {
        id: 'rail-casing',
        type: 'line',
        source: 'lines',
        filter: ['==', ['get', 'kind'], 'rail'],
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': MAP_COLORS.rail,
          'line-width': ['interpolate', ['linear'], ['zoom'], 3, 3, 7, 5],
        },
      },
      {
        id: 'rail',
        type: 'line',
        source: 'lines',
        filter: ['==', ['get', 'kind'], 'rail'],
        paint: {
          'line-color': '#ffffff',
          'line-width': ['interpolate', ['linear'], ['zoom'], 3, 1, 7, 2],
          'line-dasharray': [3, 3],
        },
      },
      {
        id: 'ports',
        type: 'circle',
        source: 'ports',
        paint: {
          'circle-radius': ['match', ['get', 'role'], 'port', 4, 6],
          'circle-color': '#ffffff',
          'circle-stroke-color': MAP_COLORS.port,
          'circle-stroke-width': ['match', ['get', 'role'], 'port', 1.5, 2.5],
        },
      },
    ],
  }
}
