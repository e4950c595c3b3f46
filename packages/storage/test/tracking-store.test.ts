import { encodeLeaf, hashLeaf, verifyInclusionProof, type LedgerStore } from '@landsea/core/ledger'
import { simulateCorridor } from '@landsea/core/simulation'
import {
  parseEventBatch,
  prepareEventBatch,
  storeEvents,
  toBatchItems,
  type EventStore,
  type PreparedEvent,
  type SubscriptionStore,
  type TrackingEvent,
} from '@landsea/core/tracking'
import { beforeAll, describe, expect, it } from 'vitest'
import { createEventStore, createLedgerStore, createSubscriptionStore } from '../src/index.js'
import { describeEachDatabase } from './databases.js'

const sim = simulateCorridor({
  seed: 5,
  fromMs: Date.UTC(2025, 2, 1),
  toMs: Date.UTC(2025, 2, 4),
  shipmentsPerDay: 4,
})
const shipment = sim.shipments[0]!
const events = [...shipment.events]

/** A shipment's first actual departure and the actual arrival of the same train or vessel. */
function departureAndArrival(list: readonly TrackingEvent[]) {
  const departure = list.find(
    (e): e is Extract<TrackingEvent, { eventType: 'TRANSPORT' }> =>
      e.eventType === 'TRANSPORT' &&
      e.eventClassifierCode === 'ACT' &&
      e.transportEventTypeCode === 'DEPA',
  )!
  const arrival = list.find(
    (e) =>
      e.eventType === 'TRANSPORT' &&
      e.eventClassifierCode === 'ACT' &&
      e.transportEventTypeCode === 'ARRI' &&
      e.transportCall.exportVoyageNumber === departure.transportCall.exportVoyageNumber,
  )!
  return { departure, arrival }
}

function prepare(values: readonly unknown[]): PreparedEvent[] {
  return [...prepareEventBatch(toBatchItems(values)).valid]
}

describeEachDatabase('tracking event store', (getDb) => {
  let store: EventStore
  let ledger: LedgerStore

  beforeAll(() => {
    store = createEventStore(getDb().db)
    ledger = createLedgerStore(getDb().db)
  })

  it('stores events out of order and reads the timeline in event-time order', async () => {
    const before = await ledger.treeSize()
    const result = await storeEvents(store, prepare([...events].reverse()))
    expect(result.accepted).toHaveLength(events.length)
    expect(result.rejected).toEqual([])
    expect(await ledger.treeSize()).toBe(before + events.length)
    const timeline = await store.eventsOfShipment(shipment.transportDocumentReference)
    const times = timeline.map((s) => Date.parse(s.event.eventDateTime))
    expect(times).toEqual([...times].sort((a, b) => a - b))
    expect(timeline).toHaveLength(events.length)
    const box = await store.eventsOfEquipment(shipment.equipmentReference)
    expect(box.length).toBeGreaterThan(3)
  })

  it('appends each accepted event to the ledger as a provable tracking-event leaf', async () => {
    const stored = await store.getEvent(events[0]!.eventID)
    expect(stored?.event).toEqual(events[0])
    const leaf = encodeLeaf({ type: 'tracking-event', body: events[0] })
    const [data] = await ledger.readLeaves(stored!.leafIndex, stored!.leafIndex + 1)
    expect(data).toEqual(leaf)
    const size = await ledger.treeSize()
    const proof = await ledger.inclusionProof(stored!.leafIndex, size)
    const root = await ledger.rootHash(size)
    expect(() => verifyInclusionProof(proof, hashLeaf(leaf), root)).not.toThrow()
  })

  it('is idempotent: a repeated batch writes nothing and reports duplicates', async () => {
    const size = await ledger.treeSize()
    const again = await storeEvents(store, prepare(events))
    expect(again.accepted).toEqual([])
    expect(again.duplicates).toHaveLength(events.length)
    expect(await ledger.treeSize()).toBe(size)
  })

  it('rejects an eventID reused with other content, and keeps the rest of the batch', async () => {
    const other = sim.shipments[1]!.events
    const changed = { ...events[0]!, eventDateTime: events[0]!.eventCreatedDateTime }
    const result = await storeEvents(store, prepare([changed, ...other]))
    expect(result.rejected).toEqual([
      {
        eventID: events[0]!.eventID,
        issues: [expect.objectContaining({ code: 'TRACKING_EVENT_ID_CONFLICT' })],
      },
    ])
    expect(result.accepted).toHaveLength(other.length)
  })

  it('rejects an arrival dated before the stored departure of the same train', async () => {
    const { departure, arrival } = departureAndArrival(events)
    const early = {
      ...arrival,
      eventID: '01960000-0000-7000-8000-000000000001',
      eventDateTime: new Date(Date.parse(departure.eventDateTime) - 3_600_000).toISOString(),
      eventCreatedDateTime: departure.eventDateTime,
    }
    const result = await storeEvents(store, prepare([early]))
    expect(result.rejected[0]?.issues[0]?.code).toBe('TRACKING_TIME_IMPOSSIBLE')
  })

  it('takes the same new batch from concurrent requests exactly once', async () => {
    const batch = prepare(sim.shipments[2]!.events)
    const size = await ledger.treeSize()
    const [a, b] = await Promise.all([storeEvents(store, batch), storeEvents(store, batch)])
    expect(a.accepted.length + b.accepted.length).toBe(batch.length)
    expect(a.duplicates.length + b.duplicates.length).toBe(batch.length)
    expect(await ledger.treeSize()).toBe(size + batch.length)
  })

  it('takes a batch raced by several stores (processes) once, with no error for the losers', async () => {
    const batch = prepare(sim.shipments[5]!.events)
    const stores = Array.from({ length: 6 }, () => createEventStore(getDb().db))
    const results = await Promise.all(stores.map((s) => storeEvents(s, batch)))
    expect(results.reduce((n, r) => n + r.accepted.length, 0)).toBe(batch.length)
    expect(results.reduce((n, r) => n + r.duplicates.length, 0)).toBe(5 * batch.length)
  })

  it('judges two concurrent batches with contradictory times one after the other', async () => {
    // A departure and an arrival of the same train dated an hour before it, in two batches sent at
    // once: each alone is valid, together they are impossible, so exactly one is kept.
    for (const s of sim.shipments.slice(6, 10)) {
      const { departure, arrival } = departureAndArrival(s.events)
      const early = {
        ...arrival,
        eventDateTime: new Date(Date.parse(departure.eventDateTime) - 3_600_000).toISOString(),
        eventCreatedDateTime: departure.eventDateTime,
      }
      const [a, b] = await Promise.all([
        storeEvents(createEventStore(getDb().db), prepare([departure])),
        storeEvents(createEventStore(getDb().db), prepare([early])),
      ])
      expect(a.accepted.length + b.accepted.length).toBe(1)
      expect([...a.rejected, ...b.rejected].map((r) => r.issues[0]?.code)).toEqual([
        'TRACKING_TIME_IMPOSSIBLE',
      ])
    }
  })

  it('filters events T&T-style and lists shipments', async () => {
    const transport = await store.listEvents({ eventType: 'TRANSPORT', limit: 1000 })
    expect(transport.length).toBeGreaterThan(0)
    expect(transport.every((s) => s.event.eventType === 'TRANSPORT')).toBe(true)
    const page = await store.listEvents({ limit: 5 })
    const next = await store.listEvents({ limit: 5, afterLeafIndex: page.at(-1)!.leafIndex })
    expect(next[0]!.leafIndex).toBeGreaterThan(page.at(-1)!.leafIndex)
    const shipments = await store.listShipments()
    expect(shipments.map((s) => s.shipmentKey)).toContain(shipment.transportDocumentReference)
    const only = await store.listShipments({ shipmentKeys: [shipment.transportDocumentReference] })
    expect(only.map((s) => s.shipmentKey)).toEqual([shipment.transportDocumentReference])
    expect(await store.listShipments({ shipmentKeys: [] })).toEqual([])
  })

  it('reads NDJSON batches end to end', async () => {
    const ndjson = sim.shipments[3]!.events.map((e) => JSON.stringify(e)).join('\n')
    const batch = prepareEventBatch(parseEventBatch(ndjson))
    const result = await storeEvents(store, batch.valid)
    expect(result.accepted).toHaveLength(sim.shipments[3]!.events.length)
  })
})

describeEachDatabase('tracking subscription store', (getDb) => {
  let store: SubscriptionStore
  beforeAll(() => {
    store = createSubscriptionStore(getDb().db)
  })

  it('creates, lists and deletes subscriptions', async () => {
    const sub = {
      subscriptionID: 'sub-1',
      owner: 'org-1',
      callbackUrl: 'http://127.0.0.1:9/hook',
      secret: 's3cret',
      filter: { transportDocumentReference: 'LS1', eventTypes: ['TRANSPORT' as const] },
      alerts: { delayHours: 12 },
      createdDateTime: '2026-05-01T00:00:00.000Z',
    }
    await store.create(sub)
    expect(await store.get('sub-1')).toEqual(sub)
    expect(await store.list({ owner: 'org-1' })).toEqual([sub])
    expect(await store.list({ owner: 'org-2' })).toEqual([])
    await store.create({ ...sub, subscriptionID: 'sub-2' })
    expect(await store.delete('sub-2')).toBe(true)
    expect(await store.delete('sub-2')).toBe(false)
  })

  it('queues deliveries, hands out due ones, and logs attempts', async () => {
    const base = {
      subscriptionID: 'sub-1',
      kind: 'EVENTS' as const,
      payload: '[]',
      status: 'PENDING' as const,
      attempts: 0,
      createdAt: '2026-05-01T00:00:00.000Z',
    }
    await store.enqueue([
      { ...base, deliveryID: 'd1', nextAttemptMs: 1000 },
      { ...base, deliveryID: 'd2', nextAttemptMs: 5000 },
    ])
    expect((await store.due(2000, 10)).map((d) => d.deliveryID)).toEqual(['d1'])
    await store.recordAttempt('d1', {
      status: 'PENDING',
      attempts: 1,
      nextAttemptMs: 9000,
      lastStatusCode: 500,
      lastError: 'HTTP 500',
    })
    expect((await store.due(6000, 10)).map((d) => d.deliveryID)).toEqual(['d2'])
    await store.recordAttempt('d2', {
      status: 'DELIVERED',
      attempts: 1,
      nextAttemptMs: 5000,
      lastStatusCode: 200,
      deliveredAt: '2026-05-01T00:00:06.000Z',
    })
    const log = await store.deliveries('sub-1')
    expect(log.find((d) => d.deliveryID === 'd1')).toMatchObject({
      attempts: 1,
      lastStatusCode: 500,
    })
    expect(log.find((d) => d.deliveryID === 'd2')).toMatchObject({ status: 'DELIVERED' })
  })

  it('remembers the last predicted arrival per shipment', async () => {
    expect(await store.lastEta('LS1')).toBeUndefined()
    await store.saveEta('LS1', 1000, '2026-05-01T00:00:00.000Z')
    await store.saveEta('LS1', 2000, '2026-05-01T01:00:00.000Z')
    expect(await store.lastEta('LS1')).toBe(2000)
  })
})

describe('encodeLeaf agreement', () => {
  it('the stored leaf body is the canonical event the store keeps', () => {
    const [prepared] = prepare([events[0]])
    const leaf = new TextDecoder().decode(encodeLeaf({ type: 'tracking-event', body: events[0] }))
    expect(leaf).toBe(`{"body":${prepared!.canonical},"type":"tracking-event","v":1}`)
  })
})

describeEachDatabase('tracking delivery leases', (getDb) => {
  it('hands each due delivery to exactly one of several concurrent workers until its lease ends', async () => {
    // Two stores over one database stand for two processes (on PostgreSQL, two pools' sessions).
    const a = createSubscriptionStore(getDb().db)
    const b = createSubscriptionStore(getDb().db)
    await a.create({
      subscriptionID: 'lease-sub',
      owner: 'org-1',
      callbackUrl: 'http://127.0.0.1:9/hook',
      secret: 's3cret',
      filter: {},
      alerts: {},
      createdDateTime: '2026-05-01T00:00:00.000Z',
    })
    const ids = Array.from({ length: 40 }, (_, i) => `lease-${String(i).padStart(2, '0')}`)
    await a.enqueue(
      ids.map((deliveryID) => ({
        deliveryID,
        subscriptionID: 'lease-sub',
        kind: 'EVENTS' as const,
        payload: '[]',
        status: 'PENDING' as const,
        attempts: 0,
        nextAttemptMs: 1000,
        createdAt: '2026-05-01T00:00:00.000Z',
      })),
    )
    const rounds = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).lease(2000, 10, 30_000)),
    )
    const taken = rounds.flat().map((d) => d.deliveryID)
    expect(taken.sort()).toEqual(ids)
    expect(await a.lease(2000, 10, 30_000)).toEqual([])
    // A worker that died: its leased deliveries are due again when the lease ends.
    expect((await b.lease(32_001, 100, 30_000)).length).toBe(40)
  })
})
