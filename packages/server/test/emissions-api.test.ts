import { initEd25519Verifier } from '@landsea/core/crypto'
import { simulateBookings } from '@landsea/core/simulation'
import { verifyBundle } from '@landsea/core/verify'
import { beforeAll, expect, it } from 'vitest'
import { as, describeEachNode, ingestFinishedJourney } from './test-node.js'

beforeAll(async () => {
  await initEd25519Verifier()
})

describeEachNode('emissions API', (get) => {
  // The delivered demo bill (3): its shipment, booked 30 days ago, has arrived in Singapore.
  const finished = async () => {
    const bill = get().seed.bills.find((b) => b.stage === 'delivered in Singapore')!
    await ingestFinishedJourney(get(), bill.reference)
    return bill
  }

  it('issues a claim once, carries it in the consignee’s bundle, and the bundle verifies', async () => {
    const { app, seed } = get()
    const bill = await finished()
    const consignee = as(seed, 'consignee')
    const issued = await app.inject({
      method: 'POST',
      url: `/api/shipments/${bill.reference}/emissions/claim`,
      headers: consignee,
      payload: { teu: 1 },
    })
    expect(issued.statusCode, issued.body).toBe(200)
    const claim = issued.json()
    expect(claim.subject).toMatchObject({
      shipmentKey: bill.reference,
      teu: 1,
      factorTableVersion: 'glec-v3.0-2024',
      co2eKg: 526.7,
      gaps: [],
    })
    expect(claim.subject.events.length).toBeGreaterThan(3)
    // Once: asking again returns the same claim, whatever the TEU asked.
    const again = await app.inject({
      method: 'POST',
      url: `/api/shipments/${bill.reference}/emissions/claim`,
      headers: consignee,
      payload: { teu: 5 },
    })
    expect(again.json().credential).toBe(claim.credential)

    const bundle = await app.inject({ url: `/api/ebl/${bill.id}/bundle`, headers: consignee })
    expect(bundle.statusCode).toBe(200)
    expect(bundle.json().emissionsClaim.credential).toBe(claim.credential)
    const v = await verifyBundle(bundle.body, { witnessQuorum: 0 })
    expect(v.steps.filter((s) => s.status !== 'pass')).toEqual([])
    expect(v.emissionsClaim).toMatchObject({ co2eKg: 526.7, shipmentKey: bill.reference })
  })

  it('refuses a claim for a shipment whose events are incomplete (409) or unknown (404)', async () => {
    const { app, seed } = get()
    const bill = seed.bills.find((b) => b.stage === 'issued to the shipper')!
    const live = simulateBookings({
      seed: 8,
      nowMs: Date.now(),
      bookings: [{ bookedMs: Date.now() - 86_400_000, transportDocumentReference: bill.reference }],
    })
    await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: as(seed, 'carrier'),
      payload: live.events,
    })
    const res = await app.inject({
      method: 'POST',
      url: `/api/shipments/${bill.reference}/emissions/claim`,
      headers: as(seed, 'operator'),
      payload: {},
    })
    expect(res.statusCode, res.body).toBe(409)
    expect(res.json().error.code).toBe('EMISSIONS_INCOMPLETE')
    const missing = await app.inject({
      url: `/api/shipments/${bill.reference}/emissions/claim`,
      headers: as(seed, 'operator'),
    })
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.code).toBe('EMISSIONS_CLAIM_NOT_FOUND')
  })

  it('compares the alternatives with transit times', async () => {
    const res = await get().app.inject({ url: '/api/emissions/alternatives?teu=1' })
    expect(res.statusCode).toBe(200)
    expect(
      res
        .json()
        .routes.map((r: { co2eKg: number; transitDays: { low: number } }) => [
          r.co2eKg,
          r.transitDays.low,
        ]),
    ).toEqual([
      [526.7, 7],
      [1048.5, 20],
      [1957.1, 6],
      [725.5, 7],
    ])
  })

  it('reports an organisation’s period as JSON and CSV; refuses a bad period with 400', async () => {
    const { app, seed } = get()
    await finished()
    const from = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10)
    const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
    const headers = as(seed, 'consignee')
    const res = await app.inject({ url: `/api/emissions/report?from=${from}&to=${to}`, headers })
    expect(res.statusCode, res.body).toBe(200)
    const report = res.json()
    expect(report.shipments).toBeGreaterThanOrEqual(1)
    expect(report.tonneKmByMode.rail).toBeGreaterThan(0)
    expect(report.factors.map((f: { id: string }) => f.id)).toContain('sea-container-se-ne-asia')
    expect(report.factorTableVersion).toBe('glec-v3.0-2024')
    const csv = await app.inject({
      url: `/api/emissions/report?from=${from}&to=${to}&format=csv`,
      headers,
    })
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.body.split('\r\n')[0]).toBe(
      'shipmentKey,teu,claimed,co2eKg,tonneKm,distanceKm,co2eKgPerTeuKm,gaps,factorTableVersion',
    )
    const bad = await app.inject({ url: `/api/emissions/report?from=${to}&to=${from}`, headers })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.code).toBe('EMISSIONS_INPUT_INVALID')
  })
})
