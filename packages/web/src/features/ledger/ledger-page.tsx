import { useTranslation } from 'react-i18next'
import { useDocumentTitle } from '../../lib/router.js'

/** Placeholder until the screen is built. */
export function LedgerPage() {
  const { t } = useTranslation()
  useDocumentTitle(t('ledger.title'))
  return (
    <section className="page">
      <h1>{t('ledger.title')}</h1>
    </section>
  )
}
