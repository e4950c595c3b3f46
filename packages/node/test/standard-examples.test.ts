import { validateTransportDocument } from '@landsea/core/ebl'
import { validateTrackingEvent } from '@landsea/core/tracking'
import { listOpenApiExamples } from '@landsea/standards'
import { describe, expect, it } from 'vitest'
import journey from '../../core/src/tracking/fixtures/corridor-journey.json' with { type: 'json' }
import { validateTrackingEventSchema } from '../src/standards/tracking-event-schema.js'
import { validateTransportDocumentSchema } from '../src/standards/transport-document-schema.js'

// The standards' own examples, through both layers: the standard's schema, then our rules.
describe("the standards' own examples through our import", () => {
  const transportDocuments = listOpenApiExamples(
    'dcsa-ebl-3.0.3',
    (v) => typeof v.transportDocumentStatus === 'string' && typeof v.transports === 'object',
  )

  it("DCSA eBL 3.0.3 DocumentParties: DCSA's to-order examples without notify parties are accepted", () => {
    expect(transportDocuments).toHaveLength(8)
    for (const { name, value } of transportDocuments) {
      expect(validateTransportDocumentSchema(value), name).toEqual([])
      // Outside the corridor: the rail leg and Chongqing–Qinzhou shape are rules of corridor bills only.
      expect(validateTransportDocument(value, { isCorridorBill: false }), name).toEqual([])
    }
  })
})

describe('DCSA T&T 2.2.0 events, loaded from the standard', () => {
  const events = journey as Record<string, unknown>[]
  const departure = events.find((e) => e.transportEventTypeCode === 'DEPA')!

  it('accepts every event Landsea sends (the corridor journey) under the T&T 2.2.0 schema', () => {
    for (const event of events) expect(validateTrackingEventSchema(event)).toEqual([])
  })

  it('T&T 2.2.0 transportEventTypeCode enum, carrierServiceCode maxLength: refused with the schema path', () => {
    const call = departure.transportCall as Record<string, unknown>
    const bad = {
      ...departure,
      transportEventTypeCode: 'LEFT',
      transportCall: { ...call, carrierServiceCode: 'TOOLONG' },
    }
    const result = validateTrackingEvent(bad, { validateStandard: validateTrackingEventSchema })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues.map((i) => `${i.path} ${i.code} ${i.schemaPath}`)).toEqual(
      expect.arrayContaining([
        '/transportEventTypeCode TRACKING_UNKNOWN_CODE dcsa-tnt-2.2.0#/components/schemas/transportEventTypeCode/enum',
        '/transportCall/carrierServiceCode TRACKING_FIELD_INVALID dcsa-tnt-2.2.0#/components/schemas/carrierServiceCode/maxLength',
      ]),
    )
    // The second layer's own issue on the same path is not repeated.
    expect(result.issues.filter((i) => i.path === '/transportEventTypeCode')).toHaveLength(1)
  })

  it('T&T 2.2.0 baseEvent: an event without eventID passes both layers', () => {
    const { eventID: _, ...anonymous } = departure
    expect(validateTrackingEventSchema(anonymous)).toEqual([])
    expect(
      validateTrackingEvent(anonymous, { validateStandard: validateTrackingEventSchema }).ok,
    ).toBe(true)
  })
})
