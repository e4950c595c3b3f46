import type { TransportDocument } from '@landsea/core/ebl'

/** One box of the rendered bill: a label key and its lines. */
export interface BillBox {
  readonly field: string
  readonly lines: readonly string[]
}

/** A container on the bill with its seals. */
export interface BillContainer {
  readonly equipmentReference: string
  readonly isoCode?: string
  readonly seals: readonly string[]
}

/** What the bill-of-lading rendering needs, read out of a DCSA eBL 3.0 transport document. */
export interface BillView {
  readonly reference: string
  readonly typeCode: 'BOL' | 'SWB'
  readonly isToOrder: boolean
  readonly parties: readonly BillBox[]
  readonly places: readonly BillBox[]
  readonly vesselVoyages: readonly string[]
  readonly railLeg?: string
  readonly containers: readonly BillContainer[]
  readonly goods: readonly string[]
  readonly hsCodes: readonly string[]
  readonly packages: { readonly count: number; readonly description: string } | null
  readonly grossWeightKg: number | null
  readonly freight?: 'PRE' | 'COL'
  readonly originals: number | null
  readonly issueDate?: string
  readonly placeOfIssue?: string
  readonly isShippedOnBoard: boolean
  readonly onBoardOrReceivedDate?: string
  readonly plannedDeparture?: string
  readonly plannedArrival?: string
  readonly terms: string
}

type Json = Record<string, unknown>
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 ? v : undefined
const list = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : [])
const strings = (v: unknown): string[] => list(v).flatMap((x) => str(x) ?? [])

// Weight units DCSA allows (`KGM`, `LBR`), as kilograms.
const KG_PER_UNIT: Record<string, number> = { KGM: 1, LBR: 0.45359237 }

function partyLines(party: unknown): string[] {
  if (!isRecord(party)) return []
  const displayed = strings(party.displayedAddress)
  const address = isRecord(party.address)
    ? [party.address.street, party.address.city, party.address.countryCode].flatMap(
        (x) => str(x) ?? [],
      )
    : []
  return [
    str(party.partyName) ?? '',
    ...(displayed.length > 0 ? displayed : address.length > 0 ? [address.join(', ')] : []),
  ].filter((l) => l.length > 0)
}

function placeLines(place: unknown, displayed?: unknown): string[] {
  const shown = strings(displayed)
  if (shown.length > 0) return shown
  if (!isRecord(place)) return []
  return [str(place.facilityName) ?? str(place.locationName), str(place.UNLocationCode)].flatMap(
    (x) => x ?? [],
  )
}

/**
 * Reads the boxes of a bill of lading out of a transport document. The document came from the
 * node, but is read defensively: a missing or odd field leaves its box empty, it never throws.
 */
export function readBillView(document: TransportDocument): BillView {
  const doc: Json = isRecord(document) ? document : {}
  const parties = isRecord(doc.documentParties) ? doc.documentParties : {}
  const transports = isRecord(doc.transports) ? doc.transports : {}
  const consignment = list(doc.consignmentItems).filter(isRecord)
  const cargo = consignment.flatMap((c) => list(c.cargoItems).filter(isRecord))
  const packaging = cargo.map((c) => (isRecord(c.outerPackaging) ? c.outerPackaging : {}))
  const packageCount = packaging.reduce(
    (n, p) => n + (typeof p.numberOfPackages === 'number' ? p.numberOfPackages : 0),
    0,
  )
  const weights = cargo.map((c) => (isRecord(c.cargoGrossWeight) ? c.cargoGrossWeight : {}))
  const grossWeightKg = weights.every(
    (w) => typeof w.value === 'number' && KG_PER_UNIT[String(w.unit)] !== undefined,
  )
    ? weights.reduce((kg, w) => kg + (w.value as number) * KG_PER_UNIT[String(w.unit)]!, 0)
    : null
  const rail = isRecord(doc.landseaRailLeg) ? doc.landseaRailLeg : null
  const isToOrder = doc.isToOrder === true
  const consigneeBox: BillBox = isToOrder
    ? {
        field: parties.endorsee ? 'endorsee' : 'toOrderOf',
        lines: parties.endorsee ? partyLines(parties.endorsee) : [],
      }
    : { field: 'consignee', lines: partyLines(parties.consignee) }
  const originals =
    typeof doc.numberOfOriginalsWithCharges === 'number' ||
    typeof doc.numberOfOriginalsWithoutCharges === 'number'
      ? Number(doc.numberOfOriginalsWithCharges ?? 0) +
        Number(doc.numberOfOriginalsWithoutCharges ?? 0)
      : null
  const freight =
    doc.freightPaymentTermCode === 'PRE' || doc.freightPaymentTermCode === 'COL'
      ? doc.freightPaymentTermCode
      : undefined
  const placeOfIssue = isRecord(doc.placeOfIssue)
    ? (str(doc.placeOfIssue.UNLocationCode) ?? str(doc.placeOfIssue.countryCode))
    : undefined
  return {
    reference: str(doc.transportDocumentReference) ?? '—',
    typeCode: doc.transportDocumentTypeCode === 'SWB' ? 'SWB' : 'BOL',
    isToOrder,
    parties: [
      { field: 'shipper', lines: partyLines(parties.shipper) },
      consigneeBox,
      { field: 'notifyParty', lines: list(parties.notifyParties).flatMap(partyLines) },
      { field: 'issuingParty', lines: partyLines(parties.issuingParty) },
    ],
    places: [
      {
        field: 'placeOfReceipt',
        lines: placeLines(transports.placeOfReceipt, doc.displayedNameForPlaceOfReceipt),
      },
      { field: 'preCarriageBy', lines: strings([transports.preCarriageBy]) },
      {
        field: 'portOfLoading',
        lines: placeLines(transports.portOfLoading, doc.displayedNameForPortOfLoad),
      },
      {
        field: 'portOfDischarge',
        lines: placeLines(transports.portOfDischarge, doc.displayedNameForPortOfDischarge),
      },
      {
        field: 'placeOfDelivery',
        lines: placeLines(transports.placeOfDelivery, doc.displayedNameForPlaceOfDelivery),
      },
    ],
    vesselVoyages: list(transports.vesselVoyages)
      .filter(isRecord)
      .map((v) =>
        [str(v.vesselName), str(v.carrierExportVoyageNumber)].filter(Boolean).join(' / '),
      ),
    railLeg: rail
      ? [str(rail.trainNumber), str(rail.railWaybillNumber), str(rail.wagonNumber)]
          .filter(Boolean)
          .join(' · ')
      : undefined,
    containers: list(doc.utilizedTransportEquipments)
      .filter(isRecord)
      .map((u) => {
        const equipment = isRecord(u.equipment) ? u.equipment : {}
        return {
          equipmentReference: str(equipment.equipmentReference) ?? '—',
          isoCode: str(equipment.ISOEquipmentCode),
          seals: list(u.seals).flatMap((s) => (isRecord(s) ? (str(s.number) ?? []) : [])),
        }
      }),
    goods: consignment.flatMap((c) => strings(c.descriptionOfGoods)),
    hsCodes: consignment.flatMap((c) => strings(c.HSCodes)),
    packages:
      packaging.length > 0
        ? {
            count: packageCount,
            description: packaging
              .map((p) => str(p.description) ?? '')
              .filter(Boolean)
              .join(', '),
          }
        : null,
    grossWeightKg: cargo.length > 0 ? grossWeightKg : null,
    freight,
    originals,
    issueDate: str(doc.issueDate),
    placeOfIssue,
    isShippedOnBoard: doc.isShippedOnBoardType === true,
    onBoardOrReceivedDate: str(doc.shippedOnBoardDate) ?? str(doc.receivedForShipmentDate),
    plannedDeparture: str(transports.plannedDepartureDate),
    plannedArrival: str(transports.plannedArrivalDate),
    terms: str(doc.termsAndConditions) ?? '',
  }
}
