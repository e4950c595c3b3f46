import { useTranslation } from 'react-i18next'
import { Empty, ResourceView } from '../../components/states.js'
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
            {reads.length === 0 ? (
              <Empty>{t('privacy.noReads')}</Empty>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('privacy.when')}</th>
                      <th scope="col">{t('privacy.reader')}</th>
                      <th scope="col">{t('privacy.what')}</th>
                      <th scope="col">{t('privacy.subjects')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {reads.slice(0, 50).map((r, i) => (
                      <tr key={`${r.at}-${i}`}>
                        <td>{format.dateTime(r.at)}</td>
                        <td>{r.reader}</td>
                        <td className="mono">{r.what}</td>
                        <td>{format.number(r.subjectHashes.length)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section className="card" data-testid="privacy-erasures">
            <h2>{t('privacy.erasures')}</h2>
            {erasures.length === 0 ? (
              <Empty>{t('privacy.noErasures')}</Empty>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('privacy.requested')}</th>
                      <th scope="col">{t('privacy.status')}</th>
                      <th scope="col">{t('privacy.due')}</th>
                      <th scope="col">{t('privacy.rule')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {erasures.map((e) => (
                      <tr key={e.subjectHash}>
                        <td>{format.dateTime(e.requestedAt)}</td>
                        <td>{t(`privacy.erasureStatus.${e.status}`)}</td>
                        <td>{format.dateTime(e.dueAt)}</td>
                        <td className="mono">{e.rule ?? '–'}</td>
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
  )
}
