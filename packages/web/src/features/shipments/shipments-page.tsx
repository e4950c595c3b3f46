import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Empty, ResourceView } from '../../components/states.js'
import { ToneBadge } from '../../components/tone-badge.js'
import { Link, useDocumentTitle } from '../../lib/router.js'
import { useSession } from '../../lib/session.js'
import { useShipmentSummaries, type ShipmentSummary } from '../../lib/shipments-api.js'
import { SHIPMENT_TONES } from '../../lib/tone.js'
import { useFormat } from '../../lib/use-format.js'

/** Whether a shipment matches the search text: reference, containers, places (code or name). */
function matches(s: ShipmentSummary, query: string, placeName: (code: string) => string): boolean {
  const q = query.trim().toLowerCase()
  if (!q) return true
  const places = [s.origin, s.destination, s.lastKnownLocation].flatMap((p) =>
    p ? [p, placeName(p)] : [],
  )
  return [s.reference, ...s.equipmentReferences, ...places].some((x) => x.toLowerCase().includes(q))
}

/** The shipments list: search by reference, container or place; filter by status. */
export function ShipmentsPage() {
  const { t } = useTranslation()
  const format = useFormat()
  const { me } = useSession()
  useDocumentTitle(t('shipments.title'))
  const shipments = useShipmentSummaries()
  const [query, setQuery] = useState('')
  const [tone, setTone] = useState('')
  const place = (code: string) => t(`ports.${code}`, { defaultValue: code })

  const filtered = useMemo(
    () =>
      shipments.status === 'ready'
        ? shipments.data.filter((s) => (!tone || s.tone === tone) && matches(s, query, place))
        : [],
    // `place` only depends on the language, which `t` follows.
    [shipments, query, tone, t],
  )

  return (
    <section className="page">
      <h1>{t('shipments.title')}</h1>
      {!me ? (
        <Empty>{t('states.signInRequired')}</Empty>
      ) : (
        <>
          <div className="toolbar" role="search">
            <div>
              <label htmlFor="shipments-q">{t('shipments.search')}</label>
              <input
                id="shipments-q"
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
            </div>
            <div>
              <label htmlFor="shipments-tone">{t('shipments.filterStatus')}</label>
              <select id="shipments-tone" value={tone} onChange={(e) => setTone(e.target.value)}>
                <option value="">{t('shipments.all')}</option>
                {SHIPMENT_TONES.map((x) => (
                  <option key={x} value={x}>
                    {t(`tone.${x}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <ResourceView resource={shipments}>
            {() =>
              filtered.length === 0 ? (
                <Empty>{t('shipments.empty')}</Empty>
              ) : (
                <>
                  <p className="muted" aria-live="polite">
                    {t('shipments.count', { count: filtered.length })}
                  </p>
                  <div className="table-wrap">
                    <table data-testid="shipments-table">
                      <thead>
                        <tr>
                          <th scope="col">{t('shipments.reference')}</th>
                          <th scope="col">{t('shipments.route')}</th>
                          <th scope="col">{t('shipments.status')}</th>
                          <th scope="col">{t('shipments.eta')}</th>
                          <th scope="col">{t('shipments.customs')}</th>
                          <th scope="col">{t('shipments.lastEvent')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {filtered.map((s) => (
                          <tr key={s.id}>
                            <td>
                              <Link href={`/shipments/${encodeURIComponent(s.id)}`}>
                                {s.reference}
                              </Link>
                            </td>
                            <td>
                              {s.origin ? place(s.origin) : '—'} →{' '}
                              {s.destination ? place(s.destination) : '—'}
                            </td>
                            <td>
                              <ToneBadge tone={s.tone} />
                            </td>
                            <td>{format.dateTime(s.finalArrival?.p50)}</td>
                            <td>
                              {t(`shipment.customsCode.${s.customsStatus}`, {
                                defaultValue: s.customsStatus,
                              })}
                            </td>
                            <td>{format.dateTime(s.lastEventAt)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </>
              )
            }
          </ResourceView>
        </>
      )}
    </section>
  )
}
