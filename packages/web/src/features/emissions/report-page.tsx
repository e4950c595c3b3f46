import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DataTable } from '../../components/data-table.js'
import { Empty, ResourceView } from '../../components/states.js'
import { displayName } from '../../lib/organisations.js'
import { Link, useDocumentTitle } from '../../lib/router.js'
import { useSession } from '../../lib/session.js'
import { useResource } from '../../lib/use-api.js'
import { useFormat } from '../../lib/use-format.js'
import { getEmissionsReport, ISO_14083_ELEMENTS } from './report-api.js'

const DAY_MS = 86_400_000
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/**
 * The signed-in organisation's emissions report over a period (ISO 14083 / GLEC v3): shipments,
 * TEU, tonne-km by mode, CO2e, intensity, the factors with their sources, and which ISO 14083
 * report elements it covers.
 */
export function EmissionsReportPage() {
  const { t, i18n } = useTranslation()
  const { client, me } = useSession()
  const format = useFormat()
  useDocumentTitle(t('report.title'))
  const [period, setPeriod] = useState(() => ({
    from: isoDate(Date.now() - 180 * DAY_MS),
    to: isoDate(Date.now() + DAY_MS),
  }))
  const report = useResource(
    me ? `emissions-report:${me.id}:${period.from}:${period.to}` : null,
    () => getEmissionsReport(client, period),
  )
  const setDate = (field: 'from' | 'to') => (event: React.ChangeEvent<HTMLInputElement>) => {
    const value = event.target.value
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) setPeriod((p) => ({ ...p, [field]: value }))
  }

  return (
    <section className="page page-report">
      <h1>{t('report.title')}</h1>
      <p className="muted">{t('report.intro')}</p>
      <form className="report-period" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('report.from')}
          <input type="date" value={period.from} onChange={setDate('from')} />
        </label>
        <label>
          {t('report.to')}
          <input type="date" value={period.to} onChange={setDate('to')} />
        </label>
      </form>
      {!me ? (
        <Empty>{t('report.signIn')}</Empty>
      ) : (
        <ResourceView resource={report}>
          {(r) => (
            <>
              <section className="card" data-testid="report-totals">
                <h2>{t('report.totals', { organisation: displayName(me, i18n.language) })}</h2>
                <dl className="facts">
                  <div>
                    <dt>{t('report.shipments')}</dt>
                    <dd data-testid="report-shipments">{format.number(r.shipments)}</dd>
                  </div>
                  <div>
                    <dt>{t('report.teu')}</dt>
                    <dd>{format.number(r.teu)}</dd>
                  </div>
                  <div>
                    <dt>{t('report.co2e')}</dt>
                    <dd data-testid="report-co2e">
                      {t('report.kg', { value: format.number(r.co2eKg) })}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('report.intensity')}</dt>
                    <dd data-testid="report-intensity">
                      {t('report.gPerTeuKm', { value: format.number(r.co2eKgPerTeuKm * 1000, 1) })}
                    </dd>
                  </div>
                  {Object.entries(r.tonneKmByMode).map(([mode, tkm]) => (
                    <div key={mode} data-testid={`report-tkm-${mode}`}>
                      <dt>
                        {t('report.tkmBy', {
                          mode: t(`report.modes.${mode}`, { defaultValue: mode }),
                        })}
                      </dt>
                      <dd>{format.number(tkm)}</dd>
                    </div>
                  ))}
                </dl>
                <p className="muted">{t('emissions.method', { version: r.factorTableVersion })}</p>
                {r.shipmentsWithGaps > 0 && (
                  <p className="warn">{t('report.withGaps', { count: r.shipmentsWithGaps })}</p>
                )}
              </section>
              <section className="card">
                <h2>{t('report.rows')}</h2>
                <DataTable
                  rows={r.rows}
                  rowKey={(row) => row.shipmentKey}
                  rowProps={(row) => ({ 'data-claimed': row.claimed })}
                  empty={t('report.none')}
                  testId="report-rows"
                  columns={[
                    {
                      header: t('report.shipment'),
                      cell: (row) => (
                        <Link href={`/shipments/${encodeURIComponent(row.shipmentKey)}`}>
                          {row.shipmentKey}
                        </Link>
                      ),
                    },
                    { header: t('report.teu'), cell: (row) => format.number(row.teu) },
                    { header: t('report.tkm'), cell: (row) => format.number(row.tonneKm) },
                    { header: t('report.co2e'), cell: (row) => format.number(row.co2eKg) },
                    {
                      header: t('report.intensity'),
                      cell: (row) => format.number(row.co2eKgPerTeuKm * 1000, 1),
                    },
                    {
                      header: t('report.basis'),
                      cell: (row) => (
                        <>
                          {row.claimed ? t('report.claimed') : t('report.computed')}
                          {row.gaps > 0 && ` · ${t('report.gaps', { count: row.gaps })}`}
                        </>
                      ),
                    },
                  ]}
                />
              </section>
              <section className="card" data-testid="report-factors">
                <h2>{t('report.factors')}</h2>
                <ul>
                  {r.factors.map((f) => (
                    <li key={f.id}>
                      <span className="mono">{f.id}</span> {format.number(f.value, 2)} {f.unit} —{' '}
                      <span className="muted">{f.source}</span>
                    </li>
                  ))}
                </ul>
              </section>
              <section className="card" data-testid="report-iso">
                <h2>{t('report.iso.title')}</h2>
                <h3>{t('report.iso.covered')}</h3>
                <ul>
                  {ISO_14083_ELEMENTS.covered.map((e) => (
                    <li key={e}>{t(`report.iso.${e}`)}</li>
                  ))}
                </ul>
                <h3>{t('report.iso.notCovered')}</h3>
                <ul>
                  {ISO_14083_ELEMENTS.notCovered.map((e) => (
                    <li key={e}>{t(`report.iso.${e}`)}</li>
                  ))}
                </ul>
              </section>
            </>
          )}
        </ResourceView>
      )}
    </section>
  )
}
