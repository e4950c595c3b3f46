import { describe, expect, it } from 'vitest'
import journey from './fixtures/corridor-journey.json' with { type: 'json' }
import {
  matchesSubscription,
  retryDelayMs,
  signNotification,
  validateSubscriptionRequest,
  verifyNotificationSignature,
} from './subscription.js'
import type { TrackingEvent } from './tracking-event.js'

const events = journey as unknown as TrackingEvent[]

describe('webhook signature', () => {
  it('is the hex HMAC-SHA256 of the body (RFC 4231 test case 2)', () => {
    expect(signNotification('what do ya want for nothing?', 'Jefe')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    )
  })

  it('verifies the right body and refuses a changed one', () => {
    const sig = signNotification('{"a":1}', 'secret')
    expect(verifyNotificationSignature('{"a":1}', 'secret', sig)).toBe(true)
    expect(verifyNotificationSignature('{"a":2}', 'secret', sig)).toBe(false)
    expect(verifyNotificationSignature('{"a":1}', 'other', sig)).toBe(false)
  })
})

describe('subscription filters', () => {
  it('matches by bill, container and event type', () => {
    const gateIn = events[6]!
    expect(matchesSubscription({ transportDocumentReference: 'LSCKG2605001' }, gateIn)).toBe(true)
    expect(matchesSubscription({ equipmentReference: 'APZU4812090' }, gateIn)).toBe(true)
    expect(matchesSubscription({ equipmentReference: 'CSQU3054383' }, gateIn)).toBe(false)
    expect(matchesSubscription({ eventTypes: ['TRANSPORT'] }, gateIn)).toBe(false)
    expect(matchesSubscription({}, gateIn)).toBe(true)
  })

  it('validates callback URLs, event types and thresholds', () => {
    expect(validateSubscriptionRequest({ callbackUrl: 'http://127.0.0.1:9/hook' })).toEqual([])
    const issues = validateSubscriptionRequest({
      callbackUrl: 'ftp://x',
      filter: { eventTypes: ['BOGUS' as never] },
      alerts: { delayHours: -1 },
    })
    expect(issues.map((i) => i.path)).toEqual([
      '/callbackUrl',
      '/filter/eventTypes',
      '/alerts/delayHours',
    ])
  })
})

describe('retryDelayMs', () => {
  it('backs off exponentially, caps, and gives up', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 500, maxAttempts: 5 }
    expect([1, 2, 3, 4, 5].map((a) => retryDelayMs(a, policy))).toEqual([
      100,
      200,
      400,
      500,
      undefined,
    ])
  })
})
