import { useTranslation } from 'react-i18next'
import { useDocumentTitle } from '../../lib/router.js'

/** Placeholder until the screen is built. */
export function ShipmentPage({ id }: { id: string }) {
  const { t } = useTranslation()
  useDocumentTitle(t('shipments.title'))
  return (
    <section className="page">
      <h1>{id}</h1>
    </section>
  )
}
