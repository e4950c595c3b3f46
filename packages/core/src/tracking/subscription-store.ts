import type { LocatedPersonalValues } from '../privacy/data-map.js'
import type { Subscription } from './subscription.js'

/** A subscription as stored: who owns it and the shared secret its webhooks are signed with. */
export interface StoredSubscription extends Subscription {
  readonly owner: string
  readonly secret: string
}

/** What a delivery carries: matched events (a T&T 2.2 notification) or an alert. */
export type DeliveryKind = 'EVENTS' | 'ALERT'

/** Where a delivery stands: waiting (first try or retry), delivered, or given up. */
export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED'

/** One webhook delivery and its attempts: the delivery log. */
export interface Delivery {
  readonly deliveryID: string
  readonly subscriptionID: string
  readonly kind: DeliveryKind
  /** The exact body POSTed, whose bytes the signature covers. */
  readonly payload: string
  readonly status: DeliveryStatus
  readonly attempts: number
  readonly nextAttemptMs: number
  readonly lastStatusCode?: number
  readonly lastError?: string
  readonly createdAt: string
  readonly deliveredAt?: string
  /**
   * What the privacy gate decided when the delivery was enqueued (docs/privacy.md, "Channels"):
   * the payload is then what may be sent. Absent: the gate decides at send.
   */
  readonly privacyDecision?: string
  /**
   * In memory only, never stored: the value `payload` serialises, as the ingest holds it (its
   * matched events), so that the privacy gate finds the personal values without parsing the text.
   */
  readonly body?: unknown
  /**
   * In memory only, never stored: the keyed hashes the ingest's event vault computed of the
   * subjects in `body` (normalised identifier → hash), so that the gate does not compute them again.
   * Absent, or missing an identifier (after a restart, in reconcile): the gate computes its own.
   */
  readonly subjectHashes?: ReadonlyMap<string, string>
  /**
   * In memory only, never stored: the personal values the ingest found in `body` (pointers into
   * `body`) and their subjects' identifiers, so that the gate does not search `body` again. Absent
   * (after a restart, in reconcile, a delivery not from an ingest): the gate searches it.
   */
  readonly personalValues?: LocatedPersonalValues
}

/** The outcome of one attempt, as {@link SubscriptionStore.recordAttempt} stores it. */
export interface DeliveryAttempt {
  readonly status: DeliveryStatus
  readonly attempts: number
  readonly nextAttemptMs: number
  readonly lastStatusCode?: number
  readonly lastError?: string
  readonly deliveredAt?: string
}

/** Port: subscriptions, the delivery queue and log, and the last predicted arrival per shipment. */
export interface SubscriptionStore {
  create(subscription: StoredSubscription): Promise<void>
  get(subscriptionID: string): Promise<StoredSubscription | undefined>
  list(options?: { readonly owner?: string }): Promise<readonly StoredSubscription[]>
  delete(subscriptionID: string): Promise<boolean>
  enqueue(deliveries: readonly Delivery[]): Promise<void>
  /** Pending deliveries whose next attempt is due, oldest first. */
  due(nowMs: number, limit: number): Promise<readonly Delivery[]>
  /**
   * Takes up to `limit` due deliveries for this process alone: their next attempt moves to
   * `nowMs + leaseMs` in the same statement that selects them, so another process sharing the
   * database skips them (PostgreSQL: `FOR UPDATE SKIP LOCKED`) until the lease runs out. A worker
   * that dies mid-delivery only delays the delivery by the lease.
   */
  lease(nowMs: number, limit: number, leaseMs: number): Promise<readonly Delivery[]>
  recordAttempt(deliveryID: string, attempt: DeliveryAttempt): Promise<void>
  deliveries(
    subscriptionID: string,
    options?: { readonly limit?: number },
  ): Promise<readonly Delivery[]>
  lastEta(shipmentKey: string): Promise<number | undefined>
  saveEta(shipmentKey: string, etaP50Ms: number, predictedAt: string): Promise<void>
}
