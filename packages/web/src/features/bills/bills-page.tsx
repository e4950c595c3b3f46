import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Empty, ResourceView } from '../../components/states.js'
import { useOrganisations } from '../../lib/organisations.js'
import { Link, useDocumentTitle } from '../../lib/router.js'
import { useSession } from '../../lib/session.js'
import { useResource } from '../../lib/use-api.js'
import { useDebounced } from '../../lib/use-debounced.js'
import { useFormat } from '../../lib/use-format.js'
import { listBills } from './bill-api.js'

const STATUSES = [
  'ISSUED',
  'PENDING_SURRENDER_FOR_DELIVERY',
  'SURRENDERED_FOR_DELIVERY',
  'PENDING_SURRENDER_FOR_AMENDMENT',
  'SURRENDERED_FOR_AMENDMENT',
  'VOIDED',
] as const

/** The list of bills, searchable by reference and filterable by status and by "bills I'm party to". */
export function BillsPage() {
  const { t } = useTranslation()
  const format = useFormat()
  const { client, me } = useSession()
  const { nameOf } = useOrganisations()
  const [q, setQ] = useState('')
  const [status, setStatus] = useState('')
  const [isMine, setIsMine] = useState(false)
  useDocumentTitle(t('bills.title'))
  const party = isMine && me ? me.id : undefined
  const query = useDebounced(q.trim())
  const bills = useResource(`bills:${me?.id ?? '-'}:${query}:${status}:${party ?? ''}`, () =>
    listBills(client, { q: query, status, party }),
  )

  return (
    <section className="page">
      <h1>{t('bills.title')}</h1>
      <div className="toolbar" role="search">
        <div>
          <label htmlFor="bills-q">{t('bills.search')}</label>
          <input id="bills-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div>
          <label htmlFor="bills-status">{t('bills.status')}</label>
          <select id="bills-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('shipments.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`bill.docStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {me && (
          <label className="checkbox">
            <input type="checkbox" checked={isMine} onChange={(e) => setIsMine(e.target.checked)} />{' '}
            {t('bills.mine')}
          </label>
        )}
      </div>
      <ResourceView resource={bills}>
        {(list) =>
          list.length === 0 ? (
            <Empty>{t('bills.empty')}</Empty>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('bills.reference')}</th>
                    <th scope="col">{t('bills.status')}</th>
                    <th scope="col">{t('bills.possessor')}</th>
                    <th scope="col">{t('bills.updated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((b) => (
                    <tr key={b.id}>
                      <td>
                        <Link href={`/bills/${encodeURIComponent(b.id)}`}>{b.reference}</Link>
                      </td>
                      <td>
                        {t(`bill.docStatus.${b.state?.status}`, {
                          defaultValue: String(b.state?.status ?? '—'),
                        })}
                      </td>
                      <td>{nameOf(b.state?.possessor)}</td>
                      <td>{format.dateTime(b.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </ResourceView>
    </section>
  )
}
