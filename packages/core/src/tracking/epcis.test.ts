import { describe, expect, it } from 'vitest'
import journey from './fixtures/corridor-journey.json' with { type: 'json' }
import { fromEpcisDocument, toEpcisDocument } from './epcis.js'
import type { TrackingEvent } from './tracking-event.js'

const events = journey as unknown as TrackingEvent[]

describe('EPCIS 2.0 export and import', () => {
  it('exports only actual events, with CBV steps, BIC container URIs and the bill', () => {
    const doc = toEpcisDocument(events, '2026-05-10T00:00:00Z')
    expect(doc.type).toBe('EPCISDocument')
    expect(doc.schemaVersion).toBe('2.0')
    const acts = events.filter((e) => e.eventClassifierCode === 'ACT')
    expect(doc.epcisBody.eventList).toHaveLength(acts.length)
    const load = doc.epcisBody.eventList.find((e) => e.bizStep === 'loading')
    expect(load).toMatchObject({
      type: 'ObjectEvent',
      action: 'OBSERVE',
      epcList: ['urn:epc:id:bic:APZU4812090'],
      disposition: 'in_transit',
      readPoint: { id: 'urn:landsea:unlocode:CNCKG' },
      bizTransactionList: [{ type: 'bol', bizTransaction: 'urn:landsea:bol:LSCKG2605001' }],
    })
    const vessel = doc.epcisBody.eventList.find((e) => e.epcList?.[0]?.includes('imovn'))
    expect(vessel?.epcList).toEqual(['urn:epc:id:imovn:9321483'])
    const release = doc.epcisBody.eventList.find((e) => e.disposition === 'available')
    expect(release?.bizStep).toBe('inspecting')
  })

  it('round-trips Landsea exports exactly', () => {
    const doc = JSON.parse(JSON.stringify(toEpcisDocument(events, '2026-05-10T00:00:00Z')))
    const back = fromEpcisDocument(doc)
    expect(back.rejected).toEqual([])
    expect(back.events).toEqual(events.filter((e) => e.eventClassifierCode === 'ACT'))
  })

  it('maps a foreign container observation, keeps a GS1-keyed object’s event and rejects what it cannot read', () => {
    const doc = {
      '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: '2026-05-10T00:00:00Z',
      epcisBody: {
        eventList: [
          {
            type: 'ObjectEvent',
            eventTime: '2026-05-09T12:00:00.000Z',
            eventTimeZoneOffset: '+00:00',
            eventID: 'ni:///sha-256;abc?ver=CBV2.0',
            action: 'OBSERVE',
            epcList: ['urn:epc:id:bic:CSQU3054383'],
            bizStep: 'https://ref.gs1.org/cbv/BizStep-unloading',
            readPoint: { id: 'urn:landsea:unlocode:SGSIN' },
          },
          { type: 'ObjectEvent', bizStep: 'retail_selling', epcList: [] },
          {
            type: 'ObjectEvent',
            eventTime: '2026-05-09T13:00:00.000Z',
            eventTimeZoneOffset: '+00:00',
            action: 'OBSERVE',
            epcList: ['urn:epc:id:sgtin:0614141.812345.6789'],
            bizStep: 'retail_selling',
          },
        ],
      },
    }
    const result = fromEpcisDocument(doc)
    expect(result.events).toHaveLength(1)
    expect(result.events[0]).toMatchObject({
      eventType: 'EQUIPMENT',
      equipmentEventTypeCode: 'DISC',
      equipmentReference: 'CSQU3054383',
      eventLocation: { UNLocationCode: 'SGSIN' },
    })
    expect((result.events[0] as { eventID: string }).eventID).toMatch(/^[0-9a-f-]{36}$/)
    expect(result.rejected[0]?.issues).toEqual([
      expect.objectContaining({
        path: '/epcisBody/eventList/1/eventTime',
        code: 'TRACKING_FIELD_INVALID',
      }),
    ])
    // A GS1-keyed object's event has no T&T meaning: it is kept as the object's EPCIS event.
    expect(result.objectEvents.map((o) => [o.index, o.event.objects])).toEqual([
      [2, [{ key: 'https://id.gs1.org/01/80614141123458/21/6789', role: 'epc' }]],
    ])
    expect(() => fromEpcisDocument({ nope: 1 })).toThrow(
      expect.objectContaining({ code: 'TRACKING_BATCH_MALFORMED' }),
    )
  })
})
