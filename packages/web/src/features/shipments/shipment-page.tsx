import { useTranslation } from 'react-i18next'
import { DataTable } from '../../components/data-table.js'
import { ResourceView } from '../../components/states.js'
import { ToneBadge } from '../../components/tone-badge.js'
import type { ApiClient } from '../../lib/api-client.js'
import { Link, useDocumentTitle } from '../../lib/router.js'
import { useSession } from '../../lib/session.js'
import { getShipment, type ShipmentSummary } from '../../lib/shipments-api.js'
import { useResource } from '../../lib/use-api.js'
import { useFormat } from '../../lib/use-format.js'
import { EmissionsCard } from './emissions-card.js'
import { EtaBand } from './eta-band.js'
import { EventProofs } from './event-proofs.js'
import { milestoneLabel } from './milestone-label.js'

/** The bill whose transport document reference is the shipment key, if the node has one. */
async function findBill(
  client: ApiClient,
  reference: string,
): Promise<{ id: string; reference: string } | null> {
  const body = await client.get<{ items?: { id: string; reference: string }[] }>(
    `/ebl?q=${encodeURIComponent(reference)}`,
  )
  return body.items?.find((b) => b.reference === reference) ?? null
}

/** The shipment screen: status, ETA band, timeline (planned / estimated / actual), customs, bill. */
export function ShipmentPage({ id }: { id: string }) {
  const { t } = useTranslation()
  const { client, me } = useSession()
  useDocumentTitle(t('shipment.title', { reference: id }))
  const shipment = useResource(`shipment:${id}:${me?.id ?? '-'}`, () => getShipment(client, id))
  const bill = useResource(`shipment-bill:${id}:${me?.id ?? '-'}`, () =>
    findBill(client, id).catch(() => null),
  )

  return (
    <section className="page page-shipment">
      <p>
        <Link href="/shipments">← {t('shipment.back')}</Link>
      </p>
      <h1>{t('shipment.title', { reference: id })}</h1>
      <ResourceView resource={shipment}>
        {(s) => (
          <div className="shipment-layout">
            <div className="shipment-main">
              <Overview s={s} />
              <Timeline s={s} />
              <EmissionsCard shipmentKey={s.id} />
            </div>
            <div className="shipment-side">
              <Eta s={s} />
              <Customs s={s} />
              <EventProofs shipmentKey={s.id} />
              <section className="card">
                <h2>{t('shipment.bill')}</h2>
                {bill.status === 'ready' && bill.data ? (
                  <Link href={`/bills/${encodeURIComponent(bill.data.id)}`}>
                    {t('shipment.openBill', { reference: bill.data.reference })}
                  </Link>
                ) : (
                  <p className="muted">
                    {bill.status === 'loading' ? t('states.loading') : t('shipment.noBill')}
                  </p>
                )}
              </section>
            </div>
          </div>
        )}
      </ResourceView>
    </section>
  )
}

function Overview({ s }: { s: ShipmentSummary }) {
  const { t } = useTranslation()
  const format = useFormat()
  const place = (code?: string) => (code ? t(`ports.${code}`, { defaultValue: code }) : '—')
  return (
    <section className="card">
      <dl className="facts">
        <div>
          <dt>{t('shipments.status')}</dt>
          <dd data-testid="shipment-tone">
            <ToneBadge tone={s.tone} />
          </dd>
        </div>
        <div>
          <dt>{t('shipments.route')}</dt>
          <dd>
            {place(s.origin)} → {place(s.destination)}
          </dd>
        </div>
        <div>
          <dt>{t('shipment.position')}</dt>
          <dd>
            {place(s.lastKnownLocation)}
            {s.currentMode &&
              ` · ${t(`shipment.mode.${s.currentMode}`, { defaultValue: s.currentMode })}`}
          </dd>
        </div>
        <div>
          <dt>{t('shipment.container')}</dt>
          <dd className="mono">{s.equipmentReferences.join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>{t('shipments.lastEvent')}</dt>
          <dd>{format.dateTime(s.lastEventAt)}</dd>
        </div>
        {s.delayHours !== 0 && (
          <div>
            <dt>{t('tone.delayed')}</dt>
            <dd>{t('shipment.etaVsPlan', { delta: format.duration(s.delayHours) })}</dd>
          </div>
        )}
      </dl>
    </section>
  )
}

function Eta({ s }: { s: ShipmentSummary }) {
  const { t } = useTranslation()
  const format = useFormat()
  const finalPlan = [...s.milestones]
    .reverse()
    .find((m) => m.typeCode === 'ARRI' && m.eventType === 'TRANSPORT')
  return (
    <section className="card">
      <h2>{t('shipment.eta')}</h2>
      {s.finalArrival ? (
        <EtaBand
          eta={s.finalArrival}
          plannedAt={finalPlan?.plannedAt}
          place={t(`ports.${s.finalArrival.UNLocationCode}`, {
            defaultValue: s.finalArrival.UNLocationCode,
          })}
        />
      ) : (
        <p className="muted">{t('shipment.etaNone')}</p>
      )}
      {s.eta.length > 1 && (
        <>
          <h3>{t('shipment.remaining')}</h3>
          <ul className="plain-list small" data-testid="eta-milestones">
            {s.eta.map((m) => (
              <li key={`${m.typeCode}-${m.UNLocationCode}-${m.p50}`}>
                {milestoneLabel(t, m)}: <strong>{format.dateTime(m.p50)}</strong>{' '}
                <span className="muted">
                  ({format.dateTime(m.p10)} – {format.dateTime(m.p90)})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

function Timeline({ s }: { s: ShipmentSummary }) {
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <section className="card">
      <h2>{t('shipment.timeline')}</h2>
      <DataTable
        rows={s.milestones}
        rowKey={(m) => m.key}
        rowProps={(m) => ({ className: m.actualAt ? 'done' : 'todo' })}
        empty={t('shipment.noEvents')}
        testId="timeline"
        columns={[
          {
            header: t('shipment.milestone'),
            cell: (m) => (
              <>
                {milestoneLabel(t, m)}
                {m.equipmentReference && (
                  <div className="muted mono small">{m.equipmentReference}</div>
                )}
              </>
            ),
          },
          { header: t('shipment.planned'), cell: (m) => format.dateTime(m.plannedAt) },
          { header: t('shipment.estimated'), cell: (m) => format.dateTime(m.estimatedAt) },
          {
            header: t('shipment.actual'),
            cell: (m) => (
              <>
                {format.dateTime(m.actualAt)}
                {m.delayHours !== undefined && Math.abs(m.delayHours) >= 1 && (
                  <div className={`small ${m.delayHours > 0 ? 'bad' : 'ok'}`}>
                    {format.duration(m.delayHours)}
                  </div>
                )}
              </>
            ),
          },
        ]}
      />
    </section>
  )
}

function Customs({ s }: { s: ShipmentSummary }) {
  const { t } = useTranslation()
  const format = useFormat()
  return (
    <section className="card">
      <h2>{t('shipment.customs')}</h2>
      <p data-testid="customs-status">
        <strong>
          {t(`shipment.customsCode.${s.customsStatus}`, { defaultValue: s.customsStatus })}
        </strong>
      </p>
      {s.customs.length === 0 ? (
        <p className="muted">{t('shipment.customsNone')}</p>
      ) : (
        <ul className="plain-list">
          {s.customs.map((d) => (
            <li key={d.declarationNumber}>
              <span className="mono">{d.declarationNumber}</span> · {d.authority} ·{' '}
              {t(`shipment.customsCode.${d.milestoneCode}`, { defaultValue: d.milestoneCode })} ·{' '}
              {format.dateTime(d.at)}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
