import { describe, expect, it } from 'vitest'
import { canonicalJson, sameCanonicalJson } from './canonical-json.js'

const reference = (a: unknown, b: unknown) => {
  try {
    return canonicalJson(a) === canonicalJson(b)
  } catch {
    return false
  }
}

/** Small changes of a value: each member and element removed, replaced, retyped or reordered. */
function* variants(value: unknown): Generator<unknown> {
  yield value
  yield JSON.parse(JSON.stringify(value)) as unknown
  for (const odd of [null, 0, -0, 1e21, 'x', '\ud800', true, [], {}, undefined, NaN, Infinity])
    yield odd
  if (Array.isArray(value)) {
    yield [...value].reverse()
    yield [...value, null]
    yield value.slice(1)
    const sparse = [...value] as unknown[]
    delete sparse[0]
    yield sparse
    for (const [i, v] of value.entries())
      for (const w of variants(v)) yield value.map((x, j) => (i === j ? w : x))
  } else if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
    yield Object.fromEntries([...entries].reverse())
    yield { ...value, extra: undefined }
    yield { ...value, extra: 1 }
    yield { ...value, [Symbol('s')]: 1 }
    yield { toJSON: () => value }
    yield Object.assign(Object.create(null) as object, value)
    for (const [k, v] of entries) {
      yield Object.fromEntries(entries.filter(([key]) => key !== k))
      yield { ...value, [k]: undefined }
      for (const w of variants(v)) yield { ...value, [k]: w }
    }
  }
}

describe('sameCanonicalJson', () => {
  it('answers as comparing the RFC 8785 forms does, on values and every small change of them', () => {
    const documents: unknown[] = [
      {
        id: 'did:web:a',
        verificationMethod: [{ id: '#k', publicKeyJwk: { kty: 'OKP', x: 'AA' } }],
      },
      { a: [1, 2.5, 'é', { b: null, c: false }], '\ud83d\ude00': 'ok', n: -0 },
      [[], {}, '', 0],
    ]
    let pairs = 0
    for (const document of documents) {
      const all = [...variants(document)]
      for (const a of all) {
        for (const b of all) {
          expect(
            sameCanonicalJson(a, b),
            `${String(JSON.stringify(a))} / ${String(JSON.stringify(b))}`,
          ).toBe(reference(a, b))
          pairs++
        }
      }
    }
    expect(pairs).toBeGreaterThan(1000)
  })

  it('answers a cycle and a deep value as the reference does', () => {
    const cycle: Record<string, unknown> = { a: 1 }
    cycle.self = cycle
    expect(sameCanonicalJson(cycle, cycle)).toBe(false)
    let deep: unknown = 'leaf'
    for (let i = 0; i < 300; i++) deep = { d: deep }
    expect(sameCanonicalJson(deep, JSON.parse(JSON.stringify(deep)))).toBe(true)
  })
})
