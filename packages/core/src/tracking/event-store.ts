import type { PreparedEvent } from './event-batch.js'
import type { TrackingIssue } from './tracking-error.js'
import type { TrackingEvent } from './tracking-event.js'

/** An event as the node holds it: the event and the ledger leaf that commits to it. */
export interface StoredEvent {
  readonly event: TrackingEvent
  readonly leafIndex: number
}

/** What a store did with a set of prepared events, by eventID. */
export interface StoreIngestResult {
  readonly accepted: readonly { readonly eventID: string; readonly leafIndex: number }[]
  /** Already stored with identical content: nothing written (idempotent retry). */
  readonly duplicates: readonly string[]
  readonly rejected: readonly {
    readonly eventID: string
    readonly issues: readonly TrackingIssue[]
  }[]
}

/** Filters of {@link EventStore.listEvents} (T&T 2.2 `GET /v2/events` query parameters). */
export interface EventQuery {
  readonly eventType?: TrackingEvent['eventType']
  readonly shipmentKey?: string
  readonly equipmentReference?: string
  readonly transportCallID?: string
  readonly UNLocationCode?: string
  readonly typeCode?: string
  /** Only events whose leaf index is greater (a cursor over arrival order). */
  readonly afterLeafIndex?: number
  readonly limit?: number
}

/** A shipment the node has events for. */
export interface ShipmentSummary {
  readonly shipmentKey: string
  readonly eventCount: number
  readonly firstEventAt: string
  readonly lastEventAt: string
}

/**
 * Port: where accepted tracking events live. `ingest` is atomic per call: each accepted event
 * is stored and appended to the ledger as a `tracking-event` leaf in one transaction.
 */
export interface EventStore {
  ingest(events: readonly PreparedEvent[]): Promise<StoreIngestResult>
  getEvent(eventID: string): Promise<StoredEvent | undefined>
  listEvents(query: EventQuery): Promise<readonly StoredEvent[]>
  /** A shipment's events in event-time order. */
  eventsOfShipment(shipmentKey: string): Promise<readonly StoredEvent[]>
  /** A container's events in event-time order. */
  eventsOfEquipment(equipmentReference: string): Promise<readonly StoredEvent[]>
  /** Shipments with events, latest first; only `shipmentKeys` when given. */
  listShipments(options?: {
    readonly limit?: number
    readonly shipmentKeys?: readonly string[]
  }): Promise<readonly ShipmentSummary[]>
}
