import type { EventFacts, EventStore } from './event-store.js'
import {
  prepareEventBatch,
  type BatchItem,
  type PrepareOptions,
  type PreparedEvent,
  type RejectedEvent,
} from './event-batch.js'
import { planIngest, shipmentsToCheck, type IngestPlan } from './ingest-plan.js'
import type { TrackingIssue } from './tracking-error.js'

/** What became of a set of prepared events in the store, by eventID. */
export interface StoreIngestResult {
  readonly accepted: readonly { readonly eventID: string; readonly leafIndex: number }[]
  /** Already stored with identical content: nothing written (idempotent retry). */
  readonly duplicates: readonly string[]
  readonly rejected: readonly {
    readonly eventID: string
    readonly issues: readonly TrackingIssue[]
  }[]
}

/** The answer to a batch: what was kept, what was a repeat, what was refused and why. */
export interface IngestReport {
  readonly accepted: number
  readonly acceptedEvents: readonly { readonly eventID: string; readonly leafIndex: number }[]
  readonly duplicates: readonly string[]
  readonly rejected: readonly RejectedEvent[]
}

/**
 * Validates a batch and stores its valid events: idempotent by eventID (repeats are reported as
 * duplicates, a reused ID with other content is rejected), impossible times rejected, every
 * valid event kept even when others in the batch fail. Returns the accepted events too, for
 * notifications.
 */
export async function ingestEvents(
  store: EventStore,
  items: readonly BatchItem[],
  options: PrepareOptions & { readonly maxEvents?: number } = {},
): Promise<IngestReport & { readonly prepared: readonly PreparedEvent[] }> {
  const batch = prepareEventBatch(items, options)
  const indexOf = new Map<string, number>()
  items.forEach((item) => {
    const id = (item as { value?: { eventID?: unknown } }).value?.eventID
    if (typeof id === 'string' && !indexOf.has(id.toLowerCase()))
      indexOf.set(id.toLowerCase(), item.index)
  })
  const stored = batch.valid.length > 0 ? await storeEvents(store, batch.valid) : undefined
  const acceptedIds = new Set(stored?.accepted.map((a) => a.eventID))
  const rejected: RejectedEvent[] = [
    ...batch.rejected,
    ...(stored?.rejected ?? []).map((r) => ({
      index: indexOf.get(r.eventID) ?? -1,
      eventID: r.eventID,
      issues: r.issues,
    })),
  ].sort((a, b) => a.index - b.index)
  return {
    accepted: stored?.accepted.length ?? 0,
    acceptedEvents: stored?.accepted ?? [],
    duplicates: [...batch.duplicates.map((d) => d.eventID), ...(stored?.duplicates ?? [])],
    rejected,
    prepared: batch.valid.filter((e) => acceptedIds.has(e.eventID)),
  }
}

/**
 * Stores prepared events (the first occurrence of each eventID): plans them against what the
 * store holds for them ({@link planIngest}) and writes the new ones with their leaves, the reads
 * and the write in one transaction that holds the ledger head. A concurrent ingest of the same
 * eventIDs or of contradictory times for the same shipment is therefore judged after this one
 * commits: its repeats are duplicates or conflicts, its impossible times are refused.
 */
export async function storeEvents(
  store: EventStore,
  events: readonly PreparedEvent[],
): Promise<StoreIngestResult> {
  const { plan, firstLeafIndex } = await store.appendPlanned((facts) =>
    planAgainstStore(facts, events),
  )
  const accepted = plan.writes.map((w, i) => ({
    eventID: w.event.eventID,
    leafIndex: firstLeafIndex + i,
  }))
  return { accepted, duplicates: plan.duplicates, rejected: plan.rejected }
}

async function planAgainstStore(
  facts: EventFacts,
  events: readonly PreparedEvent[],
): Promise<IngestPlan> {
  const contentHashes = await facts.findContentHashes(events.map((e) => e.eventID))
  const keys = shipmentsToCheck(events, contentHashes)
  const transportTimes = keys.length > 0 ? await facts.findTransportTimes(keys) : new Map()
  return planIngest(events, { contentHashes, transportTimes })
}
