import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorState } from '../../components/states.js'
import type { ShipmentProofReport } from '../../lib/prove-shipment-events.js'
import { useSession } from '../../lib/session.js'
import { useFormat } from '../../lib/use-format.js'

/** Proves a shipment's events in the ledger, in the browser (`GET /api/shipments/{key}/proofs`). */
export function EventProofs({ shipmentKey }: { shipmentKey: string }) {
  const { t } = useTranslation()
  const { client } = useSession()
  const format = useFormat()
  const [report, setReport] = useState<ShipmentProofReport | null>(null)
  const [error, setError] = useState<Error | null>(null)
  const [isBusy, setIsBusy] = useState(false)

  async function check() {
    setIsBusy(true)
    setError(null)
    try {
      const [{ proveShipmentEvents }, keys, proofs] = await Promise.all([
        import('../../lib/prove-shipment-events.js'),
        client.get<{ logKey: string }>('/ledger/keys'),
        client.get<unknown>(`/shipments/${encodeURIComponent(shipmentKey)}/proofs`),
      ])
      setReport(proveShipmentEvents(proofs, keys.logKey))
    } catch (cause) {
      setError(cause instanceof Error ? cause : new Error(String(cause)))
    } finally {
      setIsBusy(false)
    }
  }

  const failed = report?.events.find((e) => !e.isLeafHashMatching || !e.isIncluded)
  return (
    <section className="card">
      <h2>{t('shipment.proofs.title')}</h2>
      <p className="muted small">{t('shipment.proofs.intro')}</p>
      <button type="button" onClick={check} disabled={isBusy}>
        {isBusy ? t('shipment.proofs.checking') : t('shipment.proofs.check')}
      </button>
      {error && <ErrorState error={error} />}
      {report && (
        <div data-testid="event-proofs" data-proven={report.isAllProven ? 'true' : 'false'}>
          <p className={`verdict ${report.isAllProven ? 'verdict-ok' : 'verdict-bad'}`}>
            {t('shipment.proofs.result', {
              proven: format.number(
                report.events.filter((e) => e.isLeafHashMatching && e.isIncluded).length,
              ),
              total: format.number(report.events.length),
              size: format.number(report.treeSize),
            })}
          </p>
          <p className="small">
            {report.isRootSigned ? t('shipment.proofs.signed') : t('shipment.proofs.unsigned')}
          </p>
          {failed && (
            <p className="form-error">{t('shipment.proofs.failed', { id: failed.eventID })}</p>
          )}
        </div>
      )}
    </section>
  )
}
