import { isObject, type AddIssue, type DocumentChecks, type Json } from './document-checks.js'

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
const RAIL_ORIGINS = new Set(['CNCKG', 'CNCQI', 'CNCHQ'])
const UVI = /^\d{2}[0-9A-Z]{2}[NEWSR]$/

/** Checks DCSA `transports` and, for a corridor bill, rail pre-carriage from Chongqing to Qinzhou. */
export function validateTransports(
  td: Json,
  add: AddIssue,
  h: DocumentChecks,
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
