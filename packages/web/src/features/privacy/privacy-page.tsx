import { useTranslation } from 'react-i18next'
import { Empty, ResourceView } from '../../components/states.js'
import { useDocumentTitle } from '../../lib/router.js'
import { useSession } from '../../lib/session.js'
import { useResource } from '../../lib/use-api.js'
import { useFormat } from '../../lib/use-format.js'
import { getPrivacyOverview } from './privacy-api.js'
import { PrivacyRightsPanels } from './privacy-rights-panels.js'

/**
 * The operator's privacy screen: this year's cross-border transfers of personal data per exporter
 * and country, the register entries, each checked against the ledger by the node, the access log
 * of local reads of personal data, and the erasure requests.
 */
export function PrivacyPage() {
  const { t } = useTranslation()
  const { client } = useSession()
  const format = useFormat()
  useDocumentTitle(t('privacy.title'))
  const year = new Date().getUTCFullYear()
  const overview = useResource(`privacy-${year}`, () => getPrivacyOverview(client, year))

  return (
    <section className="page page-privacy">
      <h1>{t('privacy.title')}</h1>
      <p className="muted">{t('privacy.intro')}</p>
      <ResourceView resource={overview}>
        {({ jurisdiction, rows, entries, treeSize, failed }) => (
          <>
            <section className="card" data-testid="privacy-report">
              <h2>{t('privacy.report', { year, jurisdiction })}</h2>
              {rows.length === 0 ? (
                <Empty>{t('privacy.noTransfers')}</Empty>
              ) : (
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('privacy.exporter')}</th>
                        <th scope="col">{t('privacy.country')}</th>
                        <th scope="col">{t('privacy.transfers')}</th>
                        <th scope="col">{t('privacy.subjects')}</th>
                        <th scope="col">{t('privacy.bases')}</th>
                        <th scope="col">{t('privacy.threshold')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((r) => (
                        <tr key={`${r.exporter}-${r.recipientCountry}`}>
                          <td>{r.exporter}</td>
                          <td>{r.recipientCountry}</td>
                          <td>{format.number(r.transfers)}</td>
                          <td>{format.number(r.subjects)}</td>
                          <td className="mono">{r.bases.join(', ')}</td>
                          <td>{format.number(r.thresholdShare * 100, 2)}%</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
            <section className="card" data-testid="privacy-register">
              <h2>{t('privacy.register')}</h2>
              <p className={failed.length === 0 ? 'ok' : 'bad'}>
                {failed.length === 0
                  ? t('privacy.verified', { count: entries.length, size: treeSize })
                  : t('privacy.notVerified', { count: failed.length })}
              </p>
              {entries.length > 0 && (
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('privacy.leaf')}</th>
                        <th scope="col">{t('privacy.when')}</th>
                        <th scope="col">{t('privacy.channel')}</th>
                        <th scope="col">{t('privacy.recipient')}</th>
                        <th scope="col">{t('privacy.action')}</th>
                        <th scope="col">{t('privacy.basis')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {entries.map(({ leafIndex, record }) => (
                        <tr key={leafIndex}>
                          <td className="mono">{leafIndex}</td>
                          <td>{format.dateTime(record.recordedAt)}</td>
                          <td>
                            {t(`privacy.channels.${record.channel}`, {
                              defaultValue: record.channel,
                            })}
                          </td>
                          <td>
                            {record.recipient} ({record.recipientCountry})
                          </td>
                          <td>{t(`privacy.actions.${record.action}`)}</td>
                          <td className="mono">{record.basis.id ?? record.basis.kind}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          </>
        )}
      </ResourceView>
      <PrivacyRightsPanels year={year} />
    </section>
  )
}
