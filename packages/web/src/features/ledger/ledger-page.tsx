import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Empty, ErrorState, ResourceView } from '../../components/states.js'
import { ApiError } from '../../lib/api-client.js'
import { useDocumentTitle } from '../../lib/router.js'
import { useSession } from '../../lib/session.js'
import { useResource } from '../../lib/use-api.js'
import { useFormat } from '../../lib/use-format.js'
import { readCheckpoint, type CheckpointView } from '../../lib/checkpoint-view.js'
import { getInclusionProof, getLedgerOverview, type InclusionProofJson } from './ledger-api.js'
import { checkInclusion, type InclusionCheck } from '../../lib/prove-inclusion.js'

/** The ledger screen: the latest checkpoint verified in the browser, its witnesses, a proof lookup. */
export function LedgerPage() {
  const { t } = useTranslation()
  const { client } = useSession()
  useDocumentTitle(t('ledger.title'))
  const overview = useResource('ledger', () => getLedgerOverview(client))

  return (
    <section className="page page-ledger">
      <h1>{t('ledger.title')}</h1>
      <p className="muted">{t('ledger.intro')}</p>
      <ResourceView resource={overview}>
        {({ keys, checkpoint, peers }) => {
          if (!checkpoint) return <Empty>{t('ledger.noCheckpoint')}</Empty>
          const view = readCheckpoint(
            checkpoint.note,
            keys.logKey,
            peers.map((p) => p.witnessKey),
          )
          return (
            <>
              <CheckpointCard view={view} createdAt={checkpoint.createdAt} note={checkpoint.note} />
              <ProofLookup treeSize={view.treeSize} rootHash={view.rootHash} />
              <section className="card">
                <h2>{t('ledger.peers')}</h2>
                {peers.length === 0 ? (
                  <p className="muted">{t('ledger.noPeers')}</p>
                ) : (
                  <ul className="plain-list">
                    {peers.map((p) => (
                      <li key={p.url}>
                        <strong>{p.origin}</strong> <span className="muted mono">{p.url}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            </>
          )
        }}
      </ResourceView>
    </section>
  )
}

function CheckpointCard({
  view,
  createdAt,
  note,
}: {
  view: CheckpointView
  createdAt: string
  note: string
}) {
  const { t } = useTranslation()
  const format = useFormat()
  const witnesses = view.signatures.filter((s) => s.role === 'witness')
  const mark = (ok: boolean) => (
    <span className={ok ? 'ok' : 'bad'}>
      {ok ? `✔ ${t('ledger.verified')}` : `✘ ${t('ledger.notVerified')}`}
    </span>
  )
  return (
    <section className="card" data-testid="checkpoint">
      <h2>{t('ledger.checkpoint')}</h2>
      {view.problem && (
        <p className="state state-error" role="alert">
          {view.problem}
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>{t('ledger.origin')}</dt>
          <dd className="mono">{view.origin}</dd>
        </div>
        <div>
          <dt>{t('ledger.treeSize')}</dt>
          <dd data-testid="tree-size">{format.number(view.treeSize)}</dd>
        </div>
        <div>
          <dt>{t('ledger.signedAt')}</dt>
          <dd>{format.dateTime(createdAt)}</dd>
        </div>
        <div>
          <dt>{t('ledger.logSignature')}</dt>
          <dd data-testid="log-signature">{mark(view.isLogSignatureValid)}</dd>
        </div>
      </dl>
      <p className="small">
        <span className="muted">{t('ledger.rootHash')}: </span>
        <span className="mono">{view.rootHash}</span>
      </p>
      <h3>{t('ledger.witnesses')}</h3>
      {witnesses.length === 0 ? (
        <p className="muted">{t('ledger.noWitnesses')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('ledger.witness')}</th>
                <th scope="col">{t('ledger.cosignedAt')}</th>
                <th scope="col">{t('verify.result')}</th>
              </tr>
            </thead>
            <tbody>
              {witnesses.map((w) => (
                <tr key={w.name}>
                  <td className="mono">{w.name}</td>
                  <td>{format.dateTime(w.cosignedAt)}</td>
                  <td>{mark(w.isVerified)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <details>
        <summary>{t('ledger.note')}</summary>
        <pre className="mono note">{note}</pre>
      </details>
    </section>
  )
}

function ProofLookup({ treeSize, rootHash }: { treeSize: number; rootHash: string }) {
  const { t } = useTranslation()
  const { client } = useSession()
  const format = useFormat()
  const [index, setIndex] = useState('')
  const [result, setResult] = useState<
    { proof: InclusionProofJson; check: InclusionCheck } | { error: Error } | null
  >(null)

  async function lookup(event: FormEvent) {
    event.preventDefault()
    const leafIndex = Number(index)
    try {
      const proof = await getInclusionProof(client, leafIndex, treeSize)
      setResult({
        proof,
        check: checkInclusion({
          leafIndex,
          treeSize,
          leafHash: proof.leafHash,
          auditPath: proof.hashes,
          rootHash,
        }),
      })
    } catch (error) {
      setResult({ error: error instanceof Error ? error : new ApiError('ERROR', String(error), 0) })
    }
  }

  return (
    <section className="card">
      <h2>{t('ledger.proof')}</h2>
      <p className="muted">{t('ledger.proofIntro')}</p>
      <form className="toolbar" onSubmit={lookup}>
        <div>
          <label htmlFor="leaf-index">{t('ledger.entry')}</label>
          <input
            id="leaf-index"
            type="number"
            min={0}
            max={Math.max(0, treeSize - 1)}
            required
            value={index}
            onChange={(e) => setIndex(e.target.value)}
            aria-describedby="leaf-range"
          />
          <div id="leaf-range" className="muted small">
            {t('ledger.entryRange', { max: format.number(Math.max(0, treeSize - 1)) })}
          </div>
        </div>
        <button type="submit" disabled={treeSize === 0}>
          {t('ledger.lookup')}
        </button>
      </form>
      {result && 'error' in result && <ErrorState error={result.error} />}
      {result && 'proof' in result && (
        <div data-testid="proof-result" data-valid={result.check.isValid ? 'true' : 'false'}>
          <p>
            {t('ledger.proofFor', {
              index: format.number(result.proof.leafIndex),
              size: format.number(result.proof.treeSize),
            })}
          </p>
          <p className="small">
            <span className="muted">{t('ledger.leafHash')}: </span>
            <span className="mono">{result.proof.leafHash}</span>
          </p>
          <details>
            <summary>{t('ledger.path', { count: result.proof.hashes.length })}</summary>
            <ol className="mono small">
              {result.proof.hashes.map((h, i) => (
                <li key={i}>{h}</li>
              ))}
            </ol>
          </details>
          <p className={`verdict ${result.check.isValid ? 'verdict-ok' : 'verdict-bad'}`}>
            {t('ledger.proofChecked', {
              result: result.check.isValid ? t('ledger.proofOk') : t('ledger.proofBad'),
            })}
            {!result.check.isValid && ` (${result.check.reason})`}
          </p>
        </div>
      )}
    </section>
  )
}
