import { createHmac, type KeyObject } from 'node:crypto'

/**
 * The node's keyed hashes (HMAC-SHA256) of recent values, remembered so that a value seen again (a
 * consignee's contact named in every event of a shipment) is not hashed again. A keyed hash is
 * deterministic: a remembered one is the hash computed anew, so no decision changes with it.
 */
export interface KeyedHashMemo {
  /** The keyed hash of `value` under `key` (hex), computed unless remembered under this key. */
  hash(key: KeyObject, value: string): string
  /** Forgets every value: an erasure keeps no one's value in this memory. */
  forget(): void
  /** How many values it remembers. */
  size(): number
}

/**
 * Creates the memo. It holds the values themselves (the map's keys), as the events being sent do,
 * so it is bounded: at most `maxValues` (the least recently used go first), and it is emptied
 * `maxAgeMs` after its first value (an erasure in another process sharing the database leaves no
 * value here longer than that). Another key (a new generation) empties it.
 */
export function createKeyedHashMemo({
  maxValues = 4096,
  maxAgeMs = 10 * 60_000,
}: { maxValues?: number; maxAgeMs?: number } = {}): KeyedHashMemo {
  const known = new Map<string, string>()
  let keyOf: KeyObject | undefined
  let expiry: ReturnType<typeof setTimeout> | undefined
  const forget = () => {
    known.clear()
    clearTimeout(expiry)
    expiry = undefined
  }
  return {
    hash(key, value) {
      if (key !== keyOf) {
        forget()
        keyOf = key
      }
      let hashed = known.get(value)
      if (hashed === undefined) {
        hashed = createHmac('sha256', key).update(value, 'utf8').digest('hex')
        if (known.size >= maxValues) known.delete(known.keys().next().value!)
        // Unref'd: the memo never keeps the process alive.
        expiry ??= setTimeout(forget, maxAgeMs).unref()
      } else {
        // Most recently used last: the oldest is the first key.
        known.delete(value)
      }
      known.set(value, hashed)
      return hashed
    },
    forget,
    size: () => known.size,
  }
}
