import { useTranslation } from 'react-i18next'
import { ResourceView } from '../../components/states.js'
import { useSession } from '../../lib/session.js'
import { useResource } from '../../lib/use-api.js'
import { useFormat } from '../../lib/use-format.js'

interface Element {
  readonly element: string
  readonly factor: string
  readonly activity: number
  readonly activityUnit: string
  readonly co2eKg: number
}
interface ShipmentEmissionsView {
  readonly teu: number
  readonly factorTableVersion: string
  readonly co2eKg: number
  readonly distanceKm: number
  readonly elements: readonly Element[]
  readonly gaps: readonly { reason: string; shareOfDistance: number | null }[]
}
interface AlternativesView {
  readonly routes: readonly {
    name: string
    co2eKg: number
    deltaKg: number
    transitDays?: { low: number; high: number }
  }[]
}

const TEU = 2

/**
 * The shipment's GLEC v3 / ISO 14083 emissions per leg and terminal, its total and intensity, and
 * the same cargo on the corridor's alternatives with their transit times (docs/emissions.md).
 */
export function EmissionsCard({ shipmentKey }: { shipmentKey: string }) {
  const { t } = useTranslation()
  const { client, me } = useSession()
  const format = useFormat()
  const key = encodeURIComponent(shipmentKey)
  const data = useResource(`emissions:${shipmentKey}:${me?.id ?? '-'}`, async () => {
    const [own, alternatives] = await Promise.all([
      client.get<ShipmentEmissionsView>(`/shipments/${key}/emissions?teu=${TEU}`),
      client.get<AlternativesView>(`/emissions/alternatives?teu=${TEU}`),
    ])
    return { own, alternatives }
  })
  const kg = (n: number) => format.number(n)
  return (
    <section className="card" data-testid="emissions">
      <h2>{t('emissions.title')}</h2>
      <ResourceView resource={data}>
        {({ own, alternatives }) => (
          <>
            <p data-testid="emissions-total">
              {t('emissions.total', {
                co2eKg: kg(own.co2eKg),
                teu: format.number(own.teu),
                intensity: format.number(
                  own.distanceKm > 0
                    ? Math.round((own.co2eKg / (own.teu * own.distanceKm)) * 1e6) / 1e3
                    : 0,
                ),
              })}
            </p>
            <div className="table-wrap">
              <table data-testid="emissions-elements">
                <thead>
                  <tr>
                    <th scope="col">{t('emissions.element')}</th>
                    <th scope="col">{t('emissions.activity')}</th>
                    <th scope="col">{t('emissions.co2e')}</th>
                  </tr>
                </thead>
                <tbody>
                  {own.elements.map((e) => (
                    <tr key={e.element}>
                      <td>{e.element}</td>
                      <td>
                        {format.number(e.activity)} {e.activityUnit}
                      </td>
                      <td>{kg(e.co2eKg)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {own.gaps.length > 0 && (
              <p className="form-error" data-testid="emissions-gaps">
                {t('emissions.gaps', { count: own.gaps.length })}
              </p>
            )}
            <p className="muted small">
              {t('emissions.method', { version: own.factorTableVersion })}
            </p>
            <h3>{t('emissions.alternatives')}</h3>
            <div className="table-wrap">
              <table data-testid="emissions-alternatives">
                <thead>
                  <tr>
                    <th scope="col">{t('emissions.route')}</th>
                    <th scope="col">{t('emissions.co2e')}</th>
                    <th scope="col">{t('emissions.transit')}</th>
                  </tr>
                </thead>
                <tbody>
                  {alternatives.routes.map((r) => (
                    <tr key={r.name}>
                      <td>{t(`emissions.routes.${r.name}`, { defaultValue: r.name })}</td>
                      <td>{kg(r.co2eKg)}</td>
                      <td>
                        {r.transitDays
                          ? t('emissions.days', {
                              low: format.number(r.transitDays.low),
                              high: format.number(r.transitDays.high),
                            })
                          : '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </ResourceView>
    </section>
  )
}
