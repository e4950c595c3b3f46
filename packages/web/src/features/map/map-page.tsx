import { useCallback, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorState, Loading } from '../../components/states.js'
import { ToneBadge } from '../../components/tone-badge.js'
import { formatUnit } from '../../lib/format.js'
import { Link, navigate, useDocumentTitle } from '../../lib/router.js'
import { useSession } from '../../lib/session.js'
import { useShipmentSummaries } from '../../lib/shipments-api.js'
import { SHIPMENT_TONES } from '../../lib/tone.js'
import type { Language } from '../../lib/format.js'
import { CorridorMap } from './corridor-map.js'
import { corridorNetwork } from './corridor-network.js'
import { IntensityLegend } from './intensity-legend.js'
import type { MapShipment } from './map-shipments.js'

/** The corridor map screen: map, legend, shipments in flight and the lanes with their lengths. */
export function MapPage() {
  const { t, i18n } = useTranslation()
  const language = i18n.language as Language
  const { me } = useSession()
  useDocumentTitle(t('map.title'))
  const shipments = useShipmentSummaries()
  const [isByIntensity, setIsByIntensity] = useState(false)

  const inFlight = useMemo<readonly MapShipment[]>(
    () =>
      shipments.status === 'ready'
        ? shipments.data.flatMap((s) =>
            s.position && s.tone !== 'delivered'
              ? [{ id: s.id, reference: s.reference, tone: s.tone, position: s.position }]
              : [],
          )
        : [],
    [shipments],
  )
  const openShipment = useCallback(
    (id: string) => navigate(`/shipments/${encodeURIComponent(id)}`),
    [],
  )

  return (
    <section className="page page-map">
      <div className="page-heading">
        <h1>{t('map.title')}</h1>
        <p className="muted">{t('map.description')}</p>
      </div>
      <div className="map-layout">
        <CorridorMap
          shipments={inFlight}
          onOpenShipment={openShipment}
          isColouredByIntensity={isByIntensity}
        />
        <aside className="map-side">
          <h2>{t('map.legend')}</h2>
          <label className="toggle">
            <input
              type="checkbox"
              checked={isByIntensity}
              onChange={(event) => setIsByIntensity(event.target.checked)}
            />{' '}
            {t('map.byIntensity')}
          </label>
          {isByIntensity && <IntensityLegend />}
          <ul className="legend">
            <li>
              <span className="swatch swatch-rail" aria-hidden="true" />
              {t('map.rail')}
            </li>
            <li>
              <span className="swatch swatch-sea" aria-hidden="true" />
              {t('map.seaLane')}
            </li>
            <li>
              <span className="swatch swatch-port" aria-hidden="true" />
              {t('map.port')}
            </li>
            {SHIPMENT_TONES.map((tone) => (
              <li key={tone}>
                <ToneBadge tone={tone} />
              </li>
            ))}
          </ul>
          <h2>{t('shipments.title')}</h2>
          {!me ? (
            <p className="muted">{t('map.signInForShipments')}</p>
          ) : shipments.status === 'loading' ? (
            <Loading />
          ) : shipments.status === 'error' ? (
            <ErrorState error={shipments.error} onRetry={shipments.reload} />
          ) : inFlight.length === 0 ? (
            <p className="muted">{t('map.noShipments')}</p>
          ) : (
            <>
              <p>{t('map.shipmentsInFlight', { count: inFlight.length })}</p>
              <ul className="plain-list" data-testid="map-shipments">
                {inFlight.map((s) => (
                  <li key={s.id}>
                    <Link href={`/shipments/${encodeURIComponent(s.id)}`}>{s.reference}</Link>{' '}
                    <ToneBadge tone={s.tone} />
                  </li>
                ))}
              </ul>
            </>
          )}
          <h2>{t('map.lanes')}</h2>
          <ul className="plain-list">
            <li>
              {t('map.railLength', {
                from: t('ports.CNCKG'),
                to: t('ports.CNQZH'),
                // Published track length: "1,400多公里" (gcjswp.com, 2023 corridor press tour).
                distance: formatUnit(1400, 'kilometer', { language }),
              })}
            </li>
            {corridorNetwork.seaLanes.map((lane) => (
              <li key={`${lane.from}-${lane.to}`}>
                {t('map.laneDistance', {
                  from: t(`ports.${lane.from}`),
                  to: t(`ports.${lane.to}`),
                  distance: formatUnit(lane.distanceKm, 'kilometer', { language }),
                })}
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </section>
  )
}
