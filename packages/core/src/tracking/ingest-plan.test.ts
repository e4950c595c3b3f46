import { describe, expect, it } from 'vitest'
import { encodeLeaf } from '../ledger/leaf-envelope.js'
import journey from './fixtures/corridor-journey.json' with { type: 'json' }
import { prepareEventBatch, toBatchItems, type PreparedEvent } from './event-batch.js'
import { planIngest, shipmentsToCheck, trackingEventLeaf } from './ingest-plan.js'

function prepare(values: readonly unknown[]): PreparedEvent[] {
  return [...prepareEventBatch(toBatchItems(values)).valid]
}

const events = prepare(journey)
const railDeparture = events[8]!
const railArrival = events[10]!
const nothingStored = { contentHashes: new Map(), transportTimes: new Map() }

describe('planIngest', () => {
  it('writes every new event with its tracking-event leaf, in batch order', () => {
    const plan = planIngest(events, nothingStored)
    expect(plan.duplicates).toEqual([])
    expect(plan.rejected).toEqual([])
    expect(plan.writes.map((w) => w.event)).toEqual(events)
    for (const { event, leaf } of plan.writes) {
      expect(leaf).toEqual(encodeLeaf({ type: 'tracking-event', body: event.event }))
    }
  })

  it('reports a stored eventID with the same content as a duplicate, with other content as a conflict', () => {
    const [first, second, ...rest] = events
    const plan = planIngest(events, {
      contentHashes: new Map([
        [first!.eventID, first!.contentHash],
        [second!.eventID, 'f'.repeat(64)],
      ]),
      transportTimes: new Map(),
    })
    expect(plan.duplicates).toEqual([first!.eventID])
    expect(plan.rejected).toEqual([
      {
        eventID: second!.eventID,
        issues: [expect.objectContaining({ code: 'TRACKING_EVENT_ID_CONFLICT' })],
      },
    ])
    expect(plan.writes.map((w) => w.event)).toEqual(rest)
  })

  it('refuses an actual transport event whose time contradicts a stored one, or one earlier in the batch', () => {
    const early = prepare([
      {
        ...journey[10],
        eventID: '0190a5f2-7c1e-7fff-8a1b-00000000ffff',
        eventDateTime: '2026-05-02T09:00:00Z',
      },
    ])[0]!
    const key = railDeparture.shipmentKey!
    const stored = planIngest([early], {
      contentHashes: new Map(),
      transportTimes: new Map([[key, [railDeparture]]]),
    })
    expect(stored.writes).toEqual([])
    expect(stored.rejected[0]?.issues[0]?.code).toBe('TRACKING_TIME_IMPOSSIBLE')

    const inBatch = planIngest([railDeparture, early, railArrival], nothingStored)
    expect(inBatch.writes.map((w) => w.event)).toEqual([railDeparture, railArrival])
    expect(inBatch.rejected.map((r) => r.eventID)).toEqual([early.eventID])
  })
})

describe('shipmentsToCheck', () => {
  it('names the shipments of new actual transport events only', () => {
    const key = railDeparture.shipmentKey!
    expect(shipmentsToCheck(events, new Map())).toEqual([key])
    const actual = events.filter(
      (e) => e.event.eventType === 'TRANSPORT' && e.event.eventClassifierCode === 'ACT',
    )
    const stored = new Map(actual.map((e) => [e.eventID, e.contentHash]))
    expect(shipmentsToCheck(events, stored)).toEqual([])
    expect(shipmentsToCheck([events[1]!], new Map())).toEqual([])
  })
})

describe('trackingEventLeaf', () => {
  it('is encodeLeaf of the event, built around its canonical form', () => {
    expect(trackingEventLeaf(railArrival)).toEqual(
      encodeLeaf({ type: 'tracking-event', body: railArrival.event }),
    )
  })
})
