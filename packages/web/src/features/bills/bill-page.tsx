import { useTranslation } from 'react-i18next'
import { useDocumentTitle } from '../../lib/router.js'

/** Placeholder until the screen is built. */
export function BillPage({ id }: { id: string }) {
  const { t } = useTranslation()
  useDocumentTitle(t('bills.title'))
  return (
    <section className="page">
      <h1>{id}</h1>
    </section>
  )
}
