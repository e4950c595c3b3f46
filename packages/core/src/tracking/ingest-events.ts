import type { EventStore } from './event-store.js'
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
 * store holds for them ({@link planIngest}), then writes the new ones with their leaves in one
 * transaction. When a concurrent ingest stored one of them between the reads and the write,
 * nothing is written and the events are planned and written once more, so that the repeat is a
 * duplicate or a conflict like any other; the unique eventID stays the final arbiter.
 */
export async function storeEvents(
  store: EventStore,
  events: readonly PreparedEvent[],
): Promise<StoreIngestResult> {
  for (let attempt = 1; ; attempt++) {
    const plan = await planAgainstStore(store, events)
    const { duplicates, rejected } = plan
    if (plan.writes.length === 0) return { accepted: [], duplicates, rejected }
    const written = await store.appendEvents(plan.writes)
    if (written.isWritten) {
      const accepted = plan.writes.map((w, i) => ({
        eventID: w.event.eventID,
        leafIndex: written.firstLeafIndex + i,
      }))
      return { accepted, duplicates, rejected }
    }
    if (attempt === 2) throw new Error('concurrent ingests kept storing these eventIDs first')
  }
}

async function planAgainstStore(
  store: EventStore,
  events: readonly PreparedEvent[],
): Promise<IngestPlan> {
  const contentHashes = await store.findContentHashes(events.map((e) => e.eventID))
  const keys = shipmentsToCheck(events, contentHashes)
  const transportTimes = keys.length > 0 ? await store.findTransportTimes(keys) : new Map()
  return planIngest(events, { contentHashes, transportTimes })
}
