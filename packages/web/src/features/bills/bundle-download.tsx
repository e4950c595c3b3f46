import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorState } from '../../components/states.js'
import { Link } from '../../lib/router.js'
import { useSession } from '../../lib/session.js'
import { getBundleText } from './bill-api.js'

/** Downloads the bill's offline-verifiable bundle as `<reference>.bundle.json`. */
export function BundleDownload({ billId, reference }: { billId: string; reference: string }) {
  const { t } = useTranslation()
  const { client } = useSession()
  const [isBusy, setIsBusy] = useState(false)
  const [error, setError] = useState<Error | null>(null)

  async function download() {
    setIsBusy(true)
    setError(null)
    try {
      const text = await getBundleText(client, billId)
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
      const anchor = document.createElement('a')
      anchor.href = url
      anchor.download = `${reference}.bundle.json`
      anchor.click()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
    } catch (cause) {
      setError(cause instanceof Error ? cause : new Error(String(cause)))
    } finally {
      setIsBusy(false)
    }
  }

  return (
    <section className="card">
      <h2>{t('bill.bundle.title')}</h2>
      <p className="muted">{t('bill.bundle.intro')}</p>
      <button type="button" onClick={download} disabled={isBusy}>
        {isBusy ? t('bill.bundle.downloading') : t('bill.bundle.download')}
      </button>{' '}
      <Link href="/verify">{t('bill.bundle.verifyHint')}</Link>
      {error && <ErrorState error={error} />}
    </section>
  )
}
