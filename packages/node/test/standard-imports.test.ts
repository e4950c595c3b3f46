import { toObjectEpcisDocument, type RejectedEvent } from '@landsea/core/tracking'
import { listEpcisExamples, listTntGatewayMessages, validateAgainst } from '@landsea/standards'
import { expect, it } from 'vitest'
import { describeEachNode } from './each-node.js'

// The standards' own example messages through a node's import, on every test database.

type Json = Record<string, unknown>
const epcisExamples = listEpcisExamples().filter(({ value }) =>
  Array.isArray((value as { epcisBody?: { eventList?: unknown } }).epcisBody?.eventList),
)
const gateway = (name: string) =>
  listTntGatewayMessages().find((m) => m.name === `tnt-220-response${name}.json`)!.value as Json[]

describeEachNode("the standards' own messages through a node's import", (get) => {
  const ingestGateway = async (name: string) => {
    const events = gateway(name)
    const report = await get().node.tracking.ingest(
      events.map((value, index) => ({ index, value })),
    )
    return { events, report }
  }

  it("GS1 EPCIS 2.0: every event of GS1's example documents is stored (SGTIN, SSCC, GRAI, GIAI, GSRN, classes, sensors)", async () => {
    const { node } = get()
    let events = 0
    let stored = 0
    const rejected: (RejectedEvent & { document: string })[] = []
    for (const { name, value } of epcisExamples) {
      events += (value as { epcisBody: { eventList: unknown[] } }).epcisBody.eventList.length
      const report = await node.tracking.ingestEpcis(value)
      stored += report.accepted + report.duplicates.length
      rejected.push(...report.rejected.map((r) => ({ ...r, document: name })))
    }
    expect(events).toBe(54)
    // EPCIS 2.0 §7.4.1 makes an eventID unique; GS1's examples reuse three for other events in
    // other documents. The first is stored, the later one is a conflict, never a silent overwrite.
    expect(rejected.map((r) => [r.document, r.issues.map((i) => i.code)])).toEqual([
      [
        'Example-Type-sourceOrDestination,measurement,bizTransaction.jsonld',
        ['TRACKING_EVENT_ID_CONFLICT'],
      ],
      [
        'WithFullCombinationOfFields/object_event_all_possible_fields.jsonld',
        ['TRACKING_EVENT_ID_CONFLICT'],
      ],
      ['WithSensorData/SensorDataExample17.jsonld', ['TRACKING_EVENT_ID_CONFLICT']],
    ])
    expect(stored + rejected.length).toBe(54)
  })

  it("GS1 TDS 2.1 / Digital Link 1.2: an object is one key whichever form names it; its export passes GS1's schema", async () => {
    const { node } = get()
    const byUrn = await node.tracking.objectEvents('urn:epc:class:lgtin:4012345.012345.998877')
    const byLink = await node.tracking.objectEvents(
      'https://id.gs1.org/01/04012345123456/10/998877',
    )
    expect(byUrn.object).toEqual({
      key: 'https://id.gs1.org/01/04012345123456/10/998877',
      scheme: 'lgtin',
      isClass: true,
    })
    expect(byLink.events).toEqual(byUrn.events)
    // GS1's 9.6.3 AggregationEvent names it in both documents (EPC URN and Digital Link forms).
    expect(byUrn.events.length).toBeGreaterThanOrEqual(2)
    const pallet = await node.tracking.objectEvents('urn:epc:id:sscc:0614141.1234567890')
    expect(pallet.object.key).toBe('https://id.gs1.org/00/106141412345678908')
    expect(pallet.events.map((e) => e.event['type'])).toContain('AggregationEvent')
    for (const view of [byUrn, pallet]) {
      const document = toObjectEpcisDocument(
        view.events.map((e) => e.event),
        '2026-12-02T00:00:00Z',
      )
      expect(validateAgainst('gs1-epcis-2.0#', document)).toEqual([])
    }
    // Sensor events that name no object are filed under their place (the read point's SGLN).
    const place = await node.tracking.objectEvents('urn:epc:id:sgln:4012345.00005.0')
    expect(place.events.some((e) => Array.isArray(e.event['sensorElementList']))).toBe(true)
  })

  it('GS1 TDS 2.1 §6.3: a GS1 key written wrongly is refused with its place, the other events are kept', async () => {
    const { node } = get()
    const document = structuredClone(
      epcisExamples.find((e) => e.name === 'Example_9.6.1-ObjectEvent.jsonld')!.value,
    ) as { epcisBody: { eventList: Json[] } }
    const [first, second] = document.epcisBody.eventList
    document.epcisBody.eventList = [
      {
        ...first,
        eventID: 'urn:uuid:9b0c1c2e-1d53-4a0e-9d1b-16000000a001',
        epcList: ['urn:epc:id:sgtin:0614141.10734.2017'],
      },
      { ...second, eventID: 'urn:uuid:9b0c1c2e-1d53-4a0e-9d1b-16000000a002' },
    ]
    const report = await node.tracking.ingestEpcis(document)
    expect(report.accepted).toBe(1)
    expect(report.rejected).toEqual([
      {
        index: 0,
        issues: [
          expect.objectContaining({
            path: '/epcisBody/eventList/0/epcList/0',
            code: 'TRACKING_GS1_KEY_INVALID',
          }),
        ],
      },
    ])
  })

  it('DCSA Conformance Gateway T&T 2.2 response: all 7 events accepted, the inland UN/LOCODE FRPAR among them', async () => {
    const { events, report } = await ingestGateway('')
    expect(report.rejected).toEqual([])
    expect(report.accepted + report.duplicates.length).toBe(7)
    // FRPAR (Paris) is in the UN/LOCODE table: stored with no warning; an unknown well-formed code
    // is stored with one (wrong-attribute-values below).
    expect(report.warnings).toEqual([])
    for (const { eventID } of events)
      expect(await get().node.tracking.events.getEvent(String(eventID))).toBeDefined()
  })

  it('DCSA Conformance Gateway wrong-date-times: each TEST_CASE is refused; the case without one is accepted', async () => {
    const { events, report } = await ingestGateway('-wrong-date-times')
    const refused = new Set(report.rejected.map((r) => r.index))
    events.forEach((event, index) =>
      expect(refused.has(index), String(event['TEST_CASE'] ?? 'the valid event')).toBe(
        event['TEST_CASE'] !== undefined,
      ),
    )
  })

  // The gateway's other negative cases state no rule beyond the T&T 2.2 schema; what our two
  // layers make of each event, after the valid response above (which shares some eventIDs):
  const codesOf = (report: { rejected: readonly RejectedEvent[] }) =>
    report.rejected.map((r) => [r.index, r.issues.map((i) => `${i.code} ${i.path}`)])

  it('DCSA Conformance Gateway wrong-attribute-values: a bad container check digit and a reused eventID are refused', async () => {
    const { report } = await ingestGateway('-wrong-attribute-values')
    expect(codesOf(report)).toEqual([
      [1, ['TRACKING_EVENT_ID_CONFLICT /eventID']],
      [2, ['TRACKING_CONTAINER_CHECK_DIGIT /equipmentReference']],
    ])
    // XYABC is well formed and not in the location table: stored, with a warning.
    expect(report.warnings.flatMap((w) => w.issues.map((i) => i.code))).toEqual([
      'TRACKING_UNKNOWN_LOCATION',
      'TRACKING_UNKNOWN_LOCATION',
    ])
  })

  it('DCSA Conformance Gateway wrong-event-ids: a number and a non-UUID are refused; a repeated eventID is one event', async () => {
    const { report } = await ingestGateway('-wrong-event-ids')
    expect(codesOf(report)).toEqual([
      [0, ['TRACKING_FIELD_INVALID /eventID']],
      [1, ['TRACKING_FIELD_INVALID /eventID']],
    ])
    expect(report.acceptedEvents.map((e) => e.eventID)).toEqual([
      '1ed826d0-3643-42e3-974b-eb88357c8e40',
      'af7728dc-0e1e-42d2-ad78-61c5c0c25878',
    ])
    expect([...report.duplicates].sort()).toEqual([
      '3cecb101-7a1a-43a4-9d62-e88a131651e8',
      '3cecb101-7a1a-43a4-9d62-e88a131651e8',
      'af7728dc-0e1e-42d2-ad78-61c5c0c25878',
    ])
  })

  it('DCSA Conformance Gateway wrong-structure: objects that are not events are refused', async () => {
    const { events, report } = await ingestGateway('-wrong-structure')
    expect(report.accepted).toBe(0)
    expect(report.rejected.map((r) => r.index)).toEqual(events.map((_, i) => i))
  })
})
