import { useTranslation } from 'react-i18next'
import { DataTable } from '../../components/data-table.js'
import { ResourceView } from '../../components/states.js'
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
              <DataTable
                rows={rows}
                rowKey={(r) => `${r.exporter}-${r.recipientCountry}`}
                empty={t('privacy.noTransfers')}
                columns={[
                  { header: t('privacy.exporter'), cell: (r) => r.exporter },
                  { header: t('privacy.country'), cell: (r) => r.recipientCountry },
                  { header: t('privacy.transfers'), cell: (r) => format.number(r.transfers) },
                  { header: t('privacy.subjects'), cell: (r) => format.number(r.subjects) },
                  {
                    header: t('privacy.bases'),
                    className: 'mono',
                    cell: (r) => r.bases.join(', '),
                  },
                  {
                    header: t('privacy.threshold'),
                    cell: (r) => `${format.number(r.thresholdShare * 100, 2)}%`,
                  },
                ]}
              />
            </section>
            <section className="card" data-testid="privacy-register">
              <h2>{t('privacy.register')}</h2>
              <p className={failed.length === 0 ? 'ok' : 'bad'}>
                {failed.length === 0
                  ? t('privacy.verified', { count: entries.length, size: treeSize })
                  : t('privacy.notVerified', { count: failed.length })}
              </p>
              <DataTable
                rows={entries}
                rowKey={(e) => e.leafIndex}
                columns={[
                  { header: t('privacy.leaf'), className: 'mono', cell: (e) => e.leafIndex },
                  {
                    header: t('privacy.when'),
                    cell: (e) => format.dateTime(e.record.recordedAt),
                  },
                  {
                    header: t('privacy.channel'),
                    cell: (e) =>
                      t(`privacy.channels.${e.record.channel}`, { defaultValue: e.record.channel }),
                  },
                  {
                    header: t('privacy.recipient'),
                    cell: (e) => `${e.record.recipient} (${e.record.recipientCountry})`,
                  },
                  {
                    header: t('privacy.action'),
                    cell: (e) => t(`privacy.actions.${e.record.action}`),
                  },
                  {
                    header: t('privacy.basis'),
                    className: 'mono',
                    cell: (e) => e.record.basis.id ?? e.record.basis.kind,
                  },
                ]}
              />
            </section>
          </>
        )}
      </ResourceView>
      <PrivacyRightsPanels year={year} />
    </section>
  )
}
