import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../lib/api-client.js'
import { useSession } from '../../lib/session.js'
import { postAction, type ActionRequestBody, type AllowedAction } from './bill-api.js'

const REASON_CODES = ['SWTP', 'COD', 'SWI'] as const

/**
 * The actions the signed-in organisation may take on a bill (from `allowed-actions`). Each opens a
 * dialog: fill in, review the exact statement to be signed, then sign and submit.
 */
export function ActionPanel({
  billId,
  reference,
  lastEntryChecksum,
  actions,
  nameOf,
  onDone,
}: {
  billId: string
  reference: string
  lastEntryChecksum: string | null
  actions: readonly AllowedAction[]
  nameOf: (id: string | null | undefined) => string
  onDone: (notice: string) => void
}) {
  const { t } = useTranslation()
  const [open, setOpen] = useState<AllowedAction | null>(null)
  const label = (a: AllowedAction) => {
    const name = t(`bill.action.${a.action}`, {
      defaultValue: t('bill.action.unknown', { action: a.action }),
    })
    return a.pledge ? `${name} · ${t(`bill.actions.${a.pledge}`)}` : name
  }

  return (
    <section className="card action-panel" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('bill.actions.title')}</h2>
      {actions.length === 0 ? (
        <p className="muted">{t('bill.actions.none')}</p>
      ) : (
        <div className="action-buttons">
          {actions.map((a) => (
            <button
              key={`${a.action}:${a.pledge ?? ''}`}
              type="button"
              data-action={a.action}
              data-pledge={a.pledge}
              onClick={() => setOpen(a)}
            >
              {label(a)}
            </button>
          ))}
        </div>
      )}
      {open && (
        <ActionDialog
          billId={billId}
          reference={reference}
          lastEntryChecksum={lastEntryChecksum}
          allowed={open}
          label={label(open)}
          nameOf={nameOf}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null)
            onDone(t('bill.actions.done', { action: label(open) }))
          }}
        />
      )}
    </section>
  )
}

function ActionDialog({
  billId,
  reference,
  lastEntryChecksum,
  allowed,
  label,
  nameOf,
  onClose,
  onDone,
}: {
  billId: string
  reference: string
  lastEntryChecksum: string | null
  allowed: AllowedAction
  label: string
  nameOf: (id: string | null | undefined) => string
  onClose: () => void
  onDone: () => void
}) {
  const { t } = useTranslation()
  const { client } = useSession()
  const dialog = useRef<HTMLDialogElement>(null)
  const recipients = (allowed.recipients ?? []).filter((r): r is string => r !== null)
  const mayNameNone = (allowed.recipients ?? []).includes(null) || recipients.length === 0
  const [recipient, setRecipient] = useState(
    recipients.length === 1 && !mayNameNone ? recipients[0]! : '',
  )
  const [reasonCode, setReasonCode] = useState<string>(REASON_CODES[0])
  const [comments, setComments] = useState('')
  const [isReviewing, setIsReviewing] = useState(false)
  const [isBusy, setIsBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const needsRecipient = !mayNameNone
  const hasReason = allowed.action === 'SURRENDER_FOR_AMENDMENT'

  useEffect(() => {
    dialog.current?.showModal()
  }, [])

  function review(event: FormEvent) {
    event.preventDefault()
    setIsReviewing(true)
  }

  async function sign() {
    setIsBusy(true)
    setError(null)
    const body: ActionRequestBody = {
      action: allowed.action,
      ...(recipient ? { recipient } : {}),
      ...(allowed.pledge ? { pledge: allowed.pledge } : {}),
      ...(hasReason ? { reasonCode } : {}),
      ...(comments.trim() ? { comments: comments.trim() } : {}),
      ...(lastEntryChecksum ? { expectedPreviousEntryChecksum: lastEntryChecksum } : {}),
    }
    try {
      await postAction(client, billId, body)
      onDone()
    } catch (cause) {
      const e = cause instanceof ApiError ? cause : new ApiError('ERROR', String(cause), 0)
      setError(t('bill.actions.failed', { message: e.message, code: e.code }))
      setIsBusy(false)
    }
  }

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="action-title" onClose={onClose}>
      {!isReviewing ? (
        <form onSubmit={review}>
          <h2 id="action-title">{label}</h2>
          {recipients.length > 0 && (
            <>
              <label htmlFor="action-recipient">{t('bill.actions.recipient')}</label>
              <select
                id="action-recipient"
                required={needsRecipient}
                value={recipient}
                onChange={(e) => setRecipient(e.target.value)}
              >
                <option value="">
                  {needsRecipient
                    ? t('bill.actions.chooseRecipient')
                    : t('bill.actions.noRecipient')}
                </option>
                {recipients.map((id) => (
                  <option key={id} value={id}>
                    {nameOf(id)}
                  </option>
                ))}
              </select>
            </>
          )}
          {hasReason && (
            <>
              <label htmlFor="action-reason">{t('bill.actions.reasonCode')}</label>
              <select
                id="action-reason"
                value={reasonCode}
                onChange={(e) => setReasonCode(e.target.value)}
              >
                {REASON_CODES.map((code) => (
                  <option key={code} value={code}>
                    {t(`bill.actions.reason.${code}`)}
                  </option>
                ))}
              </select>
            </>
          )}
          <label htmlFor="action-comments">{t('bill.actions.comments')}</label>
          <textarea
            id="action-comments"
            rows={2}
            maxLength={255}
            value={comments}
            onChange={(e) => setComments(e.target.value)}
          />
          <div className="dialog-actions">
            <button type="button" className="secondary" onClick={onClose}>
              {t('bill.actions.cancel')}
            </button>
            <button type="submit" disabled={needsRecipient && !recipient}>
              {t('bill.actions.review')}
            </button>
          </div>
        </form>
      ) : (
        <div>
          <h2 id="action-title">{t('bill.actions.confirmTitle')}</h2>
          <p data-testid="confirm-statement">
            {t('bill.actions.confirmBody', {
              action: label,
              reference,
              to: needsRecipient
                ? t('bill.actions.confirmTo', { recipient: nameOf(recipient) })
                : '',
            })}
          </p>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-actions">
            <button
              type="button"
              className="secondary"
              onClick={() => setIsReviewing(false)}
              disabled={isBusy}
            >
              {t('bill.actions.cancel')}
            </button>
            <button type="button" onClick={sign} disabled={isBusy} autoFocus>
              {isBusy ? t('bill.actions.signing') : t('bill.actions.confirm')}
            </button>
          </div>
        </div>
      )}
    </dialog>
  )
}
