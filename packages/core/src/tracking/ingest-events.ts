import type { EventStore } from './event-store.js'
import {
  prepareEventBatch,
  type BatchItem,
  type PrepareOptions,
  type PreparedEvent,
  type RejectedEvent,
} from './event-batch.js'

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
  const stored = batch.valid.length > 0 ? await store.ingest(batch.valid) : undefined
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
