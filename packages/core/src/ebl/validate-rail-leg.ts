import { isObject, UN_LOCODE, type AddIssue, type DocumentChecks } from './document-checks.js'

/** Checks the Landsea `landseaRailLeg` extension (docs/ebl.md). */
export function validateRailLeg(rail: unknown, add: AddIssue, { str }: DocumentChecks) {
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
