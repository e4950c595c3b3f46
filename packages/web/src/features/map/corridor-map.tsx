import * as maplibregl from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { TONE_COLOR } from '../../lib/tone.js'
import { corridorLinesGeoJson, corridorNetwork, corridorPortsGeoJson } from './corridor-network.js'
import { loadLand } from './land.js'
import { withLegIntensity } from './leg-intensity.js'
import { EMPTY_COLLECTION, MAP_COLORS, buildCorridorStyle } from './map-style.js'
import type { MapShipment } from './map-shipments.js'

maplibregl.setWorkerUrl(workerUrl)

/** Ports whose label would cover a neighbour's, so it goes on their left. */
const LABEL_ON_LEFT = new Set(['CNFAN', 'VNHPH'])

/** Initial view: Chongqing in the north to Jakarta in the south. */
const CORRIDOR_BOUNDS: [[number, number], [number, number]] = [
  [98.5, -7.5],
  [113.5, 30.5],
]

/**
 * The corridor map: Natural Earth land, the rail line, sea lanes, port labels and one focusable
 * marker per shipment, coloured by tone. Calls `onOpenShipment` when a marker is activated. With
 * `isColouredByIntensity`, legs are coloured by their GLEC emission intensity instead of by mode.
 */
export function CorridorMap({
  shipments,
  onOpenShipment,
  isColouredByIntensity = false,
}: {
  shipments: readonly MapShipment[]
  onOpenShipment: (id: string) => void
  isColouredByIntensity?: boolean
}) {
  const { t, i18n } = useTranslation()
  const container = useRef<HTMLDivElement>(null)
  const map = useRef<maplibregl.Map | null>(null)
  const portLabels = useRef(new Map<string, HTMLElement>())
  const [isUnavailable, setIsUnavailable] = useState(false)
  const [isReady, setIsReady] = useState(false)
  const [isLandDrawn, setIsLandDrawn] = useState(false)
  const [colouredBy, setColouredBy] = useState<'mode' | 'intensity'>('mode')

  useEffect(() => {
    if (!container.current) return
    let instance: maplibregl.Map
    try {
      instance = new maplibregl.Map({
        container: container.current,
        style: buildCorridorStyle({
          land: EMPTY_COLLECTION,
          lines: withLegIntensity(corridorLinesGeoJson()),
          ports: corridorPortsGeoJson(),
        }),
        bounds: CORRIDOR_BOUNDS,
        fitBoundsOptions: { padding: 24 },
        attributionControl: {
          compact: true,
          customAttribution: corridorNetwork.attribution.join(' · '),
        },
        maxZoom: 9,
        minZoom: 1.5,
      })
    } catch {
      // No WebGL (old hardware, disabled GPU): the page still lists ports and shipments.
      setIsUnavailable(true)
      return
    }
    instance.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right')
    for (const port of corridorNetwork.ports) {
      const label = document.createElement('div')
      label.className = `port-label port-${port.role}`
      label.dataset.locode = port.locode
      const isLeft = LABEL_ON_LEFT.has(port.locode)
      new maplibregl.Marker({
        element: label,
        anchor: isLeft ? 'right' : 'left',
        offset: [isLeft ? -8 : 8, 0],
      })
        .setLngLat([port.coordinates[0], port.coordinates[1]])
        .addTo(instance)
      portLabels.current.set(port.locode, label)
    }
    let isCurrent = true
    instance.on('load', () => {
      setIsReady(true)
      // On a phone the open attribution would cover the map: start it folded (the ⓘ opens it).
      if (container.current && container.current.clientWidth < 640) {
        const attribution = container.current.querySelector('.maplibregl-ctrl-attrib')
        attribution?.classList.remove('maplibregl-compact-show')
        attribution?.removeAttribute('open')
      }
      loadLand().then(
        (land) => {
          if (!isCurrent) return
          const source = instance.getSource('land')
          if (source && 'setData' in source) (source as maplibregl.GeoJSONSource).setData(land)
          instance.once('idle', () => isCurrent && setIsLandDrawn(true))
        },
        () => {
          // The land chunk failed to load: lanes and ports still draw over the sea colour.
        },
      )
    })
    map.current = instance
    const labels = portLabels.current
    return () => {
      isCurrent = false
      labels.clear()
      instance.remove()
      map.current = null
    }
  }, [])

  useEffect(() => {
    const instance = map.current
    if (!instance || !isReady) return
    const byIntensity = ['get', 'intensityColor'] as maplibregl.ExpressionSpecification
    instance.setPaintProperty(
      'sea-lanes',
      'line-color',
      isColouredByIntensity ? byIntensity : MAP_COLORS.sea_lane,
    )
    instance.setPaintProperty(
      'rail-casing',
      'line-color',
      isColouredByIntensity ? byIntensity : MAP_COLORS.rail,
    )
    setColouredBy(isColouredByIntensity ? 'intensity' : 'mode')
  }, [isColouredByIntensity, isReady])

  useEffect(() => {
    for (const [locode, label] of portLabels.current)
      label.textContent = t(`ports.${locode}`, locode)
  }, [t, i18n.language, isReady])

  useEffect(() => {
    const instance = map.current
    if (!instance) return
    const markers = shipments.map((shipment) => {
      const button = document.createElement('button')
      button.type = 'button'
      button.className = 'shipment-marker'
      button.style.background = TONE_COLOR[shipment.tone]
      button.dataset.shipmentId = shipment.id
      button.dataset.tone = shipment.tone
      const label = `${t('map.openShipment', { reference: shipment.reference })} · ${t(`tone.${shipment.tone}`)}`
      button.setAttribute('aria-label', label)
      button.title = label
      button.addEventListener('click', (event) => {
        event.stopPropagation()
        onOpenShipment(shipment.id)
      })
      return new maplibregl.Marker({ element: button })
        .setLngLat([shipment.position[0], shipment.position[1]])
        .addTo(instance)
    })
    return () => {
      for (const marker of markers) marker.remove()
    }
  }, [shipments, onOpenShipment, t, isReady])

  if (isUnavailable) {
    return (
      <p className="state state-error" role="note">
        {t('map.webglMissing')}
      </p>
    )
  }
  return (
    <div
      ref={container}
      className="corridor-map"
      role="region"
      aria-label={t('map.label')}
      data-ready={isReady ? 'true' : 'false'}
      data-land={isLandDrawn ? 'drawn' : 'loading'}
      data-coloured-by={colouredBy}
    />
  )
}
