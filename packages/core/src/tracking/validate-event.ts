import {
  CUSTOMS_MILESTONE_CODES,
  CUSTOMS_MILESTONE_TO_SHIPMENT_CODE,
  DOCUMENT_REFERENCE_TYPES,
  DOCUMENT_TYPE_CODES,
  EMPTY_INDICATOR_CODES,
  EQUIPMENT_EVENT_TYPE_CODES,
  EVENT_CLASSIFIER_CODES,
  EVENT_TYPES,
  FACILITY_TYPE_CODES,
  MODES_OF_TRANSPORT,
  SHIPMENT_EVENT_TYPE_CODES,
  TRANSPORT_EVENT_TYPE_CODES,
  isCode,
} from './codes.js'
import { isValidContainerNumber } from './iso6346.js'
import type { TrackingErrorCode, TrackingIssue } from './tracking-error.js'
import type { TrackingEvent } from './tracking-event.js'
import { parseEventTime } from './event-time.js'
import { deriveEventId } from './derive-event-id.js'

/** Options of {@link validateTrackingEvent}. */
export interface ValidateEventOptions {
  /**
   * Refuses well-formed UN/LOCODEs for which this returns false (`TRACKING_UNKNOWN_LOCATION`). By
   * default none is refused: an unknown code is a warning (`unknownLocationWarnings`), not an error.
   */
  readonly isKnownLocation?: (UNLocationCode: string) => boolean
  /** How far (ms) an ACT event may lie after its own `eventCreatedDateTime` (clock skew). */
  readonly clockSkewMs?: number
  /**
   * The receiving node's clock (epoch ms). When given, an event created, or an ACT event that
   * happened, after it (plus clock skew) is refused: the DCSA conformance gateway's wrong date-times.
   */
  readonly now?: () => number
  /**
   * The first validation layer: the event against DCSA T&T 2.2's own schema (wired by the composition
   * root). The rules below are the second layer; one of them on a path the schema refused adds nothing.
   */
  readonly validateStandard?: (input: unknown) => readonly TrackingIssue[]
}

/** Result of {@link validateTrackingEvent}: the typed event, or the list of issues. */
export type EventValidation =
  | { readonly ok: true; readonly event: TrackingEvent }
  | { readonly ok: false; readonly issues: readonly TrackingIssue[] }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const UN_LOCODE = /^[A-Z]{2}[A-Z2-9]{3}$/

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

class Checker {
  readonly issues: TrackingIssue[] = []
  readonly options: ValidateEventOptions

  constructor(options: ValidateEventOptions) {
    this.options = options
  }

  add(path: string, code: TrackingErrorCode, message: string): void {
    this.issues.push({ path, code, message })
  }

  string(obj: Json, key: string, path: string, required: boolean, maxLength = 100): boolean {
    const value = obj[key]
    if (value === undefined) {
      if (required) this.add(`${path}/${key}`, 'TRACKING_FIELD_REQUIRED', `${key} is required`)
      return false
    }
    if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
      this.add(
        `${path}/${key}`,
        'TRACKING_FIELD_INVALID',
        `${key} must be a string of 1 to ${maxLength} characters`,
      )
      return false
    }
    return true
  }

  code(obj: Json, key: string, path: string, list: readonly string[], required = true): void {
    const value = obj[key]
    if (value === undefined) {
      if (required) this.add(`${path}/${key}`, 'TRACKING_FIELD_REQUIRED', `${key} is required`)
      return
    }
    if (!isCode(list, value)) {
      this.add(
        `${path}/${key}`,
        'TRACKING_UNKNOWN_CODE',
        `${key} ${JSON.stringify(value)} is not one of ${list.join(', ')}`,
      )
    }
  }

  time(obj: Json, key: string, path: string): number | undefined {
    const value = obj[key]
    if (value === undefined) {
      this.add(`${path}/${key}`, 'TRACKING_FIELD_REQUIRED', `${key} is required`)
      return undefined
    }
    const ms = typeof value === 'string' ? parseEventTime(value) : undefined
    if (ms === undefined) {
      this.add(
        `${path}/${key}`,
        'TRACKING_TIME_INVALID',
        `${key} must be an ISO 8601 date-time with a zone, e.g. 2026-05-01T08:00:00Z`,
      )
    }
    return ms
  }

  unLocode(obj: Json, key: string, path: string): void {
    const value = obj[key]
    if (value === undefined) return
    if (typeof value !== 'string' || !UN_LOCODE.test(value)) {
      this.add(`${path}/${key}`, 'TRACKING_FIELD_INVALID', `${key} must be a 5-character UN/LOCODE`)
      return
    }
    const isKnown = this.options.isKnownLocation
    if (isKnown !== undefined && !isKnown(value)) {
      this.add(`${path}/${key}`, 'TRACKING_UNKNOWN_LOCATION', `unknown UN/LOCODE ${value}`)
    }
  }

  location(obj: Json, key: string, path: string): void {
    const value = obj[key]
    if (value === undefined) return
    const p = `${path}/${key}`
    if (!isObject(value)) {
      this.add(p, 'TRACKING_FIELD_INVALID', `${key} must be an object`)
      return
    }
    this.string(value, 'locationName', p, false)
    this.string(value, 'latitude', p, false, 10)
    this.string(value, 'longitude', p, false, 11)
    this.unLocode(value, 'UNLocationCode', p)
    this.string(value, 'facilityCode', p, false, 6)
    this.code(value, 'facilityCodeListProvider', p, ['BIC', 'SMDG'], false)
  }

  transportCall(obj: Json, key: string, path: string, required: boolean): void {
    const value = obj[key]
    const p = `${path}/${key}`
    if (value === undefined) {
      if (required) this.add(p, 'TRACKING_FIELD_REQUIRED', `${key} is required`)
      return
    }
    if (!isObject(value)) {
      this.add(p, 'TRACKING_FIELD_INVALID', `${key} must be an object`)
      return
    }
    this.string(value, 'transportCallID', p, true)
    this.code(value, 'modeOfTransport', p, MODES_OF_TRANSPORT)
    const seq = value['transportCallSequenceNumber']
    if (seq !== undefined && (!Number.isInteger(seq) || (seq as number) < 0)) {
      this.add(
        `${p}/transportCallSequenceNumber`,
        'TRACKING_FIELD_INVALID',
        'transportCallSequenceNumber must be a non-negative integer',
      )
    }
    for (const k of ['carrierServiceCode', 'exportVoyageNumber', 'importVoyageNumber']) {
      this.string(value, k, p, false, 50)
    }
    this.unLocode(value, 'UNLocationCode', p)
    this.string(value, 'facilityCode', p, false, 6)
    this.code(value, 'facilityCodeListProvider', p, ['BIC', 'SMDG'], false)
    this.code(value, 'facilityTypeCode', p, FACILITY_TYPE_CODES, false)
    this.string(value, 'otherFacility', p, false, 50)
    this.location(value, 'location', p)
    const vessel = value['vessel']
    if (vessel !== undefined) {
      if (!isObject(vessel))
        this.add(`${p}/vessel`, 'TRACKING_FIELD_INVALID', 'vessel must be an object')
      else if (vessel['vesselIMONumber'] !== undefined) {
        const imo = vessel['vesselIMONumber']
        if (typeof imo !== 'string' || !/^[0-9]{7}$/.test(imo)) {
          this.add(
            `${p}/vessel/vesselIMONumber`,
            'TRACKING_FIELD_INVALID',
            'IMO number has 7 digits',
          )
        }
      }
    }
  }

  documentReferences(obj: Json, path: string): void {
    const value = obj['documentReferences']
    if (value === undefined) return
    const p = `${path}/documentReferences`
    if (!Array.isArray(value)) {
      this.add(p, 'TRACKING_FIELD_INVALID', 'documentReferences must be an array')
      return
    }
    value.forEach((ref: unknown, i) => {
      if (!isObject(ref)) {
        this.add(`${p}/${i}`, 'TRACKING_FIELD_INVALID', 'a document reference must be an object')
        return
      }
      this.code(ref, 'documentReferenceType', `${p}/${i}`, DOCUMENT_REFERENCE_TYPES)
      this.string(ref, 'documentReferenceValue', `${p}/${i}`, true)
    })
  }
}

/**
 * Validates untrusted input as a DCSA T&T 2.2 event (plus the Landsea customs extension) and
 * returns the typed event or every issue found. Input is hostile: nothing here throws.
 *
 * @example
 * const result = validateTrackingEvent(JSON.parse(line))
 * if (!result.ok) console.log(result.issues)
 */
export function validateTrackingEvent(
  input: unknown,
  options: ValidateEventOptions = {},
): EventValidation {
  const c = new Checker(options)
  if (!isObject(input)) {
    return {
      ok: false,
      issues: [
        { path: '', code: 'TRACKING_FIELD_INVALID', message: 'an event must be a JSON object' },
      ],
    }
  }
  // T&T 2.2 baseEvent makes eventID optional; an event without one is named by its content.
  const eventID = input['eventID']
  if (eventID !== undefined && (typeof eventID !== 'string' || !UUID.test(eventID))) {
    c.add('/eventID', 'TRACKING_FIELD_INVALID', 'eventID must be a UUID')
  }
  c.code(input, 'eventType', '', EVENT_TYPES)
  c.code(input, 'eventClassifierCode', '', EVENT_CLASSIFIER_CODES)
  const createdMs = c.time(input, 'eventCreatedDateTime', '')
  const eventMs = c.time(input, 'eventDateTime', '')
  c.documentReferences(input, '')

  switch (input['eventType']) {
    case 'SHIPMENT':
      validateShipment(c, input)
      break
    case 'TRANSPORT':
      c.code(input, 'transportEventTypeCode', '', TRANSPORT_EVENT_TYPE_CODES)
      c.transportCall(input, 'transportCall', '', true)
      c.string(input, 'delayReasonCode', '', false, 3)
      c.string(input, 'changeRemark', '', false, 250)
      break
    case 'EQUIPMENT':
      validateEquipment(c, input)
      break
  }

  // An actual event cannot have happened after it was reported (allowing for clock skew).
  if (
    input['eventClassifierCode'] === 'ACT' &&
    createdMs !== undefined &&
    eventMs !== undefined &&
    eventMs > createdMs + (options.clockSkewMs ?? 15 * 60_000)
  ) {
    c.add(
      '/eventDateTime',
      'TRACKING_TIME_IMPOSSIBLE',
      'an ACT event cannot happen after its eventCreatedDateTime',
    )
  }
  const skewMs = options.clockSkewMs ?? 15 * 60_000
  const nowMs = options.now?.()
  if (nowMs !== undefined && createdMs !== undefined && createdMs > nowMs + skewMs) {
    c.add(
      '/eventCreatedDateTime',
      'TRACKING_TIME_IMPOSSIBLE',
      'an event cannot be created in the future',
    )
  }
  if (
    nowMs !== undefined &&
    input['eventClassifierCode'] === 'ACT' &&
    eventMs !== undefined &&
    eventMs > nowMs + skewMs
  ) {
    c.add('/eventDateTime', 'TRACKING_TIME_IMPOSSIBLE', 'an ACT event cannot happen in the future')
  }
  const schemaIssues = options.validateStandard?.(input) ?? []
  const refused = new Set(schemaIssues.map((i) => i.path))
  const issues = [...schemaIssues, ...c.issues.filter((i) => !refused.has(i.path))]
  if (issues.length > 0) return { ok: false, issues }
  const event = eventID === undefined ? { ...input, eventID: deriveEventId(input) } : input
  return { ok: true, event: event as unknown as TrackingEvent }
}

function validateShipment(c: Checker, input: Json): void {
  c.code(input, 'shipmentEventTypeCode', '', SHIPMENT_EVENT_TYPE_CODES)
  c.code(input, 'documentTypeCode', '', DOCUMENT_TYPE_CODES)
  c.string(input, 'documentID', '', true)
  c.string(input, 'reason', '', false, 250)
  const customs = input['customsMilestone']
  if (customs === undefined) return
  if (!isObject(customs)) {
    c.add('/customsMilestone', 'TRACKING_FIELD_INVALID', 'customsMilestone must be an object')
    return
  }
  c.code(customs, 'milestoneCode', '/customsMilestone', CUSTOMS_MILESTONE_CODES)
  c.string(customs, 'declarationNumber', '/customsMilestone', true, 50)
  c.string(customs, 'authority', '/customsMilestone', true, 50)
  if (input['documentTypeCode'] !== 'CUS') {
    c.add(
      '/documentTypeCode',
      'TRACKING_FIELD_INVALID',
      'a customs milestone needs documentTypeCode CUS',
    )
  }
  const milestone = customs['milestoneCode']
  if (isCode(CUSTOMS_MILESTONE_CODES, milestone)) {
    const expected = CUSTOMS_MILESTONE_TO_SHIPMENT_CODE[milestone]
    if (input['shipmentEventTypeCode'] !== expected) {
      c.add(
        '/shipmentEventTypeCode',
        'TRACKING_FIELD_INVALID',
        `customs milestone ${milestone} is sent as shipmentEventTypeCode ${expected}`,
      )
    }
  }
}

function validateEquipment(c: Checker, input: Json): void {
  c.code(input, 'equipmentEventTypeCode', '', EQUIPMENT_EVENT_TYPE_CODES)
  c.code(input, 'emptyIndicatorCode', '', EMPTY_INDICATOR_CODES)
  if (c.string(input, 'equipmentReference', '', false, 15)) {
    if (!isValidContainerNumber(input['equipmentReference'] as string)) {
      c.add(
        '/equipmentReference',
        'TRACKING_CONTAINER_CHECK_DIGIT',
        'equipmentReference is not an ISO 6346 container number with a valid check digit',
      )
    }
  }
  c.string(input, 'ISOEquipmentCode', '', false, 4)
  c.location(input, 'eventLocation', '')
  c.transportCall(input, 'transportCall', '', false)
  const seals = input['seals']
  if (seals !== undefined && !Array.isArray(seals)) {
    c.add('/seals', 'TRACKING_FIELD_INVALID', 'seals must be an array')
  }
}
