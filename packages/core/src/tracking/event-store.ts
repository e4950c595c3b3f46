import type { EventWrite } from './ingest-plan.js'
import type { TransportMilestoneTime } from './time-consistency.js'
import type { TrackingEvent } from './tracking-event.js'

/** An event as the node holds it: the event and the ledger leaf that commits to it. */
export interface StoredEvent {
  readonly event: TrackingEvent
  readonly leafIndex: number
}

/**
 * What {@link EventStore.appendEvents} did: wrote every event and its leaf (the first at
 * `firstLeafIndex`, the rest after it in order), or nothing because one of the eventIDs was
 * stored meanwhile by a concurrent ingest.
 */
export type AppendEventsResult =
  { readonly isWritten: true; readonly firstLeafIndex: number } | { readonly isWritten: false }

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
 * Port: where accepted tracking events live. It decides nothing: `storeEvents` plans an ingest
 * from what the find methods report, and `appendEvents` writes the plan atomically.
 */
export interface EventStore {
  /** The content hashes of the stored events among these (lower-case) eventIDs, by eventID. */
  findContentHashes(eventIDs: readonly string[]): Promise<ReadonlyMap<string, string>>
  /** The stored actual (ACT) TRANSPORT events of these shipments, by shipment key. */
  findTransportTimes(
    shipmentKeys: readonly string[],
  ): Promise<ReadonlyMap<string, readonly TransportMilestoneTime[]>>
  /**
   * Stores events and appends their leaves, in order, in one transaction: each event commits
   * with its leaf or not at all. The eventID is unique, so of two concurrent appends of one
   * event only one writes it.
   */
  appendEvents(writes: readonly EventWrite[]): Promise<AppendEventsResult>
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
