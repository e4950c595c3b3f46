import { useTranslation } from 'react-i18next'
import { useDocumentTitle } from '../../lib/router.js'

/** Placeholder until the screen is built. */
export function VerifyPage() {
  const { t } = useTranslation()
  useDocumentTitle(t('verify.title'))
  return (
    <section className="page">
      <h1>{t('verify.title')}</h1>
    </section>
  )
}
