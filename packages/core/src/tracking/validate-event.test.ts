import { describe, expect, it } from 'vitest'
import journey from './fixtures/corridor-journey.json' with { type: 'json' }
import { validateTrackingEvent } from './validate-event.js'

const [plan, , , , lodged, , gateIn, , departure] = journey as Record<string, unknown>[]

function codesOf(input: unknown): string[] {
  const result = validateTrackingEvent(input)
  return result.ok ? [] : result.issues.map((i) => `${i.code} ${i.path}`)
}

describe('validateTrackingEvent', () => {
  it('accepts every event of the corridor fixture (transport, equipment, customs, PLN/EST/ACT)', () => {
    for (const event of journey) expect(codesOf(event)).toEqual([])
  })

  it('names unknown codes with their path', () => {
    expect(codesOf({ ...departure, transportEventTypeCode: 'LEFT' })).toEqual([
      'TRACKING_UNKNOWN_CODE /transportEventTypeCode',
    ])
    expect(codesOf({ ...gateIn, eventClassifierCode: 'GUESS' })).toEqual([
      'TRACKING_UNKNOWN_CODE /eventClassifierCode',
    ])
    const call = (departure as { transportCall: object }).transportCall
    expect(codesOf({ ...departure, transportCall: { ...call, modeOfTransport: 'AIR' } })).toEqual([
      'TRACKING_UNKNOWN_CODE /transportCall/modeOfTransport',
    ])
  })

  it('accepts well-formed unknown UN/LOCODEs (refused only on request); rejects bad check digits', () => {
    const unknown = { ...gateIn, eventLocation: { UNLocationCode: 'CNZZZ' } }
    expect(codesOf(unknown)).toEqual([])
    expect(validateTrackingEvent(unknown, { isKnownLocation: () => false })).toMatchObject({
      ok: false,
      issues: [{ code: 'TRACKING_UNKNOWN_LOCATION', path: '/eventLocation/UNLocationCode' }],
    })
    expect(codesOf({ ...gateIn, eventLocation: { UNLocationCode: 'CN-ZZ' } })).toEqual([
      'TRACKING_FIELD_INVALID /eventLocation/UNLocationCode',
    ])
    expect(codesOf({ ...gateIn, equipmentReference: 'APZU4812091' })).toEqual([
      'TRACKING_CONTAINER_CHECK_DIGIT /equipmentReference',
    ])
  })

  it('rejects impossible dates, zone-less times and actuals reported before they happened', () => {
    expect(codesOf({ ...gateIn, eventDateTime: '2026-02-30T10:00:00Z' })).toEqual([
      'TRACKING_TIME_INVALID /eventDateTime',
    ])
    expect(codesOf({ ...gateIn, eventDateTime: '2026-05-02T06:00:00' })).toEqual([
      'TRACKING_TIME_INVALID /eventDateTime',
    ])
    expect(codesOf({ ...gateIn, eventDateTime: '2026-05-03T06:00:00Z' })).toEqual([
      'TRACKING_TIME_IMPOSSIBLE /eventDateTime',
    ])
    // A plan may lie in the future.
    expect(codesOf(plan)).toEqual([])
  })

  it('requires the family fields and a UUID eventID', () => {
    const noCode: Record<string, unknown> = { ...gateIn }
    delete noCode['equipmentEventTypeCode']
    expect(codesOf(noCode)).toEqual(['TRACKING_FIELD_REQUIRED /equipmentEventTypeCode'])
    expect(codesOf({ ...gateIn, eventID: 'not-a-uuid' })).toEqual([
      'TRACKING_FIELD_INVALID /eventID',
    ])
  })

  it('checks the customs extension against the standard code it rides on', () => {
    expect(codesOf({ ...lodged, shipmentEventTypeCode: 'RELS' })).toEqual([
      'TRACKING_FIELD_INVALID /shipmentEventTypeCode',
    ])
    expect(codesOf({ ...lodged, documentTypeCode: 'BKG' })).toEqual([
      'TRACKING_FIELD_INVALID /documentTypeCode',
    ])
  })

  it('never throws on hostile input', () => {
    for (const input of [null, 42, 'x', [], { eventType: {} }, { transportCall: [] }]) {
      expect(validateTrackingEvent(input).ok).toBe(false)
    }
    expect(
      codesOf({ ...departure, transportCall: null, documentReferences: 'TRD' }).sort(),
    ).toEqual([
      'TRACKING_FIELD_INVALID /documentReferences',
      'TRACKING_FIELD_INVALID /transportCall',
    ])
  })

  it('DCSA T&T 2.2 baseEvent: eventID is optional, and an event without one is named by its content', () => {
    const { eventID: _, ...anonymous } = departure as Record<string, unknown>
    const first = validateTrackingEvent(anonymous)
    const again = validateTrackingEvent(structuredClone(anonymous))
    expect(first.ok && again.ok).toBe(true)
    if (!first.ok || !again.ok) return
    expect(first.event.eventID).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(again.event.eventID).toBe(first.event.eventID)
    expect(validateTrackingEvent({ ...anonymous, eventID: 'x' }).ok).toBe(false)
  })

  it('DCSA conformance gateway, wrong date-times: an event created (or an ACT event happening) in 2099 is refused', () => {
    const now = () => Date.parse('2026-06-01T00:00:00Z')
    const future = {
      ...departure,
      eventCreatedDateTime: '2099-01-01T00:00:00Z',
      eventDateTime: '2099-01-01T00:00:00Z',
    }
    const result = validateTrackingEvent(future, { now })
    expect(result.ok ? [] : result.issues.map((i) => `${i.code} ${i.path}`)).toEqual([
      'TRACKING_TIME_IMPOSSIBLE /eventCreatedDateTime',
      'TRACKING_TIME_IMPOSSIBLE /eventDateTime',
    ])
    expect(validateTrackingEvent(departure, { now }).ok).toBe(true)
  })
})
