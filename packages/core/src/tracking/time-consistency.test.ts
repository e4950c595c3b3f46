import { describe, expect, it } from 'vitest'
import journey from './fixtures/corridor-journey.json' with { type: 'json' }
import { prepareEventBatch, toBatchItems, type PreparedEvent } from './event-batch.js'
import { findTimeContradiction } from './time-consistency.js'

function prepared(input: unknown): PreparedEvent {
  const [event] = prepareEventBatch(toBatchItems([input])).valid
  if (event === undefined) throw new Error('fixture event invalid')
  return event
}

const railDeparture = prepared(journey[8])
const railArrival = prepared(journey[10])

describe('findTimeContradiction', () => {
  it('accepts consistent events in either arrival order', () => {
    expect(findTimeContradiction(railArrival, [railDeparture])).toBeUndefined()
    expect(findTimeContradiction(railDeparture, [railArrival])).toBeUndefined()
  })

  it('rejects an arrival at the next call before the departure from the previous one', () => {
    const early = prepared({
      ...journey[10],
      eventID: '0190a5f2-7c1e-7fff-8a1b-00000000ffff',
      eventDateTime: '2026-05-02T09:00:00Z',
    })
    expect(findTimeContradiction(early, [railDeparture])?.code).toBe('TRACKING_TIME_IMPOSSIBLE')
  })

  it('rejects a departure from a call before the arrival at that call', () => {
    const arrivedQzh = prepared({
      ...journey[13],
      eventID: '0190a5f2-7c1e-7ffe-8a1b-00000000fffe',
      transportEventTypeCode: 'ARRI',
      eventDateTime: '2026-05-06T05:00:00Z',
      eventCreatedDateTime: '2026-05-06T05:00:00Z',
    })
    const vesselDeparture = prepared(journey[13])
    expect(findTimeContradiction(vesselDeparture, [arrivedQzh])?.code).toBe(
      'TRACKING_TIME_IMPOSSIBLE',
    )
  })

  it('compares sequence numbers only within one conveyance (train or voyage)', () => {
    // The vessel's call 3 at Qinzhou and the train's call 2 belong to different conveyances.
    const vesselDeparture = prepared(journey[13])
    const trainArrivalLate = prepared({ ...journey[10], eventDateTime: '2026-05-04T14:10:00Z' })
    expect(findTimeContradiction(vesselDeparture, [trainArrivalLate])).toBeUndefined()
  })

  it('ignores plans and estimates', () => {
    expect(findTimeContradiction(prepared(journey[1]), [railDeparture])).toBeUndefined()
  })
})
