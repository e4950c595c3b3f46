import type { EventWrite } from './ingest-plan.js'
import type { TransportMilestoneTime } from './time-consistency.js'
import type { TrackingEvent } from './tracking-event.js'

/** An event as the node holds it: the event and the ledger leaf that commits to it. */
export interface StoredEvent {
  readonly event: TrackingEvent
  readonly leafIndex: number
  /**
   * The event as its ledger leaf holds it, when a read put personal values back in `event` (their
   * commitments stand in the leaf: docs/privacy.md). Proofs are over this form.
   */
  readonly leafBody?: TrackingEvent
}

/** What the store holds of some events, read when an ingest is planned. */
export interface EventFacts {
  /** The content hashes of the stored events among these (lower-case) eventIDs, by eventID. */
  findContentHashes(eventIDs: readonly string[]): Promise<ReadonlyMap<string, string>>
  /** The stored actual (ACT) TRANSPORT events of these shipments, by shipment key. */
  findTransportTimes(
    shipmentKeys: readonly string[],
  ): Promise<ReadonlyMap<string, readonly TransportMilestoneTime[]>>
}

/** What {@link EventStore.appendPlanned} did: the plan, and the leaf index of its first write. */
export interface AppendPlannedResult<P> {
  readonly plan: P
  /** The first written event's leaf; the rest follow it in order (meaningless with no writes). */
  readonly firstLeafIndex: number
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
 * Port: where accepted tracking events live. It decides nothing: `storeEvents` plans an ingest
 * from what the facts report, and `appendPlanned` reads them and writes the plan atomically.
 */
export interface EventStore extends EventFacts {
  /**
   * Plans an ingest and writes what it plans in one transaction that takes the ledger head
   * first: `plan` reads the store through `facts` inside that transaction, so no other append
   * (event or title action) commits between its reads and the write, and two concurrent batches
   * are judged one after the other (eventID repeats, the time rules). Each event commits with its
   * leaf or not at all.
   */
  appendPlanned<P extends { readonly writes: readonly EventWrite[] }>(
    plan: (facts: EventFacts) => Promise<P>,
  ): Promise<AppendPlannedResult<P>>
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
