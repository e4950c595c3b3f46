import fc from 'fast-check'

type Json = unknown
type Path = readonly (string | number)[]

/** Every path into a JSON value, the root included. */
export function pathsOf(value: Json, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix]
  if (Array.isArray(value)) value.forEach((v, i) => paths.push(...pathsOf(v, [...prefix, i])))
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) paths.push(...pathsOf(v, [...prefix, k]))
  }
  return paths
}

/** One structural change to a JSON value: replace a value, delete a member, or add one. */
export type Mutation =
  | { readonly kind: 'replace'; readonly at: number; readonly value: Json }
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'add'; readonly at: number; readonly name: string; readonly value: Json }

/** Values a hostile sender likes: wrong types, huge and non-finite numbers, odd strings. */
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    '',
    'x',
    '__proto__',
    'constructor',
    Infinity,
    -Infinity,
    Number.MAX_SAFE_INTEGER + 2,
    -1,
    0,
    1.5,
    '9'.repeat(400),
    '\u0000',
    '\ud800',
    [],
    {},
    [null],
    null,
    true,
  ),
)

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('add' as const),
    at: fc.nat(),
    name: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor')),
    value: hostileValue,
  }),
)

/** Applies mutations to a deep copy of `value`. */
export function mutate(value: Json, mutations: readonly Mutation[]): Json {
  let copy: Json = structuredClone(value)
  for (const m of mutations) {
    const paths = pathsOf(copy)
    const path = paths[m.at % paths.length]!
    if (path.length === 0) {
      if (m.kind === 'replace') copy = structuredClone(m.value)
      continue
    }
    let parent = copy as Record<string | number, Json>
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>
    const last = path.at(-1)!
    if (m.kind === 'replace') parent[last] = structuredClone(m.value)
    else if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(last as number, 1)
      else delete parent[last]
    } else {
      const target = parent[last]
      if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
        Object.defineProperty(target, m.name, {
          value: m.value,
          enumerable: true,
          writable: true,
          configurable: true,
        })
      } else if (Array.isArray(target)) target.push(structuredClone(m.value))
    }
  }
  return copy
}

/** How many cases each property runs: 10,000 in CI (LANDSEA_FUZZ_RUNS to change it). */
export const FUZZ_RUNS = Number(process.env.LANDSEA_FUZZ_RUNS ?? 10_000)
