import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Loading } from '../components/states.js'
import { BillPage } from '../features/bills/bill-page.js'
import { BillsPage } from '../features/bills/bills-page.js'
import { MapPage } from '../features/map/map-page.js'
import { ObjectsPage } from '../features/objects/objects-page.js'
import { ShipmentPage } from '../features/shipments/shipment-page.js'
import { ShipmentsPage } from '../features/shipments/shipments-page.js'
import { Link, useDocumentTitle, useRoute } from '../lib/router.js'
import { Shell } from './shell.js'

// The ledger and verify screens carry core's Merkle and signature code: loaded when first opened.
const LedgerPage = lazy(() =>
  import('../features/ledger/ledger-page.js').then((m) => ({ default: m.LedgerPage })),
)
const EmissionsReportPage = lazy(() =>
  import('../features/emissions/report-page.js').then((m) => ({ default: m.EmissionsReportPage })),
)
const PintPage = lazy(() =>
  import('../features/pint/pint-page.js').then((m) => ({ default: m.PintPage })),
)
const PrivacyPage = lazy(() =>
  import('../features/privacy/privacy-page.js').then((m) => ({ default: m.PrivacyPage })),
)
const VerifyPage = lazy(() =>
  import('../features/verify/verify-page.js').then((m) => ({ default: m.VerifyPage })),
)

/** The dashboard: the shell around the screen of the current route. */
export function App() {
  const route = useRoute()
  return (
    <Shell>
      {route.name === 'map' && <MapPage />}
      {route.name === 'shipments' && <ShipmentsPage />}
      {route.name === 'shipment' && <ShipmentPage id={route.id} />}
      {route.name === 'objects' && <ObjectsPage />}
      {route.name === 'bills' && <BillsPage />}
      {route.name === 'bill' && <BillPage id={route.id} />}
      <Suspense fallback={<Loading />}>
        {route.name === 'verify' && <VerifyPage />}
        {route.name === 'ledger' && <LedgerPage />}
        {route.name === 'privacy' && <PrivacyPage />}
        {route.name === 'emissions' && <EmissionsReportPage />}
        {route.name === 'platforms' && <PintPage />}
      </Suspense>
      {route.name === 'not-found' && <NotFound path={route.path} />}
    </Shell>
  )
}

function NotFound({ path }: { path: string }) {
  const { t } = useTranslation()
  useDocumentTitle(t('states.notFoundTitle'))
  return (
    <section className="page">
      <h1>{t('states.notFoundTitle')}</h1>
      <p>{t('states.notFoundBody', { path })}</p>
      <Link href="/">{t('states.backToMap')}</Link>
    </section>
  )
}
