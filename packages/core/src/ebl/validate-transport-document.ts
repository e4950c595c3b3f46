import type { ValidationIssue } from './ebl-error.js'
import { LANDSEA_ORG_CODE_LIST, TRANSPORT_DOCUMENT_STATUSES } from './transport-document.js'

type Json = Record<string, unknown>

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

const TRANSPORTS_FIELDS = new Set([
  'plannedDepartureDate',
  'plannedArrivalDate',
  'preCarriageBy',
  'onCarriageBy',
  'placeOfReceipt',
  'portOfLoading',
  'portOfDischarge',
  'placeOfDelivery',
  'onwardInlandRouting',
  'vesselVoyages',
])

const CARRIAGE_MODES = ['VESSEL', 'RAIL', 'TRUCK', 'BARGE', 'MULTIMODAL']
const UN_LOCODE = /^[A-Z]{2}[A-Z2-9]{3}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/
const RAIL_ORIGINS = new Set(['CNCKG', 'CNCQI', 'CNCHQ'])
const UVI = /^\d{2}[0-9A-Z]{2}[NEWSR]$/

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
  const str = (obj: Json, key: string, path: string, max: number, required = true) => {
    const v = obj[key]
    if (v === undefined) {
      if (required) add(`${path}/${key}`, 'REQUIRED', `${key} is required`)
    } else if (typeof v !== 'string' || v.length === 0) {
      add(`${path}/${key}`, 'TYPE', `${key} must be a non-empty string`)
    } else if (v.length > max) {
      add(`${path}/${key}`, 'TOO_LONG', `${key} must be at most ${max} characters`)
    }
  }
  const bool = (obj: Json, key: string, path = '') => {
    if (obj[key] === undefined) add(`${path}/${key}`, 'REQUIRED', `${key} is required`)
    else if (typeof obj[key] !== 'boolean')
      add(`${path}/${key}`, 'TYPE', `${key} must be a boolean`)
  }
  const oneOf = (
    obj: Json,
    key: string,
    path: string,
    values: readonly string[],
    required = true,
  ) => {
    const v = obj[key]
    if (v === undefined) {
      if (required) add(`${path}/${key}`, 'REQUIRED', `${key} is required`)
    } else if (typeof v !== 'string' || !values.includes(v)) {
      add(`${path}/${key}`, 'ENUM', `${key} must be one of ${values.join(', ')}`)
    }
  }
  const date = (obj: Json, key: string, path: string, required = false) => {
    const v = obj[key]
    if (v === undefined) {
      if (required) add(`${path}/${key}`, 'REQUIRED', `${key} is required`)
    } else if (typeof v !== 'string' || !DATE.test(v) || Number.isNaN(Date.parse(v))) {
      add(`${path}/${key}`, 'FORMAT', `${key} must be a date YYYY-MM-DD`)
    }
  }
  const array = (obj: Json, key: string, path: string, min: number): unknown[] | undefined => {
    const v = obj[key]
    if (v === undefined) {
      if (min > 0) add(`${path}/${key}`, 'REQUIRED', `${key} is required`)
      return undefined
    }
    if (!Array.isArray(v)) {
      add(`${path}/${key}`, 'TYPE', `${key} must be an array`)
      return undefined
    }
    if (v.length < min) add(`${path}/${key}`, 'TOO_FEW', `${key} needs at least ${min} item(s)`)
    return v
  }
  const place = (obj: Json, key: string, path: string, required: boolean): Json | undefined => {
    const v = obj[key]
    if (v === undefined) {
      if (required) add(`${path}/${key}`, 'REQUIRED', `${key} is required`)
      return undefined
    }
    if (!isObject(v)) {
      add(`${path}/${key}`, 'TYPE', `${key} must be an object`)
      return undefined
    }
    const code = v.UNLocationCode
    if (code !== undefined && (typeof code !== 'string' || !UN_LOCODE.test(code))) {
      add(
        `${path}/${key}/UNLocationCode`,
        'FORMAT',
        'UNLocationCode must be a 5-character UN/LOCODE',
      )
    }
    if (code === undefined && v.locationName === undefined && v.facility === undefined) {
      add(`${path}/${key}`, 'REQUIRED', `${key} needs a UNLocationCode, locationName or facility`)
    }
    return v
  }

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

  validateTransports(td, add, { str, date, array, place, oneOf }, isCorridorBill)
  validateParties(td, add, str, array)

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

  if (td.landseaRailLeg !== undefined) validateRailLeg(td.landseaRailLeg, add, str)
  else if (isCorridorBill)
    add('/landseaRailLeg', 'REQUIRED', 'a corridor bill carries its rail leg')
  return issues
}

type Add = (path: string, code: string, message: string) => void
type Str = (obj: Json, key: string, path: string, max: number, required?: boolean) => void

function validateTransports(
  td: Json,
  add: Add,
  h: {
    str: Str
    date: (obj: Json, key: string, path: string, required?: boolean) => void
    array: (obj: Json, key: string, path: string, min: number) => unknown[] | undefined
    place: (obj: Json, key: string, path: string, required: boolean) => Json | undefined
    oneOf: (
      obj: Json,
      key: string,
      path: string,
      values: readonly string[],
      required?: boolean,
    ) => void
  },
  isCorridorBill: boolean,
) {
  const t = td.transports
  if (t === undefined) return add('/transports', 'REQUIRED', 'transports is required')
  if (!isObject(t)) return add('/transports', 'TYPE', 'transports must be an object')
  const p = '/transports'
  for (const key of Object.keys(t)) {
    if (!TRANSPORTS_FIELDS.has(key)) add(`${p}/${key}`, 'UNKNOWN_FIELD', `unknown field ${key}`)
  }
  h.date(t, 'plannedDepartureDate', p, true)
  h.date(t, 'plannedArrivalDate', p, true)
  if (
    typeof t.plannedDepartureDate === 'string' &&
    typeof t.plannedArrivalDate === 'string' &&
    t.plannedArrivalDate < t.plannedDepartureDate
  ) {
    add(`${p}/plannedArrivalDate`, 'RULE', 'plannedArrivalDate is before plannedDepartureDate')
  }
  h.oneOf(t, 'preCarriageBy', p, CARRIAGE_MODES, false)
  h.oneOf(t, 'onCarriageBy', p, CARRIAGE_MODES, false)
  const receipt = h.place(t, 'placeOfReceipt', p, t.preCarriageBy !== undefined || isCorridorBill)
  const pol = h.place(t, 'portOfLoading', p, true)
  h.place(t, 'portOfDischarge', p, true)
  h.place(t, 'placeOfDelivery', p, t.onCarriageBy !== undefined)
  h.place(t, 'onwardInlandRouting', p, false)
  if (isCorridorBill) {
    if (t.preCarriageBy !== 'RAIL') {
      add(
        `${p}/preCarriageBy`,
        'RULE',
        'a corridor bill has rail pre-carriage (preCarriageBy: RAIL)',
      )
    }
    const origin = receipt?.UNLocationCode
    if (receipt && (typeof origin !== 'string' || !RAIL_ORIGINS.has(origin))) {
      add(
        `${p}/placeOfReceipt/UNLocationCode`,
        'RULE',
        'the place of receipt is a Chongqing rail terminal (CNCKG)',
      )
    }
    if (pol && pol.UNLocationCode !== 'CNQZH') {
      add(`${p}/portOfLoading/UNLocationCode`, 'RULE', 'the port of loading is Qinzhou (CNQZH)')
    }
  }
  const voyages = h.array(t, 'vesselVoyages', p, 1)
  voyages?.forEach((v, i) => {
    const vp = `${p}/vesselVoyages/${i}`
    if (!isObject(v)) return add(vp, 'TYPE', 'a vessel voyage must be an object')
    h.str(v, 'vesselName', vp, 50)
    h.str(v, 'carrierExportVoyageNumber', vp, 50)
    h.oneOf(v, 'role', vp, ['FIRST_SEA_GOING', 'MOTHER'], false)
    const uvi = v.universalExportVoyageReference
    if (uvi !== undefined && (typeof uvi !== 'string' || !UVI.test(uvi))) {
      add(
        `${vp}/universalExportVoyageReference`,
        'FORMAT',
        'a universal voyage reference matches \\d{2}[0-9A-Z]{2}[NEWSR]',
      )
    }
  })
}

function validateParties(
  td: Json,
  add: Add,
  str: Str,
  array: (obj: Json, key: string, path: string, min: number) => unknown[] | undefined,
) {
  const parties = td.documentParties
  if (parties === undefined)
    return add('/documentParties', 'REQUIRED', 'documentParties is required')
  if (!isObject(parties))
    return add('/documentParties', 'TYPE', 'documentParties must be an object')
  const party = (key: string, required: boolean, needsCodes: boolean) => {
    const p = `/documentParties/${key}`
    const v = parties[key]
    if (v === undefined) {
      if (required) add(p, 'REQUIRED', `${key} is required`)
      return
    }
    if (!isObject(v)) return add(p, 'TYPE', `${key} must be an object`)
    str(v, 'partyName', p, 70)
    const codes = array(v, 'identifyingCodes', p, needsCodes ? 1 : 0)
    codes?.forEach((c, i) => {
      const cp = `${p}/identifyingCodes/${i}`
      if (!isObject(c)) return add(cp, 'TYPE', 'an identifying code must be an object')
      str(c, 'codeListProvider', cp, 100)
      str(c, 'partyCode', cp, 150)
    })
  }
  const isToOrder = td.isToOrder === true
  party('shipper', true, false)
  party('issuingParty', true, false)
  party('consignee', !isToOrder, !isToOrder)
  party('endorsee', false, true)
  if (isToOrder && parties.consignee !== undefined && parties.endorsee !== undefined) {
    add('/documentParties/endorsee', 'RULE', 'consignee and endorsee are mutually exclusive')
  }
  if (!isToOrder && parties.endorsee !== undefined) {
    add('/documentParties/endorsee', 'RULE', 'a straight bill has no endorsee')
  }
  if (!isToOrder && isObject(parties.consignee)) {
    const codes = parties.consignee.identifyingCodes
    const named =
      Array.isArray(codes) &&
      codes.some((c) => isObject(c) && c.codeListName === LANDSEA_ORG_CODE_LIST)
    if (!named) {
      add(
        '/documentParties/consignee/identifyingCodes',
        'RULE',
        `a straight bill names its consignee's organisation (codeListName ${LANDSEA_ORG_CODE_LIST})`,
      )
    }
  }
  const notify = array(parties, 'notifyParties', '/documentParties', isToOrder ? 1 : 0)
  if (notify && notify.length > 3)
    add('/documentParties/notifyParties', 'TOO_MANY', 'at most 3 notify parties')
}

function validateRailLeg(rail: unknown, add: Add, str: Str) {
  const p = '/landseaRailLeg'
  if (!isObject(rail)) return add(p, 'TYPE', 'landseaRailLeg must be an object')
  const known = new Set([
    'trainNumber',
    'wagonNumber',
    'departureStation',
    'arrivalStation',
    'railWaybillNumber',
    'plannedDepartureDateTime',
  ])
  for (const key of Object.keys(rail))
    if (!known.has(key)) add(`${p}/${key}`, 'UNKNOWN_FIELD', `unknown field ${key}`)
  str(rail, 'trainNumber', p, 20)
  str(rail, 'wagonNumber', p, 20, false)
  str(rail, 'railWaybillNumber', p, 35)
  for (const key of ['departureStation', 'arrivalStation']) {
    const station = rail[key]
    if (station === undefined) {
      if (key === 'departureStation') add(`${p}/${key}`, 'REQUIRED', `${key} is required`)
      continue
    }
    if (!isObject(station)) {
      add(`${p}/${key}`, 'TYPE', `${key} must be an object`)
      continue
    }
    str(station, 'stationName', `${p}/${key}`, 70)
    if (typeof station.UNLocationCode !== 'string' || !UN_LOCODE.test(station.UNLocationCode)) {
      add(`${p}/${key}/UNLocationCode`, 'FORMAT', 'UNLocationCode must be a 5-character UN/LOCODE')
    }
  }
  const dt = rail.plannedDepartureDateTime
  if (dt !== undefined && (typeof dt !== 'string' || Number.isNaN(Date.parse(dt)))) {
    add(
      `${p}/plannedDepartureDateTime`,
      'FORMAT',
      'plannedDepartureDateTime must be an ISO 8601 date-time',
    )
  }
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0
}
