import { describe, expect, it } from 'vitest'
import journey from './fixtures/corridor-journey.json' with { type: 'json' }
import { buildTimeline } from './timeline.js'
import type { TrackingEvent } from './tracking-event.js'

const events = journey as unknown as TrackingEvent[]
const at = (iso: string) => Date.parse(iso)

describe('buildTimeline', () => {
  it('puts planned, estimated and actual side by side per milestone, with the delay', () => {
    const t = buildTimeline(events, at('2026-05-07T04:00:00Z'))
    const railArrival = t.milestones.find((m) => m.key === 'TRANSPORT ARRI RAIL CNQZH')
    expect(railArrival).toMatchObject({
      plannedAt: '2026-05-04T10:00:00.000Z',
      estimatedAt: '2026-05-04T14:00:00.000Z',
      actualAt: '2026-05-04T14:10:00.000Z',
      delayHours: 4.17,
      modeOfTransport: 'RAIL',
      UNLocationCode: 'CNQZH',
    })
  })

  it('gives the same timeline whatever order the events arrive in', () => {
    const now = at('2026-05-07T04:00:00Z')
    const forward = buildTimeline(events, now)
    const backward = buildTimeline([...events].reverse(), now)
    expect(backward).toEqual(forward)
    const times = forward.milestones.map((m) =>
      Date.parse(m.actualAt ?? m.estimatedAt ?? m.plannedAt!),
    )
    expect(times).toEqual([...times].sort((a, b) => a - b))
  })

  it('knows the current leg and interpolates the position along it', () => {
    const t = buildTimeline(events, at('2026-05-07T16:00:00Z'))
    expect(t.currentLeg).toMatchObject({
      fromUNLocationCode: 'CNQZH',
      toUNLocationCode: 'SGSIN',
      modeOfTransport: 'VESSEL',
      departedAt: '2026-05-06T04:00:00.000Z',
      expectedArrivalAt: '2026-05-09T10:00:00.000Z',
    })
    // 36 h of a 78 h leg: a bit under half-way from Qinzhou (21.7 N) to Singapore (1.2 N).
    expect(t.position?.basis).toBe('interpolated')
    expect(t.position?.latitude).toBeGreaterThan(11)
    expect(t.position?.latitude).toBeLessThan(13)
  })

  it('shows the last location when not moving, and the customs status', () => {
    const t = buildTimeline(events.slice(0, 8), at('2026-05-02T09:00:00Z'))
    expect(t.currentLeg).toBeUndefined()
    expect(t.position).toMatchObject({ basis: 'at-location', UNLocationCode: 'CNCKG' })
    expect(t.customs.status).toBe('RELEASED')
    expect(t.customs.declarations).toHaveLength(1)
  })

  it('reports a customs hold while the declaration is held', () => {
    const lodged = events[4] as Extract<TrackingEvent, { eventType: 'SHIPMENT' }>
    const held = {
      ...lodged,
      eventID: '0190a5f2-7c1e-7aaa-8a1b-00000000aaaa',
      shipmentEventTypeCode: 'HOLD',
      eventDateTime: '2026-05-01T12:00:00Z',
      customsMilestone: { ...lodged.customsMilestone!, milestoneCode: 'HELD' },
    } as TrackingEvent
    const t = buildTimeline([lodged, held], at('2026-05-01T13:00:00Z'))
    expect(t.customs.status).toBe('HELD')
    const released = buildTimeline([...events.slice(4, 6), held], at('2026-05-03T00:00:00Z'))
    expect(released.customs.status).toBe('RELEASED')
  })
})
