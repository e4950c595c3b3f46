import { useTranslation } from 'react-i18next'
import { DataTable } from '../../components/data-table.js'
import { ResourceView } from '../../components/states.js'
import { Link, useDocumentTitle } from '../../lib/router.js'
import { useSession } from '../../lib/session.js'
import { useResource } from '../../lib/use-api.js'
import { useFormat } from '../../lib/use-format.js'
import { getPintOverview, type PintTransfer } from './pint-api.js'
import { ResponseCode } from '../../components/pint-response-code.js'

/**
 * The operator's platforms screen (DCSA PINT): this node as a platform, envelopes received from
 * other platforms, and transfers out with the receiver's response code, failures first.
 */
export function PintPage() {
  const { t } = useTranslation()
  const { client } = useSession()
  const format = useFormat()
  useDocumentTitle(t('pint.title'))
  const overview = useResource('pint-overview', () => getPintOverview(client))

  return (
    <section className="page page-pint">
      <h1>{t('pint.title')}</h1>
      <p className="muted">{t('pint.intro')}</p>
      <ResourceView resource={overview}>
        {({ platform, platforms, incoming, outgoing }) => {
          const nameOf = (code: string) => platforms.find((p) => p.code === code)?.name ?? code
          const failed = (x: PintTransfer) =>
            x.status === 'REJECTED' || (x.status === 'SENDING' && x.lastError !== null)
          const ordered = [...outgoing.filter(failed), ...outgoing.filter((x) => !failed(x))]
          return (
            <>
              <p data-testid="pint-self">
                {t('pint.self', { code: platform.code, name: platform.name })}
              </p>
              <section className="card" data-testid="pint-incoming">
                <h2>{t('pint.incoming')}</h2>
                <DataTable
                  rows={incoming}
                  rowKey={(r) => r.reference}
                  empty={t('pint.noIncoming')}
                  columns={[
                    { header: t('pint.when'), cell: (r) => format.dateTime(r.createdAt) },
                    {
                      header: t('pint.from'),
                      cell: (r) => (
                        <>
                          {nameOf(r.sender)} <span className="mono">({r.sender})</span>
                        </>
                      ),
                    },
                    { header: t('pint.status'), cell: (r) => t(`pint.inboxStatus.${r.status}`) },
                    {
                      header: t('pint.documents'),
                      cell: (r) =>
                        t('pint.received', { count: r.received.length, total: r.documents.length }),
                    },
                    {
                      header: t('pint.checksum'),
                      className: 'mono',
                      cell: (r) => `${r.documentChecksum.slice(0, 12)}…`,
                    },
                  ]}
                />
              </section>
              <section className="card" data-testid="pint-outgoing">
                <h2>{t('pint.outgoing')}</h2>
                <DataTable
                  rows={ordered}
                  rowKey={(x) => x.id}
                  rowProps={(x) => ({ className: failed(x) ? 'bad' : undefined })}
                  empty={t('pint.noOutgoing')}
                  columns={[
                    { header: t('pint.when'), cell: (x) => format.dateTime(x.updatedAt) },
                    {
                      header: t('pint.bill'),
                      cell: (x) => (
                        <Link href={`/bills/${encodeURIComponent(x.documentId)}`}>
                          {t(`pint.actions.${x.action}`, { defaultValue: x.action })}
                        </Link>
                      ),
                    },
                    {
                      header: t('pint.to'),
                      cell: (x) => (
                        <>
                          {nameOf(x.platform)} <span className="mono">({x.platform})</span>
                        </>
                      ),
                    },
                    { header: t('pint.status'), cell: (x) => t(`pint.outboxStatus.${x.status}`) },
                    {
                      header: t('pint.response'),
                      cell: (x) => (
                        <>
                          <ResponseCode code={x.responseCode} />
                          {x.status === 'SENDING' && x.lastError && (
                            <span className="muted"> {x.lastError}</span>
                          )}
                        </>
                      ),
                    },
                    { header: t('pint.attempts'), cell: (x) => format.number(x.attempts) },
                  ]}
                />
              </section>
            </>
          )
        }}
      </ResourceView>
    </section>
  )
}
