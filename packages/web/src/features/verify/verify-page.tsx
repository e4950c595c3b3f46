import type { BundleVerification } from '@landsea/core/verify'
import { useRef, useState, type ChangeEvent, type DragEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useDocumentTitle } from '../../lib/router.js'
import { useFormat } from '../../lib/use-format.js'
import { browserEd25519, type Ed25519Engine } from './browser-ed25519.js'
import { MAX_BUNDLE_BYTES, readBundleFile } from './read-bundle-file.js'

type State =
  | { readonly phase: 'idle' }
  | { readonly phase: 'checking'; readonly name: string }
  | { readonly phase: 'problem'; readonly message: string }
  | {
      readonly phase: 'done'
      readonly name: string
      readonly reference: string | null
      readonly result: BundleVerification
      readonly engine: Ed25519Engine
    }

/** Which signatures of identity evidence the page checks: all, or the Ed25519 half of dual ones. */
type SuitePolicy = 'all' | 'ed25519'

/**
 * The verify screen: a dropped or chosen bundle file is verified in this browser with core's
 * `verifyBundle()` (loaded as its own chunk); the file never leaves the page.
 */
export function VerifyPage() {
  const { t } = useTranslation()
  const format = useFormat()
  useDocumentTitle(t('verify.title'))
  const [state, setState] = useState<State>({ phase: 'idle' })
  const [isOver, setIsOver] = useState(false)
  const [quorum, setQuorum] = useState(1)
  const [suites, setSuites] = useState<SuitePolicy>('all')
  const [last, setLast] = useState<{ name: string; bytes: Uint8Array } | null>(null)
  const input = useRef<HTMLInputElement>(null)

  async function check(file: File) {
    await verify(file.name, new Uint8Array(await file.arrayBuffer()), quorum, suites)
  }

  async function verify(
    name: string,
    bytes: Uint8Array,
    witnessQuorum: number,
    policy: SuitePolicy,
  ) {
    setState({ phase: 'checking', name })
    setLast({ name, bytes })
    const read = readBundleFile(bytes)
    if (!read.ok) {
      setState({
        phase: 'problem',
        message:
          read.problem === 'too-large'
            ? t('verify.tooLarge', {
                size: format.unit(MAX_BUNDLE_BYTES / 1024 / 1024, 'megabyte'),
              })
            : t('verify.notJson', { message: read.message }),
      })
      return
    }
    try {
      const [{ verifyBundle }, { engine, ed25519Async }] = await Promise.all([
        import('@landsea/core/verify'),
        browserEd25519(),
      ])
      const result = await verifyBundle(read.bytes, {
        witnessQuorum,
        ...(ed25519Async ? { ed25519Async } : {}),
        ...(policy === 'ed25519' ? { identityAlgorithms: ['EdDSA', 'ES256'] as const } : {}),
      })
      setState({ phase: 'done', name, reference: read.reference, result, engine })
    } catch (error) {
      setState({ phase: 'problem', message: t('verify.unavailable', { message: String(error) }) })
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault()
    setIsOver(false)
    const file = event.dataTransfer.files[0]
    if (file) void check(file)
  }

  function onChoose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0]
    if (file) void check(file)
    event.target.value = ''
  }

  return (
    <section className="page page-verify">
      <h1>{t('verify.title')}</h1>
      <p>{t('verify.intro')}</p>
      <div
        className={`drop-zone${isOver ? ' is-over' : ''}`}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault()
          setIsOver(true)
        }}
        onDragLeave={() => setIsOver(false)}
        onDrop={onDrop}
      >
        <p>{t('verify.drop')}</p>
        <input
          ref={input}
          id="bundle-file"
          type="file"
          accept=".json,application/json"
          className="visually-hidden"
          onChange={onChoose}
        />
        <button type="button" onClick={() => input.current?.click()}>
          {t('verify.choose')}
        </button>
      </div>
      <div className="toolbar">
        <div>
          <label htmlFor="witness-quorum">{t('verify.quorum')}</label>
          <select
            id="witness-quorum"
            value={quorum}
            aria-describedby="witness-quorum-hint"
            onChange={(e) => {
              const value = Number(e.target.value)
              setQuorum(value)
              if (last) void verify(last.name, last.bytes, value, suites)
            }}
          >
            {[0, 1, 2].map((n) => (
              <option key={n} value={n}>
                {format.number(n)}
              </option>
            ))}
          </select>
          <div id="witness-quorum-hint" className="muted small">
            {t('verify.quorumHint')}
          </div>
        </div>
        <div>
          <label htmlFor="identity-suites">{t('verify.suites')}</label>
          <select
            id="identity-suites"
            value={suites}
            aria-describedby="identity-suites-hint"
            onChange={(e) => {
              const value = e.target.value as SuitePolicy
              setSuites(value)
              if (last) void verify(last.name, last.bytes, quorum, value)
            }}
          >
            <option value="all">{t('verify.suitesAll')}</option>
            <option value="ed25519">{t('verify.suitesEd25519')}</option>
          </select>
          <div id="identity-suites-hint" className="muted small">
            {t('verify.suitesHint')}
          </div>
        </div>
      </div>
      <div aria-live="polite">
        {state.phase === 'checking' && (
          <p role="status">{t('verify.reading', { name: state.name })}</p>
        )}
        {state.phase === 'problem' && (
          <p className="state state-error" role="alert">
            {state.message}
          </p>
        )}
        {state.phase === 'done' && <VerificationReport {...state} />}
      </div>
    </section>
  )
}

function VerificationReport({
  name,
  reference,
  result,
  engine,
}: {
  name: string
  reference: string | null
  result: BundleVerification
  engine: Ed25519Engine
}) {
  const { t } = useTranslation()
  const format = useFormat()
  const failed = result.steps.filter((s) => s.status === 'fail').length
  return (
    <div
      className="verify-report"
      data-testid="verify-report"
      data-ok={result.ok ? 'true' : 'false'}
      data-ed25519={engine}
    >
      <p className={`verdict ${result.ok ? 'verdict-ok' : 'verdict-bad'}`} role="status">
        <span aria-hidden="true">{result.ok ? '✔' : '✘'}</span>{' '}
        {result.ok ? t('verify.valid') : t('verify.invalid', { count: failed })}
      </p>
      <p className="muted small">
        {name}
        {reference ? ` · ${reference}` : ''} · {t('verify.noUpload')}
      </p>
      {result.title && (
        <p>
          {t('verify.titleAfter', {
            actions: format.number(result.title.actions),
            status: t(`bill.docStatus.${result.title.status}`, {
              defaultValue: result.title.status,
            }),
            possessor: result.title.possessor,
          })}
        </p>
      )}
      {result.asOf && (
        <p className="small">
          {t('verify.asOf', {
            size: format.number(result.asOf.treeSize),
            origin: result.asOf.origin,
            witnesses: result.asOf.cosignedBy.map((w) => w.name).join(', ') || '—',
          })}
        </p>
      )}
      {result.crossing && (
        <p className="small" data-testid="crossing">
          {t('verify.crossing', {
            platforms: result.crossing.platforms.join(' → '),
            logs: result.crossing.logs.join(', ') || '—',
            platformOnly: format.number(result.crossing.platformSignedOnly),
          })}
        </p>
      )}
      {result.emissionsClaim && (
        <p className="small" data-testid="emissions-claim">
          {t('verify.emissionsClaim', {
            shipment: result.emissionsClaim.shipmentKey,
            co2eKg: format.number(result.emissionsClaim.co2eKg),
            version: result.emissionsClaim.factorTableVersion,
            events: format.number(result.emissionsClaim.events),
            issuer: result.emissionsClaim.issuer,
          })}
        </p>
      )}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('verify.step')}</th>
              <th scope="col">{t('verify.result')}</th>
              <th scope="col">{t('verify.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {result.steps.map((step) => (
              <tr
                key={step.name}
                data-step={step.name}
                data-status={step.status}
                className={`step-${step.status}`}
              >
                <td>{t(`verify.steps.${step.name}`, { defaultValue: step.name })}</td>
                <td>
                  <strong>
                    {step.status === 'pass'
                      ? t('verify.passed')
                      : step.status === 'fail'
                        ? t('verify.failed')
                        : t('verify.skipped')}
                  </strong>
                </td>
                <td lang="en">{step.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        {t('verify.reasonNote')} {t(`verify.engine.${engine}`)}
      </p>
    </div>
  )
}
