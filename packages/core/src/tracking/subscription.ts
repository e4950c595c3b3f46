import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { EVENT_TYPES, isCode, type EventType } from './codes.js'
import type { TrackingIssue } from './tracking-error.js'
import {
  equipmentReferenceOf,
  shipmentKeyOf,
  transportDocumentReferenceOf,
  type TrackingEvent,
} from './tracking-event.js'

/** What a subscriber wants to hear about. Every filter given must match (AND); none means all. */
export interface SubscriptionFilter {
  readonly shipmentKey?: string
  readonly transportDocumentReference?: string
  readonly equipmentReference?: string
  readonly eventTypes?: readonly EventType[]
}

/** Alert thresholds of a subscription; absent thresholds raise no alert of that kind. */
export interface AlertThresholds {
  /** Alert when a milestone is this many hours or more behind plan. */
  readonly delayHours?: number
  /** Alert when the predicted final arrival (P50) moves by this many hours or more. */
  readonly etaChangeHours?: number
  /** Alert on a customs hold (default true). */
  readonly isCustomsHoldAlert?: boolean
}

/** A webhook subscription (the T&T 2.2 `/v2/event-subscriptions` idea, with alerts). */
export interface Subscription {
  readonly subscriptionID: string
  readonly callbackUrl: string
  readonly filter: SubscriptionFilter
  readonly alerts: AlertThresholds
  readonly createdDateTime: string
}

/** True when the event passes every filter of the subscription. */
export function matchesSubscription(filter: SubscriptionFilter, event: TrackingEvent): boolean {
  if (filter.shipmentKey !== undefined && shipmentKeyOf(event) !== filter.shipmentKey) return false
  if (
    filter.transportDocumentReference !== undefined &&
    transportDocumentReferenceOf(event) !== filter.transportDocumentReference
  ) {
    return false
  }
  if (
    filter.equipmentReference !== undefined &&
    equipmentReferenceOf(event) !== filter.equipmentReference
  ) {
    return false
  }
  if (filter.eventTypes !== undefined && !filter.eventTypes.includes(event.eventType)) return false
  return true
}

/**
 * Checks a subscription request: an http(s) callback URL and well-formed filters and thresholds.
 * Returns the issues; an empty list means valid.
 */
export function validateSubscriptionRequest(input: {
  readonly callbackUrl: string
  readonly filter?: SubscriptionFilter
  readonly alerts?: AlertThresholds
}): readonly TrackingIssue[] {
  const issues: TrackingIssue[] = []
  let url: URL | undefined
  try {
    url = new URL(input.callbackUrl)
  } catch {
    url = undefined
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    issues.push({
      path: '/callbackUrl',
      code: 'TRACKING_SUBSCRIPTION_INVALID',
      message: 'callbackUrl must be an http or https URL',
    })
  }
  for (const t of input.filter?.eventTypes ?? []) {
    if (!isCode(EVENT_TYPES, t)) {
      issues.push({
        path: '/filter/eventTypes',
        code: 'TRACKING_UNKNOWN_CODE',
        message: `eventType ${JSON.stringify(t)} is not one of ${EVENT_TYPES.join(', ')}`,
      })
    }
  }
  for (const key of ['delayHours', 'etaChangeHours'] as const) {
    const v = input.alerts?.[key]
    if (v !== undefined && !(Number.isFinite(v) && v > 0)) {
      issues.push({
        path: `/alerts/${key}`,
        code: 'TRACKING_SUBSCRIPTION_INVALID',
        message: `${key} must be a positive number of hours`,
      })
    }
  }
  return issues
}

/**
 * The `Notification-Signature` header value DCSA T&T 2.2 prescribes: `sha256=` and the hex
 * HMAC-SHA256 of the exact body bytes under the subscription's shared secret.
 */
export function signNotification(body: string | Uint8Array, secret: string | Uint8Array): string {
  const enc = new TextEncoder()
  const key = typeof secret === 'string' ? enc.encode(secret) : secret
  const msg = typeof body === 'string' ? enc.encode(body) : body
  return `sha256=${bytesToHex(hmac(sha256, key, msg))}`
}

/** Checks a `Notification-Signature` in constant time over the hex digits. */
export function verifyNotificationSignature(
  body: string | Uint8Array,
  secret: string | Uint8Array,
  header: string,
): boolean {
  const expected = signNotification(body, secret)
  if (header.length !== expected.length) return false
  let diff = 0
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ header.charCodeAt(i)
  return diff === 0
}

/** Options of {@link retryDelayMs}. */
export interface RetryPolicy {
  readonly baseDelayMs?: number
  readonly maxDelayMs?: number
  readonly maxAttempts?: number
}

/**
 * Delay before retry number `attempt` (1 = first retry): exponential backoff, base × 2^(attempt-1),
 * capped; undefined when the attempts are used up and the delivery is given up.
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy = {}): number | undefined {
  const { baseDelayMs = 1_000, maxDelayMs = 3_600_000, maxAttempts = 8 } = policy
  if (attempt < 1 || attempt >= maxAttempts) return undefined
  return Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1))
}
