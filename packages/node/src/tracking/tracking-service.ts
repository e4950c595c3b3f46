import { nativeSha256Hex } from '../crypto/node-sha256.js'
import {
  chooseNowcasts,
  createNowcast,
  estimateEta,
  journeyFromEvents,
  learnEtaModel,
  recentCalibrationOf,
  type EtaEstimate,
  type EtaModel,
  type Journey,
  type Nowcast,
  type RollingCalibration,
} from '@landsea/core/eta'
import {
  computeJourneyEmissions,
  journeyOf,
  type Consignment,
  type ShipmentEmissions,
} from '@landsea/core/emissions'
import { encodeLeaf, hashLeaf } from '@landsea/core/ledger'
import {
  buildTimeline,
  detectAlerts,
  ingestEvents,
  matchesSubscription,
  shipmentKeyOf,
  TrackingError,
  type BatchItem,
  type Delivery,
  type EventStore,
  type IngestReport,
  type ObjectEventStore,
  type StoredEvent,
  type StoredSubscription,
  type SubscriptionStore,
  type Timeline,
  type TrackingEvent,
  type TrackingIssue,
  type ValidateEventOptions,
  unknownLocationWarnings,
} from '@landsea/core/tracking'
import type { LedgerStore } from '@landsea/core/ledger'
import type { LocatedPersonalValues } from '@landsea/core/privacy'
import { toBase64 } from '@landsea/core/crypto'
import { v7 as uuidv7 } from 'uuid'
import { readEpcisDocument } from '../standards/epcis-document.js'
import { isKnownPlace, locatePlace } from '../standards/un-locode.js'
import { addObjectEvents, objectEventsOf, type ObjectEventsView } from './object-events.js'

/** A shipment's or container's timeline with its prediction, as the API returns it. */
export interface TimelineView {
  readonly key: string
  readonly timeline: Timeline
  readonly eta: EtaEstimate | undefined
  readonly events: readonly TrackingEvent[]
}

/** Proof that each event of a shipment is in the node's ledger. */
export interface TimelineProofs {
  readonly shipmentKey: string
  readonly treeSize: number
  readonly rootHash: string
  readonly checkpoint?: string
  readonly events: readonly {
    readonly event: TrackingEvent
    readonly leafIndex: number
    readonly leafHash: string
    readonly inclusionProof: readonly string[]
  }[]
}

/**
 * An ingest report with the warnings of the accepted events: well-formed UN/LOCODEs the location
 * table does not hold (stored, but not on the map).
 */
export interface IngestReportWithWarnings extends IngestReport {
  readonly warnings: readonly {
    readonly eventID: string
    readonly issues: readonly TrackingIssue[]
  }[]
}

/** The visibility use cases of a node: ingest, timelines, ETA, proofs, notifications. */
export interface TrackingService {
  readonly events: EventStore
  ingest(items: readonly BatchItem[]): Promise<IngestReportWithWarnings>
  /**
   * Imports an EPCIS 2.0 document: checked against GS1's schema, then its container events are
   * ingested as T&T events and its other events kept as events of the GS1-keyed objects they
   * name; the report's rejections, those of mapping and of validation alike, are by position in
   * `epcisBody.eventList`.
   */
  ingestEpcis(document: unknown): Promise<IngestReportWithWarnings>
  /** The EPCIS events naming an object, by any URI form of its key (see objectKeyOf). */
  objectEvents(uri: string): Promise<ObjectEventsView>
  /** Every shipment's journey the node holds (for ETA evaluation), from its TRANSPORT events. */
  journeys(): Promise<Journey[]>
  shipmentTimeline(shipmentKey: string): Promise<TimelineView>
  /** A container's timeline, over the events `isVisible` keeps (default: all). */
  containerTimeline(
    equipmentReference: string,
    isVisible?: (event: TrackingEvent) => boolean,
  ): Promise<TimelineView>
  shipmentProofs(shipmentKey: string): Promise<TimelineProofs>
  /** GLEC v3 / ISO 14083 emissions of the legs the shipment's timeline shows. */
  shipmentEmissions(shipmentKey: string, consignment: Consignment): Promise<ShipmentEmissions>
  /** The ETA model learned from the node's completed shipments (cached, refreshed by age). */
  etaModel(): Promise<EtaModel>
}

/** What the node's estimates run with, learned from its history and reused for a while. */
interface Learned {
  readonly model: EtaModel
  readonly nowcast: Nowcast
  readonly calibration: RollingCalibration
  readonly atMs: number
}

/** Options of {@link createTrackingService}. */
export interface TrackingServiceOptions {
  readonly events: EventStore
  /** Where EPCIS events of GS1-keyed objects are kept. */
  readonly objects: ObjectEventStore
  readonly subscriptions: SubscriptionStore
  /**
   * Queues the webhook deliveries of an ingest, one batch (default: `subscriptions.enqueue`); the
   * privacy gate's decides each delivery there and records its transfers (docs/privacy.md).
   */
  readonly enqueue?: (
    deliveries: readonly Delivery[],
    subscriptions: readonly StoredSubscription[],
  ) => Promise<void>
  readonly ledger: LedgerStore
  readonly now?: () => number
  readonly maxBatchEvents?: number
  /** How long a learned ETA model is reused, ms. */
  readonly etaModelTtlMs?: number
  /** How many TRANSPORT events (oldest first) the ETA model learns from. */
  readonly etaHistoryEvents?: number
  /** The standard's schema, the first validation layer of every event (see validateTrackingEvent). */
  readonly validateStandard?: ValidateEventOptions['validateStandard']
  /**
   * Commits incoming events' personal values before they are stored (crypto-shredding,
   * docs/privacy.md); `events` should then be the vault's store, which opens them on read.
   */
  readonly personal?: {
    commit(items: readonly BatchItem[]): Promise<{
      readonly items: readonly BatchItem[]
      keep(stored: readonly string[]): Promise<void>
      open(event: TrackingEvent): TrackingEvent
      /** The subjects' keyed hashes it computed, handed to the webhooks' privacy gate. */
      readonly subjectHashes?: ReadonlyMap<string, string>
      /** The personal values of opened events sent as one body, for the webhooks' privacy gate. */
      personalValuesOf?(body: readonly TrackingEvent[]): LocatedPersonalValues | undefined
    }>
  }
}

/** Wires ingestion, timelines, proofs, ETA and webhook notifications over the stores. */
export function createTrackingService({
  events,
  objects,
  subscriptions,
  enqueue = (deliveries) => subscriptions.enqueue(deliveries),
  ledger,
  now = Date.now,
  maxBatchEvents,
  etaModelTtlMs = 10 * 60_000,
  etaHistoryEvents = 1_000_000,
  validateStandard,
  personal,
}: TrackingServiceOptions): TrackingService {
  let cached: Learned | undefined
  let relearning: Promise<Learned> | undefined

  async function etaModel(): Promise<EtaModel> {
    return (await learned()).model
  }

  /** Every shipment's journey, from its TRANSPORT events: the ETA needs no other (one query). */
  async function loadJourneys(limit: number): Promise<Journey[]> {
    const transport = await events.listEvents({ eventType: 'TRANSPORT', limit })
    const byShipment = new Map<string, TrackingEvent[]>()
    for (const { event } of transport) {
      const key = shipmentKeyOf(event)
      if (key === undefined) continue
      const list = byShipment.get(key)
      if (list) list.push(event)
      else byShipment.set(key, [event])
    }
    return [...byShipment].map(([key, list]) => journeyFromEvents(key, list))
  }

  /**
   * The model, the nowcast of the corridor (from every shipment's recent events) and the rolling
   * calibration of the band (from the node's recently completed journeys), cached.
   */
  async function learned(): Promise<Learned> {
    if (cached && now() - cached.atMs < etaModelTtlMs) return cached
    // Reads that find the cache stale while it is being learned wait for that one learning.
    relearning ??= relearn().finally(() => (relearning = undefined))
    return relearning
  }

  async function relearn(): Promise<Learned> {
    const journeys = await loadJourneys(etaHistoryEvents)
    const atMs = now()
    // Departures' carry-over where it beat the 7-day window on this history (docs/tracking.md).
    const model = chooseNowcasts(learnEtaModel({ journeys, isDepartureCarry: true }), journeys)
    const nowcast = createNowcast({ model, journeys })
    const calibration = recentCalibrationOf(model, journeys, nowcast, { nowMs: atMs })
    cached = { model, nowcast, calibration, atMs }
    return cached
  }

  async function estimate(key: string, list: readonly TrackingEvent[], nowMs: number) {
    const { model, nowcast, calibration } = await learned()
    return estimateEta(model, journeyFromEvents(key, list), { nowMs, nowcast, calibration })
  }

  async function view(key: string, stored: readonly StoredEvent[]): Promise<TimelineView> {
    if (stored.length === 0) throw new TrackingError('TRACKING_NOT_FOUND', `no events for ${key}`)
    const list = stored.map((s) => s.event)
    const nowMs = now()
    const eta = await estimate(key, list, nowMs)
    return { key, timeline: buildTimeline(list, nowMs, locatePlace), eta, events: list }
  }

  async function notify(
    accepted: readonly TrackingEvent[],
    subjectHashes?: ReadonlyMap<string, string>,
    personalValuesOf?: (body: readonly TrackingEvent[]) => LocatedPersonalValues | undefined,
  ): Promise<void> {
    const subs = await subscriptions.list()
    if (subs.length === 0 || accepted.length === 0) return
    const createdAt = new Date(now()).toISOString()
    const deliveries: Delivery[] = []
    const newIds = new Set(accepted.map((e) => e.eventID))
    const etaAfter = new Map<string, number | undefined>()
    for (const sub of subs) {
      const matched = accepted.filter((e) => matchesSubscription(sub.filter, e))
      if (matched.length === 0) continue
      const personalValues = personalValuesOf?.(matched)
      const base = { subscriptionID: sub.subscriptionID, status: 'PENDING' as const, attempts: 0 }
      deliveries.push({
        ...base,
        deliveryID: uuidv7(),
        kind: 'EVENTS',
        payload: JSON.stringify(matched),
        body: matched,
        ...(subjectHashes?.size ? { subjectHashes } : {}),
        ...(personalValues ? { personalValues } : {}),
        nextAttemptMs: now(),
        createdAt,
      })
      const { delayHours, etaChangeHours, isCustomsHoldAlert = true } = sub.alerts
      if (delayHours === undefined && etaChangeHours === undefined && !isCustomsHoldAlert) continue
      const keys = new Set(matched.map(shipmentKeyOf).filter((k): k is string => k !== undefined))
      for (const key of keys) {
        const all = (await events.eventsOfShipment(key)).map((s) => s.event)
        const before = all.filter((e) => !newIds.has(e.eventID))
        const nowMs = now()
        let previousEtaP50Ms: number | undefined
        let etaP50Ms: number | undefined
        if (etaChangeHours !== undefined) {
          previousEtaP50Ms = await subscriptions.lastEta(key)
          if (!etaAfter.has(key)) {
            const p50 = (await estimate(key, all, nowMs)).finalArrival?.p50
            etaAfter.set(key, p50 !== undefined ? Date.parse(p50) : undefined)
          }
          etaP50Ms = etaAfter.get(key)
        }
        const alerts = detectAlerts({
          before: before.length > 0 ? buildTimeline(before, nowMs) : undefined,
          after: buildTimeline(all, nowMs),
          ...(previousEtaP50Ms !== undefined ? { previousEtaP50Ms } : {}),
          ...(etaP50Ms !== undefined ? { etaP50Ms } : {}),
          thresholds: sub.alerts,
        })
        for (const alert of alerts) {
          deliveries.push({
            ...base,
            deliveryID: uuidv7(),
            kind: 'ALERT',
            payload: JSON.stringify({
              subscriptionID: sub.subscriptionID,
              shipmentKey: key,
              alert,
              createdDateTime: createdAt,
            }),
            nextAttemptMs: now(),
            createdAt,
          })
        }
      }
    }
    for (const [key, ms] of etaAfter) {
      if (ms !== undefined) await subscriptions.saveEta(key, ms, createdAt)
    }
    if (deliveries.length > 0) await enqueue(deliveries, subs)
  }

  async function ingest(items: readonly BatchItem[]): Promise<IngestReportWithWarnings> {
    const committed = personal ? await personal.commit(items) : undefined
    const { prepared, ...report } = await ingestEvents(events, committed?.items ?? items, {
      sha256Hex: nativeSha256Hex,
      now,
      ...(validateStandard ? { validateStandard } : {}),
      ...(maxBatchEvents !== undefined ? { maxEvents: maxBatchEvents } : {}),
    })
    await committed?.keep(report.acceptedEvents.map((e) => e.eventID))
    await notify(
      prepared.map((p) => committed?.open(p.event) ?? p.event),
      committed?.subjectHashes,
      committed?.personalValuesOf?.bind(committed),
    )
    const warnings = prepared.flatMap((p) => {
      const issues = unknownLocationWarnings(p.event, isKnownPlace)
      return issues.length > 0 ? [{ eventID: p.eventID, issues }] : []
    })
    return { ...report, warnings }
  }

  return {
    events,
    ingest,
    journeys: () => loadJourneys(Number.MAX_SAFE_INTEGER),
    async ingestEpcis(document) {
      const mapped = readEpcisDocument(document)
      const { warnings, ...report } = await ingest(mapped.items)
      const all = await addObjectEvents(objects, mapped, report, now)
      const rejected = [...all.rejected, ...mapped.rejected].sort((a, b) => a.index - b.index)
      return { ...all, rejected, warnings }
    },
    objectEvents: (uri) => objectEventsOf(objects, uri),

    shipmentTimeline: async (key) => view(key, await events.eventsOfShipment(key)),
    containerTimeline: async (ref, isVisible = () => true) =>
      view(
        ref,
        (await events.eventsOfEquipment(ref)).filter((s) => isVisible(s.event)),
      ),
    etaModel,

    async shipmentEmissions(shipmentKey, consignment) {
      const stored = await events.eventsOfShipment(shipmentKey)
      if (stored.length === 0) {
        throw new TrackingError('TRACKING_NOT_FOUND', `no events for ${shipmentKey}`)
      }
      // The legs need the timeline only, not the ETA a timeline view also predicts.
      const { milestones } = buildTimeline(
        stored.map((s) => s.event),
        now(),
      )
      const { legs, gaps } = journeyOf(milestones)
      return computeJourneyEmissions(legs, consignment, { gaps })
    },

    async shipmentProofs(shipmentKey) {
      const stored = await events.eventsOfShipment(shipmentKey)
      if (stored.length === 0) {
        throw new TrackingError('TRACKING_NOT_FOUND', `no events for ${shipmentKey}`)
      }
      const checkpoint = await ledger.latestCheckpoint()
      // Prove against the latest signed checkpoint when it covers every event, else the head.
      const maxLeaf = Math.max(...stored.map((s) => s.leafIndex))
      const treeSize =
        checkpoint && checkpoint.treeSize > maxLeaf ? checkpoint.treeSize : await ledger.treeSize()
      const rootHash = await ledger.rootHash(treeSize)
      const proved = []
      for (const s of stored) {
        const proof = await ledger.inclusionProof(s.leafIndex, treeSize)
        // The leaf's form: personal values stand as their commitments (docs/privacy.md).
        const event = s.leafBody ?? s.event
        proved.push({
          event,
          leafIndex: s.leafIndex,
          leafHash: toBase64(hashLeaf(encodeLeaf({ type: 'tracking-event', body: event }))),
          inclusionProof: proof.hashes.map(toBase64),
        })
      }
      return {
        shipmentKey,
        treeSize,
        rootHash: toBase64(rootHash),
        ...(checkpoint && checkpoint.treeSize === treeSize ? { checkpoint: checkpoint.note } : {}),
        events: proved,
      }
    },
  }
}
