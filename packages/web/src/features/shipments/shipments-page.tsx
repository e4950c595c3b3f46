import { useTranslation } from 'react-i18next'
import { useDocumentTitle } from '../../lib/router.js'

/** Placeholder until the screen is built. */
export function ShipmentsPage() {
  const { t } = useTranslation()
  useDocumentTitle(t('shipments.title'))
  return (
    <section className="page">
      <h1>{t('shipments.title')}</h1>
    </section>
  )
}
