import { listEpcisExamples, validateAgainst } from '@landsea/standards'
import { expect, it } from 'vitest'
import { as, describeEachNode } from './test-node.js'

// Events of GS1-keyed objects over HTTP: EPCIS import, lookup by any key form, EPCIS export.

const aggregation = listEpcisExamples().find(
  (e) => e.name === 'WithDigitalLinkID/Example_9.6.3-AggregationEventWithDigitalLink.jsonld',
)!.value as Record<string, unknown>
const pallet = encodeURIComponent('urn:epc:id:sscc:0614141.1234567890')

describeEachNode('objects API', (get) => {
  it("EPCIS 2.0 AggregationEvent with GS1 keys: imported, then found by the pallet's SSCC and exported as GS1 accepts", async () => {
    const { app, seed } = get()
    const imported = await app.inject({
      method: 'POST',
      url: '/api/events/epcis',
      headers: as(seed, 'carrier'),
      payload: aggregation,
    })
    expect(imported.statusCode).toBe(200)
    expect(imported.json()).toMatchObject({ accepted: 1, rejected: [] })

    const byUrn = await app.inject({
      url: `/api/objects/events?key=${pallet}`,
      headers: as(seed, 'operator'),
    })
    expect(byUrn.statusCode).toBe(200)
    expect(byUrn.json().object).toEqual({
      key: 'https://id.gs1.org/00/106141412345678908',
      scheme: 'sscc',
      isClass: false,
    })
    expect(byUrn.json().events.map((e: { event: { type: string } }) => e.event.type)).toEqual([
      'AggregationEvent',
    ])
    // A child named by its Digital Link is found by its EPC URN form too.
    const child = await app.inject({
      url: `/api/objects/events?key=${encodeURIComponent('https://id.gs1.org/01/70614141123451/21/2017')}`,
      headers: as(seed, 'operator'),
    })
    expect(child.json().events).toEqual(byUrn.json().events)

    const exported = await app.inject({
      url: `/api/objects/epcis?key=${pallet}`,
      headers: as(seed, 'operator'),
    })
    expect(exported.headers['content-type']).toContain('application/ld+json')
    expect(validateAgainst('gs1-epcis-2.0#', exported.json())).toEqual([])
  })

  it('GS1 TDS 2.1: a key written wrongly is 400 TRACKING_GS1_KEY_INVALID; an unknown object is 404', async () => {
    const { app, seed } = get()
    const bad = await app.inject({
      url: `/api/objects/events?key=${encodeURIComponent('urn:epc:id:sscc:0614141.123456789')}`,
      headers: as(seed, 'operator'),
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toMatchObject({
      code: 'TRACKING_GS1_KEY_INVALID',
      issues: [expect.objectContaining({ path: '/key' })],
    })
    const unknown = await app.inject({
      url: `/api/objects/epcis?key=${encodeURIComponent('urn:epc:id:sscc:0614141.9999999999')}`,
      headers: as(seed, 'operator'),
    })
    expect(unknown.statusCode).toBe(404)
  })

  it('shows an event filed under no bill only to roles that see every shipment', async () => {
    const { app, seed } = get()
    const shipper = await app.inject({
      url: `/api/objects/events?key=${pallet}`,
      headers: as(seed, 'shipper'),
    })
    expect(shipper.statusCode).toBe(404)
    const spec = (await app.inject({ url: '/openapi.json' })).json()
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/objects/events', '/api/objects/epcis']),
    )
  })
})
