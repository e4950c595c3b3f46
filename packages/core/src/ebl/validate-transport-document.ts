import type { ValidationIssue } from './ebl-error.js'
import { createDocumentChecks, isObject } from './document-checks.js'
import { TRANSPORT_DOCUMENT_STATUSES } from './transport-document.js'
import { validateDocumentParties } from './validate-document-parties.js'
import { validateRailLeg } from './validate-rail-leg.js'
import { validateTransports } from './validate-transports.js'

const TOP_LEVEL_FIELDS = new Set([
  'transportDocumentReference',
  'transportDocumentSubReference',
  'shippingInstructionsReference',
  'transportDocumentStatus',
  'transportDocumentTypeCode',
  'isShippedOnBoardType',
  'shippedOnBoardDate',
  'receivedForShipmentDate',
  'displayedShippedOnBoardReceivedForShipment',
  'isElectronic',
  'isToOrder',
  'freightPaymentTermCode',
  'numberOfCopiesWithCharges',
  'numberOfCopiesWithoutCharges',
  'numberOfOriginalsWithCharges',
  'numberOfOriginalsWithoutCharges',
  'displayedNameForPlaceOfReceipt',
  'displayedNameForPortOfLoad',
  'displayedNameForPortOfDischarge',
  'displayedNameForPlaceOfDelivery',
  'termsAndConditions',
  'receiptTypeAtOrigin',
  'deliveryTypeAtDestination',
  'cargoMovementTypeAtOrigin',
  'cargoMovementTypeAtDestination',
  'issueDate',
  'serviceContractReference',
  'contractQuotationReference',
  'declaredValue',
  'declaredValueCurrency',
  'carrierCode',
  'carrierCodeListProvider',
  'carrierClauses',
  'numberOfRiderPages',
  'transports',
  'charges',
  'placeOfIssue',
  'invoicePayableAt',
  'partyContactDetails',
  'documentParties',
  'consignmentItems',
  'utilizedTransportEquipments',
  'exportLicense',
  'importLicense',
  'references',
  'customsReferences',
  'feedbacks',
  'landseaRailLeg',
])

/** Options for {@link validateTransportDocument}. */
export interface ValidateTransportDocumentOptions {
  /** Require the corridor's multimodal shape: rail pre-carriage from Chongqing, loading at Qinzhou. */
  readonly isCorridorBill?: boolean
}

/**
 * Checks a transport document against the DCSA eBL 3.0.3 field rules and the corridor's multimodal bill, and
 * lists every problem found. An empty list means the document is valid. The input is untrusted JSON.
 */
export function validateTransportDocument(
  input: unknown,
  { isCorridorBill = true }: ValidateTransportDocumentOptions = {},
): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const add = (path: string, code: string, message: string): void => {
    issues.push({ path, code, message })
  }

  if (!isObject(input)) {
    add('', 'TYPE', 'the transport document must be a JSON object')
    return issues
  }
  const td = input
  for (const key of Object.keys(td)) {
    if (!TOP_LEVEL_FIELDS.has(key)) add(`/${key}`, 'UNKNOWN_FIELD', `unknown field ${key}`)
  }
  const checks = createDocumentChecks(add)
  const { str, bool, oneOf, date, array } = checks
  str(td, 'transportDocumentReference', '', 20)
  oneOf(td, 'transportDocumentStatus', '', TRANSPORT_DOCUMENT_STATUSES)
  oneOf(td, 'transportDocumentTypeCode', '', ['BOL', 'SWB'])
  bool(td, 'isShippedOnBoardType')
  bool(td, 'isElectronic')
  bool(td, 'isToOrder')
  str(td, 'termsAndConditions', '', 50_000)
  oneOf(td, 'receiptTypeAtOrigin', '', ['CY', 'SD', 'CFS'])
  oneOf(td, 'deliveryTypeAtDestination', '', ['CY', 'SD', 'CFS'])
  oneOf(td, 'cargoMovementTypeAtOrigin', '', ['FCL', 'LCL'])
  oneOf(td, 'cargoMovementTypeAtDestination', '', ['FCL', 'LCL'])
  str(td, 'carrierCode', '', 4)
  oneOf(td, 'carrierCodeListProvider', '', ['SMDG', 'NMFTA'])
  oneOf(td, 'freightPaymentTermCode', '', ['PRE', 'COL'], false)
  date(td, 'shippedOnBoardDate', '')
  date(td, 'receivedForShipmentDate', '')
  date(td, 'issueDate', '')
  if (td.transportDocumentTypeCode === 'SWB' && td.isToOrder === true) {
    add('/isToOrder', 'RULE', 'a sea waybill (SWB) cannot be to order')
  }
  if (td.isElectronic === true) {
    const originals = num(td.numberOfOriginalsWithCharges) + num(td.numberOfOriginalsWithoutCharges)
    if (originals > 1)
      add('/numberOfOriginalsWithCharges', 'RULE', 'an eBL has at most one original')
  }
  if (td.shippedOnBoardDate !== undefined && td.receivedForShipmentDate !== undefined) {
    add(
      '/receivedForShipmentDate',
      'RULE',
      'give shippedOnBoardDate or receivedForShipmentDate, not both',
    )
  }
  if (td.isShippedOnBoardType === true && td.receivedForShipmentDate !== undefined) {
    add('/receivedForShipmentDate', 'RULE', 'a shipped-on-board bill has a shippedOnBoardDate')
  }
  if (td.isShippedOnBoardType === false && td.shippedOnBoardDate !== undefined) {
    add('/shippedOnBoardDate', 'RULE', 'a received-for-shipment bill has a receivedForShipmentDate')
  }

  const payable = td.invoicePayableAt
  if (payable === undefined) add('/invoicePayableAt', 'REQUIRED', 'invoicePayableAt is required')
  else if (
    !isObject(payable) ||
    (payable.UNLocationCode === undefined && payable.freeText === undefined)
  ) {
    add('/invoicePayableAt', 'TYPE', 'invoicePayableAt needs UNLocationCode or freeText')
  }

  const contacts = array(td, 'partyContactDetails', '', 1)
  contacts?.forEach((c, i) => {
    const p = `/partyContactDetails/${i}`
    if (!isObject(c)) return add(p, 'TYPE', 'a contact must be an object')
    str(c, 'name', p, 35)
    if (c.phone === undefined && c.email === undefined)
      add(p, 'REQUIRED', 'a contact needs phone or email')
  })

  validateTransports(td, add, checks, isCorridorBill)
  validateDocumentParties(td, add, checks)

  const items = array(td, 'consignmentItems', '', 1)
  items?.forEach((item, i) => {
    const p = `/consignmentItems/${i}`
    if (!isObject(item)) return add(p, 'TYPE', 'a consignment item must be an object')
    str(item, 'carrierBookingReference', p, 35)
    const goods = array(item, 'descriptionOfGoods', p, 1)
    goods?.forEach((g, j) => {
      if (typeof g !== 'string' || g.length > 35) {
        add(
          `${p}/descriptionOfGoods/${j}`,
          'TYPE',
          'each line is a string of at most 35 characters',
        )
      }
    })
    const hs = array(item, 'HSCodes', p, 1)
    hs?.forEach((h, j) => {
      if (typeof h !== 'string' || !/^\d{6,10}$/.test(h)) {
        add(`${p}/HSCodes/${j}`, 'FORMAT', 'an HS code has 6 to 10 digits')
      }
    })
    const cargo = array(item, 'cargoItems', p, 1)
    cargo?.forEach((ci, j) => {
      const cp = `${p}/cargoItems/${j}`
      if (!isObject(ci)) return add(cp, 'TYPE', 'a cargo item must be an object')
      str(ci, 'equipmentReference', cp, 11)
      if (!isObject(ci.cargoGrossWeight))
        add(`${cp}/cargoGrossWeight`, 'REQUIRED', 'cargoGrossWeight is required')
      if (!isObject(ci.outerPackaging))
        add(`${cp}/outerPackaging`, 'REQUIRED', 'outerPackaging is required')
    })
  })

  const equipments = array(td, 'utilizedTransportEquipments', '', 1)
  equipments?.forEach((u, i) => {
    const p = `/utilizedTransportEquipments/${i}`
    if (!isObject(u)) return add(p, 'TYPE', 'an equipment must be an object')
    if (!isObject(u.equipment)) add(`${p}/equipment`, 'REQUIRED', 'equipment is required')
    else str(u.equipment, 'equipmentReference', `${p}/equipment`, 11)
    bool(u, 'isShipperOwned', p)
    const seals = array(u, 'seals', p, 1)
    seals?.forEach((s, j) => {
      if (!isObject(s)) return add(`${p}/seals/${j}`, 'TYPE', 'a seal must be an object')
      str(s, 'number', `${p}/seals/${j}`, 15)
      oneOf(s, 'source', `${p}/seals/${j}`, ['CAR', 'SHI', 'VET', 'CUS'], false)
    })
  })

  if (td.landseaRailLeg !== undefined) validateRailLeg(td.landseaRailLeg, add, checks)
  else if (isCorridorBill)
    add('/landseaRailLeg', 'REQUIRED', 'a corridor bill carries its rail leg')
  return issues
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0
}
