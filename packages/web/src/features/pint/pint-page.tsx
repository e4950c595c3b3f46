import { useTranslation } from 'react-i18next'
import { Empty, ResourceView } from '../../components/states.js'
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
                {incoming.length === 0 ? (
                  <Empty>{t('pint.noIncoming')}</Empty>
                ) : (
                  <div className="table-wrap">
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t('pint.when')}</th>
                          <th scope="col">{t('pint.from')}</th>
                          <th scope="col">{t('pint.status')}</th>
                          <th scope="col">{t('pint.documents')}</th>
                          <th scope="col">{t('pint.checksum')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {incoming.map((r) => (
                          <tr key={r.reference}>
                            <td>{format.dateTime(r.createdAt)}</td>
                            <td>
                              {nameOf(r.sender)} <span className="mono">({r.sender})</span>
                            </td>
                            <td>{t(`pint.inboxStatus.${r.status}`)}</td>
                            <td>
                              {t('pint.received', {
                                count: r.received.length,
                                total: r.documents.length,
                              })}
                            </td>
                            <td className="mono">{r.documentChecksum.slice(0, 12)}…</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </section>
              <section className="card" data-testid="pint-outgoing">
                <h2>{t('pint.outgoing')}</h2>
                {ordered.length === 0 ? (
                  <Empty>{t('pint.noOutgoing')}</Empty>
                ) : (
                  <div className="table-wrap">
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t('pint.when')}</th>
                          <th scope="col">{t('pint.bill')}</th>
                          <th scope="col">{t('pint.to')}</th>
                          <th scope="col">{t('pint.status')}</th>
                          <th scope="col">{t('pint.response')}</th>
                          <th scope="col">{t('pint.attempts')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {ordered.map((x) => (
                          <tr key={x.id} className={failed(x) ? 'bad' : undefined}>
                            <td>{format.dateTime(x.updatedAt)}</td>
                            <td>
                              <Link href={`/bills/${encodeURIComponent(x.documentId)}`}>
                                {t(`pint.actions.${x.action}`, { defaultValue: x.action })}
                              </Link>
                            </td>
                            <td>
                              {nameOf(x.platform)} <span className="mono">({x.platform})</span>
                            </td>
                            <td>{t(`pint.outboxStatus.${x.status}`)}</td>
                            <td>
                              <ResponseCode code={x.responseCode} />
                              {x.status === 'SENDING' && x.lastError && (
                                <span className="muted"> {x.lastError}</span>
                              )}
                            </td>
                            <td>{format.number(x.attempts)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </section>
            </>
          )
        }}
      </ResourceView>
    </section>
  )
}
