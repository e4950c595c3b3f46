import { expect, it } from 'vitest'
import { describeEachNode } from './each-node.js'

// A valid DCSA T&T 2.2 arrival by truck at an inland place: Paris (FRPAR, UN/LOCODE function 3,
// road terminal; not a seaport), and one at a well-formed code no UN/LOCODE issue has (FRZZ9).
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
      { index: 1, value: arrivalAt('0190a5f2-7c1e-7001-8a1b-00000000fa02', 'FRZZ9') },
    ])
    expect(report.rejected).toEqual([])
    expect(report.accepted).toBe(2)
    // The location table holds seaports and corridor places (not yet the full UN/LOCODE list):
    // whatever it lacks is stored with a warning, never refused.
    expect(report.warnings).toContainEqual({
      eventID: '0190a5f2-7c1e-7001-8a1b-00000000fa02',
      issues: [
        {
          path: '/transportCall/UNLocationCode',
          code: 'TRACKING_UNKNOWN_LOCATION',
          message: 'unknown UN/LOCODE FRZZ9',
        },
      ],
    })
    const view = await node.tracking.shipmentTimeline('LSPAR2605001')
    expect(
      view.events.map(
        (e) => (e as { transportCall: { UNLocationCode: string } }).transportCall.UNLocationCode,
      ),
    ).toEqual(expect.arrayContaining(['FRPAR', 'FRZZ9']))
  })
})
