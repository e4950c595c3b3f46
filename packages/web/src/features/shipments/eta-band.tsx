import { useTranslation } from 'react-i18next'
import type { MilestoneEtaView } from '../../lib/shipments-api.js'
import { useFormat } from '../../lib/use-format.js'
import { layoutEtaBand } from './eta-band-layout.js'

/** An ETA as a P10–P90 band around the P50 mark, with the planned time when known. */
export function EtaBand({
  eta,
  plannedAt,
  place,
}: {
  eta: MilestoneEtaView
  plannedAt?: string
  place: string
}) {
  const { t } = useTranslation()
  const format = useFormat()
  const band = layoutEtaBand({ ...eta, plannedAt })
  const summary = t('shipment.etaBand', {
    place,
    p10: format.dateTime(eta.p10),
    p50: format.dateTime(eta.p50),
    p90: format.dateTime(eta.p90),
  })
  return (
    <figure className="eta" data-testid="eta-band">
      <figcaption className="sr-summary">{summary}</figcaption>
      {band && (
        <div className="eta-axis" aria-hidden="true">
          <div
            className="eta-band"
            style={{ left: `${band.p10Pct}%`, width: `${band.p90Pct - band.p10Pct}%` }}
          />
          <div className="eta-p50" style={{ left: `${band.p50Pct}%` }} />
          {band.plannedPct !== null && (
            <div className="eta-plan" style={{ left: `${band.plannedPct}%` }} />
          )}
        </div>
      )}
      <dl className="facts eta-facts">
        <div>
          <dt>{t('shipment.etaP10')}</dt>
          <dd>{format.dateTime(eta.p10)}</dd>
        </div>
        <div>
          <dt>{t('shipment.etaP50')}</dt>
          <dd data-testid="eta-p50">{format.dateTime(eta.p50)}</dd>
        </div>
        <div>
          <dt>{t('shipment.etaP90')}</dt>
          <dd>{format.dateTime(eta.p90)}</dd>
        </div>
        {plannedAt && (
          <div>
            <dt>{t('shipment.planned')}</dt>
            <dd>{format.dateTime(plannedAt)}</dd>
          </div>
        )}
      </dl>
      <p className="muted small">{t(`shipment.basis.${eta.basis}`, { defaultValue: eta.basis })}</p>
    </figure>
  )
}
