import { describe, expect, it } from 'vitest'
import journey from './fixtures/corridor-journey.json' with { type: 'json' }
import { detectAlerts } from './alerts.js'
import { buildTimeline } from './timeline.js'
import type { TrackingEvent } from './tracking-event.js'

const events = journey as unknown as TrackingEvent[]
const now = Date.parse('2026-05-10T00:00:00Z')

describe('detectAlerts', () => {
  it('raises a delay alert when the delay crosses the threshold, once', () => {
    const before = buildTimeline(events.slice(0, 9), now)
    const after = buildTimeline(events.slice(0, 11), now)
    expect(after.delayHours).toBeGreaterThan(4)
    const alerts = detectAlerts({ before, after, thresholds: { delayHours: 3 } })
    expect(alerts.map((a) => a.kind)).toEqual(['DELAY'])
    expect(detectAlerts({ before: after, after, thresholds: { delayHours: 3 } })).toEqual([])
    expect(detectAlerts({ before, after, thresholds: { delayHours: 6 } })).toEqual([])
  })

  it('raises a customs hold alert', () => {
    const lodged = events[4] as Extract<TrackingEvent, { eventType: 'SHIPMENT' }>
    const held = {
      ...lodged,
      eventID: '0190a5f2-7c1e-7aaa-8a1b-00000000aaaa',
      shipmentEventTypeCode: 'HOLD',
      eventDateTime: '2026-05-01T12:00:00Z',
      customsMilestone: { ...lodged.customsMilestone!, milestoneCode: 'HELD' },
    } as TrackingEvent
    const before = buildTimeline([lodged], now)
    const after = buildTimeline([lodged, held], now)
    expect(detectAlerts({ before, after, thresholds: {} }).map((a) => a.kind)).toEqual([
      'CUSTOMS_HOLD',
    ])
    expect(detectAlerts({ before, after, thresholds: { isCustomsHoldAlert: false } })).toEqual([])
  })

  it('raises an ETA change alert beyond the threshold', () => {
    const t = buildTimeline(events, now)
    const base = { before: t, after: t, previousEtaP50Ms: now }
    expect(
      detectAlerts({ ...base, etaP50Ms: now + 13 * 3_600_000, thresholds: { etaChangeHours: 12 } }),
    ).toMatchObject([{ kind: 'ETA_CHANGE', etaChangeHours: 13 }])
    expect(
      detectAlerts({ ...base, etaP50Ms: now + 11 * 3_600_000, thresholds: { etaChangeHours: 12 } }),
    ).toEqual([])
  })
})
