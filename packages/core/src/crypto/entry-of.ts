/**
 * The value `map` holds for `key`, made by `make` and kept there when it holds none: the inner
 * map of a memo keyed by a short scope and then by a long text (each lookup hashes the text's own
 * string, not a new string of the two joined).
 */
export function entryOf<K, V>(map: Map<K, V>, key: K, make: () => NoInfer<V>): V
export function entryOf<K extends object, V>(map: WeakMap<K, V>, key: K, make: () => NoInfer<V>): V
export function entryOf<K extends object, V>(
  map: Map<K, V> | WeakMap<K, V>,
  key: K,
  make: () => NoInfer<V>,
): V {
  let value = map.get(key)
  if (value === undefined) map.set(key, (value = make()))
  return value
}
