import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../lib/api-client.js'
import { useSession } from '../../lib/session.js'

/** A modal form that signs in with an organisation API key (checked by `GET /api/me`). */
export function SignInDialog({ isOpen, onClose }: { isOpen: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const { signIn } = useSession()
  const dialog = useRef<HTMLDialogElement>(null)
  const [apiKey, setApiKey] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setIsBusy] = useState(false)

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (isOpen && !element.open) element.showModal()
    if (!isOpen && element.open) element.close()
  }, [isOpen])

  async function submit(event: FormEvent) {
    event.preventDefault()
    setIsBusy(true)
    setError(null)
    try {
      await signIn(apiKey.trim())
      setApiKey('')
      onClose()
    } catch (cause) {
      setError(t('auth.invalidKey', { code: cause instanceof ApiError ? cause.code : 'ERROR' }))
    } finally {
      setIsBusy(false)
    }
  }

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="sign-in-title" onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id="sign-in-title">{t('auth.title')}</h2>
        <p>{t('auth.intro')}</p>
        <label htmlFor="api-key">{t('auth.apiKey')}</label>
        <input
          id="api-key"
          name="apiKey"
          type="password"
          autoComplete="off"
          required
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
          aria-describedby="api-key-hint"
        />
        <p id="api-key-hint" className="muted">
          {t('auth.apiKeyHint')}
        </p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>
            {t('auth.cancel')}
          </button>
          <button type="submit" disabled={isBusy || apiKey.trim() === ''}>
            {isBusy ? t('auth.submitting') : t('auth.submit')}
          </button>
        </div>
      </form>
    </dialog>
  )
}
