import { randomBytes } from 'node:crypto'
import {
  commitPersonalValue,
  createSalt,
  erasedPlaceholder,
  findPersonalData,
  type LocatedPersonalValues,
  type VaultEntry,
} from '@landsea/core/privacy'
import type { BatchItem, EventStore, StoredEvent, TrackingEvent } from '@landsea/core/tracking'
import { replaceAt, type VaultOptions } from './personal-vault.js'
import { subjectOfEach } from './subjects.js'
import { openValue, sealValue } from './vault-cipher.js'

/** The vault's record id of a tracking event (event IDs are stored lower-cased). */
export const eventRecordKey = (eventID: string) => `event:${eventID.toLowerCase()}`

/** An incoming batch with its events' personal values replaced by their commitments. */
export interface CommittedBatch {
  readonly items: readonly BatchItem[]
  /** Seals the values of the events the ingest stored (new ones, by eventID) into the vault. */
  keep(stored: readonly string[]): Promise<void>
  /** An incoming event as sent (its values back in place of the commitments): for notifications. */
  open(event: TrackingEvent): TrackingEvent
  /**
   * The personal values of events {@link open} returned, sent as one body (a JSON array: pointers
   * into it), and their subjects' identifiers, as the vault found them: handed to the privacy gate,
   * which then does not search the body again. Undefined if it did not open each of them.
   */
  personalValuesOf(body: readonly TrackingEvent[]): LocatedPersonalValues | undefined
  /**
   * The keyed hashes computed of this batch's subjects (normalised identifier → `subjectHash`):
   * handed with the events to the privacy gate, which then does not compute them again.
   */
  readonly subjectHashes: ReadonlyMap<string, string>
}

/**
 * Crypto-shredding of tracking events (docs/privacy.md): a T&T event's personal values (the data
 * map's: a door-delivery `address.name`) are replaced, in the stored event and its ledger leaf, by
 * the string `sha256:<hex>` of their salted commitment (T&T fields are strings: the object form of
 * a bill's commitment would not validate). Each value and its salt are sealed under the subject's
 * key; reads put the value back while the key lives, the placeholder once it is destroyed. The
 * leaf never held the value, so it verifies before and after erasure.
 */
export interface EventVault {
  commit(items: readonly BatchItem[]): Promise<CommittedBatch>
  /** The event store with personal values opened on read; `leafBody` keeps the committed form. */
  eventStore(inner: EventStore): EventStore
}

/** An event's values as the `index`th of a body (a JSON array). */
const prefixed = (index: number, values: LocatedPersonalValues): LocatedPersonalValues => ({
  found: values.found.map((f) => ({ ...f, path: `/${index}${f.path}` })),
  subjects: values.subjects,
  locator: values.locator,
})

const CHUNK = 500
const slot = (recordId: string, path: string) => `${recordId}\n${path}`

/** Creates the event vault over the privacy store; `subjectHash` is the node's keyed hash. */
export function createEventVault({
  store,
  locator,
  subjectHash,
  now = () => new Date(),
}: VaultOptions): EventVault {
  const found = (event: unknown) =>
    findPersonalData(event, locator()).filter((f) => f.value !== erasedPlaceholder(f.path))

  async function vaultOf(recordIds: readonly string[]): Promise<VaultEntry[]> {
    const rows: VaultEntry[] = []
    for (let i = 0; i < recordIds.length; i += CHUNK)
      rows.push(...(await store.vaultOf(recordIds.slice(i, i + CHUNK))))
    return rows
  }
  async function keysOf(rows: readonly VaultEntry[]): Promise<Map<string, Buffer | null>> {
    const keys = new Map<string, Buffer | null>()
    for (const subject of new Set(rows.map((r) => r.subjectHash))) {
      const key = await store.subjectKey(subject)
      keys.set(subject, key ? Buffer.from(key, 'base64') : null)
    }
    return keys
  }
  /** The value and salt sealed in a row, or undefined once its subject's key is destroyed. */
  const opened = (row: VaultEntry, keys: Map<string, Buffer | null>) => {
    const key = keys.get(row.subjectHash)
    if (!key || row.sealed === null) return undefined
    return JSON.parse(openValue(key, slot(row.recordId, row.path), row.sealed)) as {
      value: string
      salt: string
    }
  }

  async function commit(items: readonly BatchItem[]): Promise<CommittedBatch> {
    const personal = items.flatMap((item) => {
      const event = 'value' in item ? (item.value as { eventID?: unknown } | null) : null
      if (typeof event?.eventID !== 'string') return []
      const values = found(event)
      return values.length > 0 ? [{ item, eventID: event.eventID, values }] : []
    })
    if (personal.length === 0) {
      // Nothing opened: the gate's quick text check answers for these events.
      return {
        items,
        keep: async () => {},
        open: (e) => e,
        personalValuesOf: () => undefined,
        subjectHashes: new Map(),
      }
    }
    // A repeated event commits as it did the first time (same salts), so it stays a duplicate.
    const previousRows = await vaultOf(personal.map((p) => eventRecordKey(p.eventID)))
    const keys = await keysOf(previousRows)
    const previous = new Map(previousRows.map((r) => [slot(r.recordId, r.path), r]))
    const pending: VaultEntry[] = []
    const sent = new Map<string, string>()
    // Each value's subject (its normalised identifier), by slot, as `subjectOfEach` found it.
    const subjectOf = new Map<string, string>()
    const replaced = new Map<number, BatchItem>()
    const subjectHashes = new Map<string, string>()
    for (const { item, eventID, values } of personal) {
      const recordId = eventRecordKey(eventID)
      const subjects = subjectOfEach(values)
      const commitments = new Map<string, string>()
      for (const [i, { path, value }] of values.entries()) {
        sent.set(slot(recordId, path), value)
        subjectOf.set(slot(recordId, path), subjects[i]!)
        const before = previous.get(slot(recordId, path))
        const held = before && opened(before, keys)
        if (before && (held === undefined || held.value === value)) {
          // Held (same value), or erased: the stored event keeps its commitment.
          commitments.set(path, before.commitment)
          continue
        }
        const salt = createSalt()
        const commitment = commitPersonalValue(salt, value)
        const identifier = subjects[i]!
        let subject = subjectHashes.get(identifier)
        if (subject === undefined) {
          subject = await subjectHash(identifier)
          subjectHashes.set(identifier, subject)
        }
        const fresh = randomBytes(32).toString('base64')
        const key = await store.ensureSubjectKey(subject, fresh, now().toISOString())
        commitments.set(path, commitment)
        pending.push({
          recordId,
          path,
          subjectHash: subject,
          commitment,
          sealed: key
            ? sealValue(
                Buffer.from(key, 'base64'),
                slot(recordId, path),
                JSON.stringify({ value, salt }),
              )
            : null,
        })
      }
      const value = (item as { value: unknown }).value
      replaced.set(item.index, {
        index: item.index,
        value: replaceAt(value, [...commitments.keys()], (path) => commitments.get(path)),
      })
    }
    const located = new WeakMap<TrackingEvent, LocatedPersonalValues>()
    return {
      items: items.map((item) => replaced.get(item.index) ?? item),
      subjectHashes,
      async keep(stored) {
        const kept = new Set(stored.map(eventRecordKey))
        await store.putVault(pending.filter((e) => kept.has(e.recordId)))
      },
      open(event) {
        const recordId = eventRecordKey(event.eventID)
        const values = found(event)
        const back = values.map((f) => f.path).filter((p) => sent.has(slot(recordId, p)))
        const opened =
          back.length === 0
            ? event
            : (replaceAt(event, back, (p) => sent.get(slot(recordId, p))) as TrackingEvent)
        // What the gate would find in the opened event: these values, as sent, and their subjects
        // as the commit found them (every value committed: else the gate searches it itself).
        if (values.every((f) => subjectOf.has(slot(recordId, f.path)))) {
          located.set(opened, {
            found: values.map((f) => ({ ...f, value: sent.get(slot(recordId, f.path))! })),
            subjects: values.map((f) => subjectOf.get(slot(recordId, f.path))!),
            locator: locator(),
          })
        }
        return opened
      },
      personalValuesOf(body) {
        const each = body.map((event) => located.get(event))
        if (!each.every((e) => e !== undefined)) return undefined
        if (each.length === 1) return prefixed(0, each[0]!)
        return {
          found: each.flatMap((e, i) => prefixed(i, e).found),
          subjects: each.flatMap((e) => e.subjects),
          locator: each[0]!.locator,
        }
      },
    }
  }

  async function openEvents(stored: readonly StoredEvent[]): Promise<StoredEvent[]> {
    const candidates = stored.filter((s) => found(s.event).length > 0)
    if (candidates.length === 0) return [...stored]
    const rows = await vaultOf(candidates.map((s) => eventRecordKey(s.event.eventID)))
    if (rows.length === 0) return [...stored]
    const keys = await keysOf(rows)
    const byRecord = new Map<string, VaultEntry[]>()
    for (const row of rows) byRecord.set(row.recordId, [...(byRecord.get(row.recordId) ?? []), row])
    return stored.map((s) => {
      const own = byRecord.get(eventRecordKey(s.event.eventID))
      if (!own) return s
      const values = new Map(
        own.map((row) => [row.path, opened(row, keys)?.value ?? erasedPlaceholder(row.path)]),
      )
      const event = replaceAt(s.event, [...values.keys()], (p) => values.get(p)) as TrackingEvent
      return { ...s, event, leafBody: s.event }
    })
  }
  const one = async (s: StoredEvent | undefined) => (s ? (await openEvents([s]))[0] : undefined)

  return {
    commit,
    eventStore: (inner) => ({
      ...inner,
      getEvent: async (eventID) => one(await inner.getEvent(eventID)),
      listEvents: async (query) => openEvents(await inner.listEvents(query)),
      eventsOfShipment: async (key) => openEvents(await inner.eventsOfShipment(key)),
      eventsOfEquipment: async (ref) => openEvents(await inner.eventsOfEquipment(ref)),
    }),
  }
}
