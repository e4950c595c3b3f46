import { useTranslation } from 'react-i18next'
import { DataTable } from '../../components/data-table.js'
import { ResourceView } from '../../components/states.js'
import { useSession } from '../../lib/session.js'
import { useResource } from '../../lib/use-api.js'
import { useFormat } from '../../lib/use-format.js'
import { getPrivacyRights } from './privacy-api.js'

/** The access log of local reads of personal data and the erasure requests (docs/privacy.md). */
export function PrivacyRightsPanels({ year }: { year: number }) {
  const { t } = useTranslation()
  const { client } = useSession()
  const format = useFormat()
  const rights = useResource(`privacy-rights-${year}`, () => getPrivacyRights(client, year))
  return (
    <ResourceView resource={rights}>
      {({ reads, erasures }) => (
        <>
          <section className="card" data-testid="privacy-access-log">
            <h2>{t('privacy.accessLog')}</h2>
            <DataTable
              rows={reads.slice(0, 50)}
              rowKey={(r, i) => `${r.at}-${i}`}
              empty={t('privacy.noReads')}
              columns={[
                { header: t('privacy.when'), cell: (r) => format.dateTime(r.at) },
                { header: t('privacy.reader'), cell: (r) => r.reader },
                { header: t('privacy.what'), className: 'mono', cell: (r) => r.what },
                {
                  header: t('privacy.subjects'),
                  cell: (r) => format.number(r.subjectHashes.length),
                },
              ]}
            />
          </section>
          <section className="card" data-testid="privacy-erasures">
            <h2>{t('privacy.erasures')}</h2>
            <DataTable
              rows={erasures}
              rowKey={(e) => e.subjectHash}
              empty={t('privacy.noErasures')}
              columns={[
                { header: t('privacy.requested'), cell: (e) => format.dateTime(e.requestedAt) },
                {
                  header: t('privacy.status'),
                  cell: (e) => t(`privacy.erasureStatus.${e.status}`),
                },
                { header: t('privacy.due'), cell: (e) => format.dateTime(e.dueAt) },
                { header: t('privacy.rule'), className: 'mono', cell: (e) => e.rule ?? '–' },
              ]}
            />
          </section>
        </>
      )}
    </ResourceView>
  )
}
