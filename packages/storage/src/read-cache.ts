/**
 * Values read from the database and reused for `ttlMs` by every store on the same database handle.
 * A write through any of them drops what it changes as it starts and as it ends, so that no read
 * overlapping it is kept; a change made by another process is seen within `ttlMs`. A read that
 * finds nothing (undefined) is not kept: the row may be created elsewhere at any time.
 */
export interface ReadCache<V> {
  /** The kept value of `key` while younger than `ttlMs`, else what `load` reads now. */
  read(key: string, load: () => Promise<V | undefined>): Promise<V | undefined>
  /** Runs a write that changes `key` (every key when undefined), dropping what it changes. */
  write<T>(key: string | undefined, run: () => Promise<T>): Promise<T>
}

/** Values kept at most per cache; a full cache starts again (they are re-read, never wrong). */
const MAX_KEPT = 10_000

const caches = new WeakMap<object, Map<string, ReadCache<unknown>>>()

/** The read cache called `name` of a database handle, shared by every store opened on it. */
export function readCacheOf<V>(db: object, name: string, ttlMs: number): ReadCache<V> {
  let named = caches.get(db)
  if (named === undefined) caches.set(db, (named = new Map()))
  let cache = named.get(name)
  if (cache === undefined) named.set(name, (cache = createReadCache(ttlMs)))
  return cache as ReadCache<V>
}

function createReadCache<V>(ttlMs: number): ReadCache<V> {
  const kept = new Map<string, { readonly value: V; readonly readAt: number }>()
  // Writes begun or ended, so that a read overlapping one is not kept.
  let writes = 0
  const drop = (key: string | undefined) => {
    writes++
    if (key === undefined) kept.clear()
    else kept.delete(key)
  }
  return {
    async read(key, load) {
      const hit = kept.get(key)
      if (hit !== undefined && Date.now() - hit.readAt < ttlMs) return hit.value
      const readAt = Date.now()
      const writesBefore = writes
      const value = await load()
      if (value !== undefined && writes === writesBefore) {
        if (kept.size >= MAX_KEPT) kept.clear()
        kept.set(key, { value, readAt })
      }
      return value
    },
    async write(key, run) {
      drop(key)
      try {
        return await run()
      } finally {
        drop(key)
      }
    },
  }
}
