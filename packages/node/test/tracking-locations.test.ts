import { expect, it } from 'vitest'
import { describeEachNode } from './each-node.js'

// A valid DCSA T&T 2.2 arrival by truck at an inland place: Paris (FRPAR, UN/LOCODE function 3,
// road terminal; not a seaport), and one at a well-formed code no UN/LOCODE issue has (SGZZ9).
function arrivalAt(eventID: string, UNLocationCode: string) {
  return {
    eventID,
    eventCreatedDateTime: '2026-05-10T10:05:00Z',
    eventClassifierCode: 'ACT',
    eventDateTime: '2026-05-10T10:00:00Z',
    eventType: 'TRANSPORT',
    transportEventTypeCode: 'ARRI',
    transportCall: {
      transportCallID: `TRUCK-${UNLocationCode}`,
      modeOfTransport: 'TRUCK',
      UNLocationCode,
      facilityTypeCode: 'INTE',
    },
    documentReferences: [{ documentReferenceType: 'TRD', documentReferenceValue: 'LSPAR2605001' }],
  }
}

describeEachNode('places outside the location table', (get) => {
  it('stores an event at an inland place (FRPAR) and one at an unknown well-formed code, with a warning for what the table lacks', async () => {
    const { node } = get()
    const report = await node.tracking.ingest([
      { index: 0, value: arrivalAt('0190a5f2-7c1e-7001-8a1b-00000000fa01', 'FRPAR') },
      { index: 1, value: arrivalAt('0190a5f2-7c1e-7001-8a1b-00000000fa02', 'SGZZ9') },
    ])
    expect(report.rejected).toEqual([])
    expect(report.accepted).toBe(2)
    // FRPAR is in the full UN/LOCODE list: no warning. A well-formed code no edition lists is
    // stored with a warning, never refused.
    expect(report.warnings).toEqual([
      {
        eventID: '0190a5f2-7c1e-7001-8a1b-00000000fa02',
        issues: [
          {
            path: '/transportCall/UNLocationCode',
            code: 'TRACKING_UNKNOWN_LOCATION',
            message: 'unknown UN/LOCODE SGZZ9',
          },
        ],
      },
    ])
    const view = await node.tracking.shipmentTimeline('LSPAR2605001')
    expect(
      view.events.map(
        (e) => (e as { transportCall: { UNLocationCode: string } }).transportCall.UNLocationCode,
      ),
    ).toEqual(expect.arrayContaining(['FRPAR', 'SGZZ9']))
  })

  it('puts a shipment last seen at an inland place on the map at that place (UN/LOCODE coordinates 4851N 00221E)', async () => {
    const { node } = get()
    await node.tracking.ingest([
      {
        index: 0,
        value: {
          ...arrivalAt('0190a5f2-7c1e-7001-8a1b-00000000fa03', 'FRPAR'),
          documentReferences: [
            { documentReferenceType: 'TRD', documentReferenceValue: 'LSPAR2605002' },
          ],
        },
      },
    ])
    const view = await node.tracking.shipmentTimeline('LSPAR2605002')
    expect(view.timeline.position).toEqual({
      longitude: 2.35,
      latitude: 48.85,
      basis: 'at-location',
      UNLocationCode: 'FRPAR',
    })
  })
})
