import { useTranslation } from 'react-i18next'
import { Empty } from '../../components/states.js'
import { useFormat } from '../../lib/use-format.js'
import type { HistoryEntry } from './bill-api.js'
import { jwsAlgorithm } from './jws-algorithm.js'

/** The bill's title chain as a readable history: who did what, to whom, when, with which key. */
export function TitleChain({
  entries,
  nameOf,
}: {
  entries: readonly HistoryEntry[]
  nameOf: (id: string | null | undefined) => string
}) {
  const { t } = useTranslation()
  const format = useFormat()
  if (entries.length === 0) return <Empty>{t('bill.chain.empty')}</Empty>
  return (
    <ol className="title-chain" data-testid="title-chain">
      {entries.map((entry) => {
        const p = entry.payload
        return (
          <li key={entry.seq} className="chain-entry" data-action={p.action}>
            <div className="chain-head">
              <span className="chain-seq">{entry.seq}</span>
              <strong>
                {t(`bill.action.${p.action}`, {
                  defaultValue: t('bill.action.unknown', { action: p.action }),
                })}
              </strong>
              <span className="muted">{format.dateTime(p.at)}</span>
            </div>
            <dl className="chain-details">
              <div>
                <dt>{t('bill.chain.who')}</dt>
                <dd>{nameOf(p.actor)}</dd>
              </div>
              {p.recipient && (
                <div>
                  <dt>{t('bill.chain.to')}</dt>
                  <dd>{nameOf(p.recipient)}</dd>
                </div>
              )}
              {p.pledge && (
                <div>
                  <dt>{t('bill.actions.pledge')}</dt>
                  <dd>{t(`bill.actions.${p.pledge}`)}</dd>
                </div>
              )}
              {p.greenLink && (
                <div className="green-link" data-testid="green-link">
                  <dt>{t('bill.chain.greenLink')}</dt>
                  <dd>
                    {t('bill.chain.greenLinkClaim', { id: p.greenLink.claimId })}{' '}
                    <span className="mono" title={p.greenLink.claimDigest}>
                      SHA-256 {p.greenLink.claimDigest.slice(0, 16)}…
                    </span>
                  </dd>
                </div>
              )}
              {p.reasonCode && (
                <div>
                  <dt>{t('bill.actions.reasonCode')}</dt>
                  <dd>
                    {t(`bill.actions.reason.${p.reasonCode}`, { defaultValue: p.reasonCode })}
                  </dd>
                </div>
              )}
              {p.comments && (
                <div>
                  <dt>{t('bill.chain.comments')}</dt>
                  <dd>{p.comments}</dd>
                </div>
              )}
              <div>
                <dt>{t('bill.chain.signedBy')}</dt>
                <dd>
                  <span className="mono">{entry.signerKid}</span>
                  {jwsAlgorithm(entry.jws) && (
                    <span className="alg">{jwsAlgorithm(entry.jws)}</span>
                  )}
                </dd>
              </div>
              <div>
                <dt>{t('bill.chain.entryChecksum')}</dt>
                <dd className="mono">{entry.entryChecksum}</dd>
              </div>
            </dl>
          </li>
        )
      })}
    </ol>
  )
}
