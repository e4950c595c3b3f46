import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorState, Loading, ResourceView } from '../../components/states.js'
import { useOrganisations } from '../../lib/organisations.js'
import { Link, useDocumentTitle } from '../../lib/router.js'
import { useSession } from '../../lib/session.js'
import { useResource } from '../../lib/use-api.js'
import { useFormat } from '../../lib/use-format.js'
import { ActionPanel } from './action-panel.js'
import {
  getAllowedActions,
  getBill,
  getHistory,
  type AllowedAction,
  type BillRecord,
} from './bill-api.js'
import { BillDocument } from './bill-document.js'
import { BundleDownload } from './bundle-download.js'
import { JourneyCard } from './journey-card.js'
import { TitleChain } from './title-chain.js'

/** The bill screen: title state, the document as a bill of lading, the title chain and actions. */
export function BillPage({ id }: { id: string }) {
  const { t } = useTranslation()
  const { client, me } = useSession()
  const { nameOf } = useOrganisations()
  const key = `${id}:${me?.id ?? '-'}`
  const bill = useResource(`bill:${key}`, () => getBill(client, id))
  const history = useResource(`history:${key}`, () => getHistory(client, id))
  const allowed = useResource<readonly AllowedAction[]>(`allowed:${key}`, () =>
    me ? getAllowedActions(client, id) : Promise.resolve([]),
  )
  useDocumentTitle(
    t('bill.title', { reference: bill.status === 'ready' ? bill.data.reference : id }),
  )
  const [notice, setNotice] = useState<string | null>(null)
  // A notice belongs to who acted on which bill.
  useEffect(() => setNotice(null), [me?.id, id])
  // The shipment of a bill is keyed by its transport document reference (tracking).
  const shipment = useResource<string | null>(
    `bill-shipment:${key}:${bill.status === 'ready' ? bill.data.reference : ''}`,
    () =>
      bill.status === 'ready' && me
        ? client.get(`/shipments/${encodeURIComponent(bill.data.reference)}/timeline`).then(
            () => bill.data.reference,
            () => null,
          )
        : Promise.resolve(null),
  )
  const reloadAll = () => {
    bill.reload()
    history.reload()
    allowed.reload()
  }

  return (
    <section className="page page-bill">
      <p className="crumbs">
        <Link href="/bills">← {t('bill.back')}</Link>
        {shipment.status === 'ready' && shipment.data && (
          <Link href={`/shipments/${encodeURIComponent(shipment.data)}`}>{t('bill.shipment')}</Link>
        )}
      </p>
      <h1>{t('bill.title', { reference: bill.status === 'ready' ? bill.data.reference : '' })}</h1>
      <ResourceView resource={bill}>
        {(record) => (
          <>
            <div className="bill-layout">
              <div className="bill-main">
                <TitleStateCard record={record} nameOf={nameOf} meId={me?.id} />
                <BillDocument document={record.document} />
              </div>
              <div className="bill-side">
                {notice && (
                  <p className="notice" role="status">
                    {notice}
                  </p>
                )}
                {!me ? (
                  <section className="card">
                    <h2>{t('bill.actions.title')}</h2>
                    <p className="muted">{t('bill.actions.signedOut')}</p>
                  </section>
                ) : allowed.status === 'loading' ? (
                  <Loading />
                ) : allowed.status === 'error' ? (
                  <ErrorState error={allowed.error} onRetry={allowed.reload} />
                ) : (
                  <ActionPanel
                    billId={record.id}
                    reference={record.reference}
                    lastEntryChecksum={record.lastEntryChecksum}
                    actions={allowed.data}
                    nameOf={nameOf}
                    onDone={(message) => {
                      setNotice(message)
                      reloadAll()
                    }}
                  />
                )}
                {me && <BundleDownload billId={record.id} reference={record.reference} />}
                {me && <JourneyCard billId={record.id} issuedAt={record.createdAt} />}
                <section className="card">
                  <h2>{t('bill.chain.title')}</h2>
                  <p className="muted">{t('bill.chain.intro')}</p>
                  <ResourceView resource={history}>
                    {(entries) => <TitleChain entries={entries} nameOf={nameOf} />}
                  </ResourceView>
                </section>
              </div>
            </div>
          </>
        )}
      </ResourceView>
    </section>
  )
}

function TitleStateCard({
  record,
  nameOf,
  meId,
}: {
  record: BillRecord
  nameOf: (id: string | null | undefined) => string
  meId: string | undefined
}) {
  const { t } = useTranslation()
  const format = useFormat()
  const s = record.state
  const who = (id: string | null | undefined) =>
    id ? `${nameOf(id)}${id === meId ? ` ${t('bill.you')}` : ''}` : '—'
  const yesNo = (value: boolean) => (value ? t('bill.yes') : t('bill.no'))
  const rows: [string, string][] = [
    [
      t('bill.status'),
      t(`bill.docStatus.${s.status}`, {
        defaultValue: t('bill.docStatus.unknown', { status: s.status }),
      }),
    ],
    [t('bill.possessor'), who(s.possessor)],
    [t('bill.holder'), s.isBlankEndorsed ? t('bill.blankEndorsed') : who(s.holder)],
    [t('bill.issuer'), who(s.issuer)],
    [t('bill.toOrder'), yesNo(s.isToOrder)],
    ...(s.pledgedBy ? ([[t('bill.pledgedBy'), who(s.pledgedBy)]] as [string, string][]) : []),
    ...(s.isToOrder
      ? ([[t('bill.canHolderEndorse'), yesNo(s.canHolderEndorse)]] as [string, string][])
      : []),
    ...(s.isSwitchedToPaper
      ? ([[t('bill.switchedToPaper'), t('bill.yes')]] as [string, string][])
      : []),
    [t('bills.updated'), format.dateTime(record.updatedAt)],
  ]
  return (
    <section className="card title-state" aria-labelledby="title-state">
      <h2 id="title-state">{t('bill.state')}</h2>
      <dl className="facts" data-testid="title-state">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd data-field={label}>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">
        {t('bill.version', { version: record.version })}
        {record.amendsId && <> · {t('bill.amends', { id: record.amendsId })}</>}
        {record.amendedById && (
          <>
            {' '}
            ·{' '}
            <Link href={`/bills/${encodeURIComponent(record.amendedById)}`}>
              {t('bill.amendedBy', { id: record.amendedById })}
            </Link>
          </>
        )}
      </p>
      <p className="small">
        <span className="muted">{t('bill.checksum')}: </span>
        <span className="mono">{record.documentChecksum}</span>
      </p>
    </section>
  )
}
