import { validateTransportDocument } from '@landsea/core/ebl'
import { fromEpcisDocument, toEpcisDocument, validateTrackingEvent } from '@landsea/core/tracking'
import { listEpcisExamples, listOpenApiExamples, validateAgainst } from '@landsea/standards'
import { describe, expect, it } from 'vitest'
import journey from '../../core/src/tracking/fixtures/corridor-journey.json' with { type: 'json' }
import { readEpcisDocument } from '../src/standards/epcis-document.js'
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

describe('GS1 EPCIS 2.0 documents', () => {
  it('EPCIS 2.0 AggregationEvent: the export writes stuffing as an observation GS1 accepts, and reads it back', () => {
    const gateIn = (journey as Record<string, unknown>[]).find(
      (e) => e.eventType === 'EQUIPMENT' && e.eventClassifierCode === 'ACT',
    )!
    const stuffing = {
      ...gateIn,
      eventID: '0190a5f2-7c1e-7001-8a1b-0000000000ff',
      equipmentEventTypeCode: 'STUF',
    }
    const events = [...journey, stuffing] as unknown as Parameters<typeof toEpcisDocument>[0]
    const document = toEpcisDocument(events, '2026-05-10T00:00:00Z')
    expect(validateAgainst('gs1-epcis-2.0#', document)).toEqual([])
    expect(JSON.stringify(document)).not.toContain('AggregationEvent')
    expect(fromEpcisDocument(document).rejected).toEqual([])
  })

  it("GS1's example documents pass GS1's schema, then our reading keeps every one of their 54 events", () => {
    let events = 0
    for (const { name, value } of listEpcisExamples()) {
      expect(validateAgainst('gs1-epcis-2.0#', value), name).toEqual([])
      const list = (value as { epcisBody?: { eventList?: unknown[] } }).epcisBody?.eventList
      if (!Array.isArray(list)) continue
      const read = readEpcisDocument(value)
      expect(read.rejected, name).toEqual([])
      events += read.items.length + read.objectEvents.length
    }
    expect(events).toBe(54)
  })

  // One mutation of GS1's 9.6.1 ObjectEvent example per rule class of GS1's schema, through our
  // import: refused whole, with the rule's place in GS1's text.
  const example = () =>
    structuredClone(
      listEpcisExamples().find((e) => e.name === 'Example_9.6.1-ObjectEvent.jsonld')!.value,
    ) as { epcisBody: { eventList: Record<string, unknown>[] } } & Record<string, unknown>
  const refusedAt = (mutate: (d: ReturnType<typeof example>) => void) => {
    const document = example()
    mutate(document)
    try {
      readEpcisDocument(document)
    } catch (error) {
      const { code, issues } = error as {
        code: string
        issues: { path: string; schemaPath?: string }[]
      }
      return issues.map((i) => `${code} ${i.path} ${i.schemaPath}`)
    }
    return []
  }
  it.each([
    [
      'required',
      (d: ReturnType<typeof example>) => delete d.epcisBody.eventList[0]!.action,
      '/epcisBody/eventList/0/action',
      '#/definitions/ObjectEvent/allOf/1/required',
    ],
    [
      'enum',
      (d: ReturnType<typeof example>) => (d.epcisBody.eventList[0]!.action = 'MOVE'),
      '/epcisBody/eventList/0/action',
      '#/definitions/action/enum',
    ],
    [
      'type',
      (d: ReturnType<typeof example>) =>
        (d.epcisBody.eventList[0]!.epcList = 'urn:epc:id:sscc:0614141.1234567890'),
      '/epcisBody/eventList/0/epcList',
      '#/definitions/epcList/type',
    ],
    [
      'pattern',
      (d: ReturnType<typeof example>) => (d.epcisBody.eventList[0]!.eventTimeZoneOffset = '+1:00'),
      '/epcisBody/eventList/0/eventTimeZoneOffset',
      '#/definitions/Event/properties/eventTimeZoneOffset/pattern',
    ],
    [
      'format',
      (d: ReturnType<typeof example>) => (d.epcisBody.eventList[0]!.eventTime = 'yesterday'),
      '/epcisBody/eventList/0/eventTime',
      '#/definitions/time/format',
    ],
    [
      'uniqueItems',
      (d: ReturnType<typeof example>) =>
        (d.epcisBody.eventList[0]!.epcList = [
          'urn:epc:id:sscc:0614141.1234567890',
          'urn:epc:id:sscc:0614141.1234567890',
        ]),
      '/epcisBody/eventList/0/epcList',
      '#/definitions/epcList/uniqueItems',
    ],
    [
      'required (nested)',
      (d: ReturnType<typeof example>) => (d.epcisBody.eventList[0]!.bizTransactionList = [{}]),
      '/epcisBody/eventList/0/bizTransactionList/0/bizTransaction',
      '#/definitions/bizTransaction/required',
    ],
  ])(
    'EPCIS 2.0 JSON Schema rule class %s: refused by our import with its schema path',
    (_, mutate, path, rule) => {
      expect(refusedAt(mutate)).toContain(`TRACKING_EPCIS_INVALID ${path} gs1-epcis-2.0${rule}`)
    },
  )
})
