import { buildTimeline, type TrackingEvent } from '@landsea/core/tracking'
import { describe, expect, it } from 'vitest'
import journey from './fixtures/corridor-journey.json'
import { readShipmentView } from './shipments-api.js'

const events = journey as unknown as TrackingEvent[]
const view = (nowIso: string, list: readonly TrackingEvent[] = events) =>
  readShipmentView({ key: 'LSCKG2605001', timeline: buildTimeline(list, Date.parse(nowIso)) })

describe('readShipmentView', () => {
  it('reads a core timeline of the corridor journey: route, position, customs, milestones in time order', () => {
    const s = view('2026-05-07T00:00:00Z')!
    expect(s).toMatchObject({
      id: 'LSCKG2605001',
      origin: 'CNCKG',
      destination: 'SGSIN',
      customsStatus: 'RELEASED',
    })
    expect(s.position).toBeDefined()
    expect(s.currentMode).toBe('VESSEL')
    const times = s.milestones.map((m) =>
      Date.parse(m.actualAt ?? m.estimatedAt ?? m.plannedAt ?? ''),
    )
    expect(times).toEqual([...times].sort((a, b) => a - b))
    expect(
      s.milestones.find((m) => m.typeCode === 'DEPA' && m.UNLocationCode === 'CNCKG'),
    ).toMatchObject({
      plannedAt: '2026-05-02T10:00:00.000Z',
      actualAt: '2026-05-02T11:00:00.000Z',
    })
    expect(s.customs.map((d) => d.milestoneCode)).toEqual(['RELEASED'])
  })

  it('colours it by tone: on time within the threshold, delayed past it, held by customs', () => {
    // Departed Qinzhou 6 h late (plan 22:00, actual 04:00): at the threshold, so delayed.
    expect(view('2026-05-07T00:00:00Z')!.tone).toBe('delayed')
    // The plans and what happened by the end of the rail leg: 1 h late out, 4 h 10 min late in.
    const railOnly = events.filter(
      (e) =>
        e.eventClassifierCode === 'PLN' ||
        Date.parse(e.eventDateTime) <= Date.parse('2026-05-04T15:00:00Z'),
    )
    expect(view('2026-05-04T15:00:00Z', railOnly)!.tone).toBe('on-time')
    const plans = events.filter((e) => e.eventClassifierCode === 'PLN')
    expect(view('2026-05-01T00:00:00Z', plans)!.tone).toBe('planned')
    const held = [
      ...railOnly,
      {
        ...events.find(
          (e) => e.eventType === 'SHIPMENT' && e.customsMilestone?.milestoneCode === 'RELEASED',
        )!,
        eventID: '0190a5f2-7c1e-7001-8a1b-0000000000ff',
        eventDateTime: '2026-05-04T16:00:00Z',
        customsMilestone: { declarationNumber: 'SG-IMP-1', authority: 'SG', milestoneCode: 'HELD' },
      } as unknown as TrackingEvent,
    ]
    expect(view('2026-05-04T17:00:00Z', held)!.tone).toBe('customs-hold')
  })

  it('drops what it cannot read instead of throwing', () => {
    expect(readShipmentView(null)).toBeNull()
    expect(readShipmentView({ timeline: {} })).toBeNull()
    const odd = readShipmentView({
      key: 'K',
      timeline: { milestones: [1, { key: 'x' }], customs: 'no', position: { longitude: 'a' } },
      eta: { finalArrival: { p50: 3 } },
    })!
    expect(odd).toMatchObject({
      id: 'K',
      milestones: [],
      customs: [],
      position: undefined,
      finalArrival: undefined,
      tone: 'planned',
    })
  })
})
