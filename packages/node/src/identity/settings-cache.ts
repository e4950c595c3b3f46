/**
 * A value read from the database, kept in this process for at most `maxAgeMs`. The process that
 * writes the value calls {@link SettingsCache.wrote}, so its own reads see the change at once;
 * another process sharing the database sees it within `maxAgeMs` (docs/identity.md).
 */
export interface SettingsCache<T> {
  /** The value, read again when the kept one is older than `maxAgeMs`. */
  read(): Promise<T>
  /** Reads the stored value now (read-modify-write must start from it) and keeps it. */
  fresh(): Promise<T>
  /** This process stored `value`: keep it. */
  wrote(value: T): void
}

/** Keeps what `load` returns for `maxAgeMs`; concurrent reads of an expired value share one load. */
export function createSettingsCache<T>({
  load,
  maxAgeMs,
  now = () => performance.now(),
}: {
  load: () => Promise<T>
  maxAgeMs: number
  now?: () => number
}): SettingsCache<T> {
  let kept: { readonly value: Promise<T>; readonly at: number } | undefined
  // Bumped by every write and fresh read, so a slower load begun before it cannot replace its value.
  let generation = 0
  function fresh(): Promise<T> {
    const mine = ++generation
    const value = load()
    kept = { value, at: now() }
    value.catch(() => {
      if (generation === mine) kept = undefined
    })
    return value
  }
  return {
    read() {
      if (kept && now() - kept.at < maxAgeMs) return kept.value
      return fresh()
    },
    fresh,
    wrote(value) {
      generation++
      kept = { value: Promise.resolve(value), at: now() }
    },
  }
}
