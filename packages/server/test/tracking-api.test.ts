import { hashLeaf, verifyInclusionProof } from '@landsea/core/ledger'
import { simulateBookings } from '@landsea/core/simulation'
import type { TrackingEvent } from '@landsea/core/tracking'
import { expect, it } from 'vitest'
import { as, describeEachNode, ingestJourney } from './test-node.js'
import { sim } from './tracking-fixture.js'

const [first, second, third] = sim.shipments
const base64 = (s: string) => Uint8Array.from(Buffer.from(s, 'base64'))

describeEachNode('tracking API', (get) => {
  it('ingests a JSON batch, keeps the valid events and returns the rejected with reasons', async () => {
    const { app, seed } = get()
    const bad = {
      ...first!.events[0],
      eventID: '01960000-0000-7000-8000-00000000000b',
      eventClassifierCode: 'MAYBE',
    }
    const res = await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: as(seed, 'carrier'),
      payload: [...first!.events, bad, { nonsense: true }],
    })
    expect(res.statusCode).toBe(200)
    const report = res.json()
    expect(report.accepted).toBe(first!.events.length)
    expect(
      report.rejected.map((r: { index: number; issues: { code: string }[] }) => [
        r.index,
        r.issues[0]!.code,
      ]),
    ).toEqual([
      [first!.events.length, 'TRACKING_UNKNOWN_CODE'],
      [first!.events.length + 1, 'TRACKING_FIELD_REQUIRED'],
    ])
    const again = await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: as(seed, 'carrier'),
      payload: first!.events,
    })
    expect(again.json()).toMatchObject({ accepted: 0, rejected: [] })
    expect(again.json().duplicates).toHaveLength(first!.events.length)
  })

  it('ingests NDJSON and reports a broken line without losing the others', async () => {
    const { app, seed } = get()
    const lines = second!.events.map((e) => JSON.stringify(e))
    const res = await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: { ...as(seed, 'carrier'), 'content-type': 'application/x-ndjson' },
      payload: [lines[0], '{broken', ...lines.slice(1)].join('\n'),
    })
    expect(res.statusCode).toBe(200)
    expect(res.json().accepted).toBe(second!.events.length)
    expect(res.json().rejected[0]).toMatchObject({
      index: 1,
      issues: [{ code: 'TRACKING_BATCH_MALFORMED' }],
    })
  })

  it('refuses oversize batches, non-array bodies, strangers and shippers', async () => {
    const { app, seed } = get()
    const big = await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: as(seed, 'carrier'),
      payload: Array.from({ length: 10_001 }, () => ({})),
    })
    expect(big.statusCode).toBe(413)
    expect(big.json().error.code).toBe('TRACKING_BATCH_TOO_LARGE')
    const single = await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: as(seed, 'carrier'),
      payload: { a: 1 },
    })
    expect(single.json().error.code).toBe('TRACKING_BATCH_MALFORMED')
    expect((await app.inject({ method: 'POST', url: '/api/events', payload: [] })).statusCode).toBe(
      401,
    )
    const shipper = await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: as(seed, 'shipper'),
      payload: [],
    })
    expect(shipper.statusCode).toBe(403)
  })

  it('serves the shipment timeline with ETA, the container timeline and the T&T query', async () => {
    const { app, seed } = get()
    const key = first!.transportDocumentReference
    const res = await app.inject({
      url: `/api/shipments/${key}/timeline?events=true`,
      headers: as(seed, 'operator'),
    })
    expect(res.statusCode).toBe(200)
    const view = res.json()
    expect(view.timeline.milestones.length).toBeGreaterThan(4)
    expect(view.timeline.customs.status).toBe('RELEASED')
    expect(view.events).toHaveLength(first!.events.length)
    expect(view.eta.shipmentKey).toBe(key)
    const box = await app.inject({
      url: `/api/containers/${first!.equipmentReference}/timeline`,
      headers: as(seed, 'operator'),
    })
    expect(box.statusCode).toBe(200)
    const missing = await app.inject({
      url: '/api/shipments/NOPE/timeline',
      headers: as(seed, 'operator'),
    })
    expect(missing.json().error.code).toBe('TRACKING_NOT_FOUND')
    expect(missing.statusCode).toBe(404)
    const query = await app.inject({
      url: `/api/events?eventType=TRANSPORT&transportDocumentReference=${key}`,
      headers: as(seed, 'operator'),
    })
    const listed = query.json().events as TrackingEvent[]
    expect(listed.length).toBeGreaterThan(0)
    expect(listed.every((e) => e.eventType === 'TRANSPORT')).toBe(true)
  })

  it('exports a timeline with inclusion proofs in base64, as the ledger routes, that verify against the ledger root', async () => {
    const { app, seed } = get()
    const res = await app.inject({
      url: `/api/shipments/${first!.transportDocumentReference}/proofs`,
      headers: as(seed, 'operator'),
    })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.events).toHaveLength(first!.events.length)
    for (const e of body.events) {
      const proof = {
        leafIndex: e.leafIndex,
        treeSize: body.treeSize,
        hashes: e.inclusionProof.map(base64),
      }
      expect(() =>
        verifyInclusionProof(proof, base64(e.leafHash), base64(body.rootHash)),
      ).not.toThrow()
    }
    expect(body.events[0].leafHash).not.toBe(
      Buffer.from(hashLeaf(new Uint8Array([0]))).toString('base64'),
    )
    // One encoding per format: the ledger routes' base64 (docs/ledger.md), for the same root.
    const [e0] = body.events
    const fromLedger = await app.inject({
      url: `/api/ledger/proofs/inclusion?leafIndex=${e0.leafIndex}&treeSize=${body.treeSize}`,
    })
    expect(fromLedger.json().hashes).toEqual(e0.inclusionProof)
    const leaves = await app.inject({
      url: `/api/ledger/leaves?start=${e0.leafIndex}&end=${e0.leafIndex + 1}`,
    })
    expect(leaves.json().leafHashes).toEqual([e0.leafHash])
  })

  it('exports EPCIS 2.0 and imports it back as the same events', async () => {
    const { app, seed } = get()
    const res = await app.inject({
      url: `/api/shipments/${first!.transportDocumentReference}/epcis`,
      headers: as(seed, 'operator'),
    })
    expect(res.headers['content-type']).toContain('application/ld+json')
    const doc = res.json()
    expect(doc.type).toBe('EPCISDocument')
    const back = await app.inject({
      method: 'POST',
      url: '/api/events/epcis',
      headers: as(seed, 'carrier'),
      payload: doc,
    })
    expect(back.json()).toMatchObject({ accepted: 0, rejected: [] })
    expect(back.json().duplicates.length).toBe(doc.epcisBody.eventList.length)
  })

  it('shows a party only the shipments of its own bills', async () => {
    const { app, seed } = get()
    const own = seed.bills[0]!.reference
    const live = simulateBookings({
      seed: 4,
      bookings: [{ bookedMs: Date.UTC(2025, 3, 1), transportDocumentReference: own }],
    })
    await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: as(seed, 'carrier'),
      payload: live.events,
    })
    const shipper = as(seed, 'shipper')
    expect(
      (await app.inject({ url: `/api/shipments/${own}/timeline`, headers: shipper })).statusCode,
    ).toBe(200)
    const stranger = await app.inject({
      url: `/api/shipments/${first!.transportDocumentReference}/timeline`,
      headers: shipper,
    })
    expect(stranger.statusCode).toBe(404)
    const listed = (await app.inject({ url: '/api/shipments', headers: shipper })).json().items
    expect(listed.map((i: { shipmentKey: string }) => i.shipmentKey)).toEqual([own])
    expect((await app.inject({ url: '/api/events', headers: shipper })).statusCode).toBe(403)
    const mine = await app.inject({
      url: `/api/events?transportDocumentReference=${own}`,
      headers: shipper,
    })
    expect(mine.json().events.length).toBe(live.events.length)
    const proofs = await app.inject({
      url: `/api/shipments/${first!.transportDocumentReference}/proofs`,
      headers: shipper,
    })
    expect(proofs.statusCode).toBe(404)
  })

  it('computes the route emissions of a shipment', async () => {
    const { app, seed } = get()
    const shipment = sim.shipments.find(
      (s) => s.destination === 'SGSIN' && [first, second, third].includes(s),
    )
    if (!shipment) return
    const res = await app.inject({
      url: `/api/shipments/${shipment.transportDocumentReference}/emissions?teu=1`,
      headers: as(seed, 'operator'),
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ teu: 1, co2eKg: 526.7 })
  })

  it('reports EPCIS rejections at their position in the eventList', async () => {
    const { app, seed } = get()
    const doc = {
      '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: '2025-04-02T10:05:00Z',
      epcisBody: {
        eventList: [
          {
            type: 'ObjectEvent',
            eventTime: '2025-04-02T09:00:00Z',
            eventTimeZoneOffset: '+00:00',
            action: 'OBSERVE',
            bizStep: 'retail_selling',
            epcList: ['urn:epc:id:sgtin:0614141.107346.2017'],
          },
          {
            type: 'ObjectEvent',
            eventTime: '2025-04-02T10:00:00Z',
            eventTimeZoneOffset: '+00:00',
            action: 'OBSERVE',
            epcList: ['urn:epc:id:bic:CSQU3054384'],
            bizStep: 'loading',
            readPoint: { id: 'urn:landsea:unlocode:CNQZH' },
          },
        ],
      },
    }
    const res = await app.inject({
      method: 'POST',
      url: '/api/events/epcis',
      headers: as(seed, 'carrier'),
      payload: doc,
    })
    expect(
      res
        .json()
        .rejected.map((r: { index: number; issues: { code: string }[] }) => [
          r.index,
          r.issues[0]!.code,
        ]),
    ).toEqual([[1, 'TRACKING_CONTAINER_CHECK_DIGIT']])
    // The SGTIN's event has no T&T meaning: it is kept as an EPCIS event of that object.
    expect(res.json().accepted).toBe(1)
  })

  it('GS1 EPCIS 2.0 schema at POST /api/events/epcis: 400 with schema paths; no usable event: 422', async () => {
    const { app, seed } = get()
    const event = {
      type: 'ObjectEvent',
      eventTime: '2025-04-02T09:00:00Z',
      eventTimeZoneOffset: '+00:00',
      action: 'OBSERVE',
      bizStep: 'retail_selling',
      epcList: ['urn:epc:id:sgtin:0614141.107346.2017'],
    }
    const doc = {
      '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: '2025-04-02T10:05:00Z',
      epcisBody: { eventList: [event] },
    }
    const post = (payload: object) =>
      app.inject({
        method: 'POST',
        url: '/api/events/epcis',
        headers: as(seed, 'carrier'),
        payload,
      })
    const { action: _, ...noAction } = event
    const invalid = await post({ ...doc, epcisBody: { eventList: [noAction] } })
    expect(invalid.statusCode).toBe(400)
    expect(invalid.json().error.code).toBe('TRACKING_EPCIS_INVALID')
    expect(invalid.json().error.issues).toContainEqual(
      expect.objectContaining({
        path: '/epcisBody/eventList/0/action',
        schemaPath: 'gs1-epcis-2.0#/definitions/ObjectEvent/allOf/1/required',
      }),
    )
    // An event that names no object, place or sensor cannot be kept.
    const unusable = await post({ ...doc, epcisBody: { eventList: [{ ...event, epcList: [] }] } })
    expect(unusable.statusCode).toBe(422)
    expect(unusable.json().error.code).toBe('TRACKING_EPCIS_UNSUPPORTED')
  })

  it('documents the routes in OpenAPI', async () => {
    const { app } = get()
    const spec = (await app.inject({ url: '/openapi.json' })).json()
    for (const path of [
      '/api/events',
      '/api/shipments/{key}/timeline',
      '/api/shipments/{key}/proofs',
      '/api/event-subscriptions',
    ]) {
      expect(Object.keys(spec.paths)).toContain(path)
    }
  })

  it('says which calibration scaled an ETA band, in the API and its OpenAPI schema', async () => {
    const { app, seed } = get()
    await ingestJourney(get(), 'CALIB0001', {
      simulationSeed: 6,
      nowMs: Date.UTC(2025, 3, 6),
      bookedMs: Date.UTC(2025, 3, 1),
    })
    const res = await app.inject({
      url: '/api/shipments/CALIB0001/eta',
      headers: as(seed, 'operator'),
    })
    expect(res.statusCode).toBe(200)
    expect(res.json().finalArrival).toBeDefined()
    // Too few completed journeys on this node for any group's scale: the raw band.
    expect(res.json().calibration).toEqual({ scale: 1, basis: 'none' })
    const spec = (await app.inject({ url: '/openapi.json' })).json()
    const eta = spec.paths['/api/shipments/{key}/eta'].get.responses['200']
    expect(JSON.stringify(eta)).toContain('calibration')
  })
})
