import type { TransportDocument } from '@landsea/core/ebl'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../lib/use-format.js'
import { readBillView, type BillBox } from './bill-view.js'

function Box({ box, className = '' }: { box: BillBox; className?: string }) {
  const { t } = useTranslation()
  return (
    <div className={`bl-box ${className}`}>
      <div className="bl-label">{t(`bill.field.${box.field}`)}</div>
      <div className="bl-value">
        {box.lines.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          box.lines.map((l, i) => <div key={i}>{l}</div>)
        )}
      </div>
    </div>
  )
}

/** The transport document laid out like a paper bill of lading: parties, routing, cargo, issue. */
export function BillDocument({ document }: { document: TransportDocument }) {
  const { t } = useTranslation()
  const format = useFormat()
  const view = readBillView(document)
  const heading =
    view.typeCode === 'SWB'
      ? t('bill.heading_SWB')
      : view.isToOrder
        ? t('bill.heading')
        : t('bill.headingStraight')
  const text = (field: string, lines: readonly string[]): BillBox => ({ field, lines })
  return (
    <article className="bill-of-lading" aria-label={heading}>
      <header className="bl-header">
        <div className="bl-title">{heading}</div>
        <div className="bl-number">
          <span className="bl-label">{t('bills.reference')}</span>
          <strong data-testid="bill-reference">{view.reference}</strong>
        </div>
      </header>
      <div className="bl-grid">
        {view.parties.map((box) => (
          <Box key={box.field} box={box} className="bl-party" />
        ))}
        {view.places.map((box) => (
          <Box key={box.field} box={box} />
        ))}
        <Box box={text('vessel', view.vesselVoyages)} />
        <Box
          box={text('plannedDeparture', [
            `${format.date(view.plannedDeparture)} → ${format.date(view.plannedArrival)}`,
          ])}
        />
        {view.railLeg && <Box box={{ field: 'railLeg', lines: [view.railLeg] }} />}
      </div>
      <div className="bl-cargo">
        <Box
          box={text(
            'containers',
            view.containers.map((c) =>
              [c.equipmentReference, c.isoCode, c.seals.join(', ')].filter(Boolean).join(' · '),
            ),
          )}
        />
        <Box box={text('description', view.goods)} className="bl-goods" />
        <Box
          box={text(
            'packages',
            view.packages
              ? [`${format.number(view.packages.count)} ${view.packages.description}`]
              : [],
          )}
        />
        <Box
          box={text(
            'grossWeight',
            view.grossWeightKg === null ? [] : [format.unit(view.grossWeightKg, 'kilogram', 1)],
          )}
        />
        <Box box={text('hsCodes', view.hsCodes)} />
      </div>
      <div className="bl-grid bl-issue">
        <Box box={text('freight', view.freight ? [t(`bill.freight.${view.freight}`)] : [])} />
        <Box
          box={text('originals', view.originals === null ? [] : [format.number(view.originals)])}
        />
        <Box
          box={text(view.isShippedOnBoard ? 'shippedOnBoard' : 'receivedForShipment', [
            format.date(view.onBoardOrReceivedDate),
          ])}
        />
        <Box box={text('issueDate', [format.date(view.issueDate)])} />
        <Box box={text('placeOfIssue', view.placeOfIssue ? [view.placeOfIssue] : [])} />
      </div>
      <details className="bl-terms">
        <summary>{t('bill.field.terms')}</summary>
        <p>{view.terms}</p>
      </details>
    </article>
  )
}
