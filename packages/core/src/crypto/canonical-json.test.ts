import canonicalize from 'canonicalize'
import { describe, expect, it } from 'vitest'
import {
  canonicalJson,
  canonicalJsonOfJsonData,
  sameCanonicalJson,
  sortedJsonCopy,
} from './canonical-json.js'

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

/** The library's answer, or the fact that it refuses the value. */
const libraryForm = (value: unknown) => {
  try {
    return canonicalize(value) ?? 'no form'
  } catch {
    return 'refused'
  }
}
const ourForm = (value: unknown) => {
  try {
    return canonicalJson(value)
  } catch {
    return 'refused'
  }
}

/** A random JSON-like value: names in any order, integer-like and escaped names, odd strings. */
function randomValue(random: () => number, depth: number): unknown {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!
  const strings = [
    '',
    'a',
    'é',
    '\ud83d\ude00',
    '\ud800',
    '\udc00x',
    'q"\\\n',
    '\\ud800',
    '\u2028',
    'zh 陆海',
  ]
  const names = [
    'b',
    'a',
    'B',
    '10',
    '9',
    '0',
    '-1',
    '__proto__',
    'toJSON',
    '',
    'é',
    '\ud83d\ude00',
    'aa',
    '\ud800',
  ]
  const kind = depth > 3 ? random() * 5 : random() * 7
  if (kind < 1) return pick([null, true, false])
  if (kind < 2) return pick([0, -0, 1, -1.5, 1e21, 1e-7, 2 ** 53, 123.456, NaN, Infinity])
  if (kind < 4) return pick(strings)
  if (kind < 5) return pick([undefined, [], {}, 'x'])
  if (kind < 6)
    return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1))
  const object: Record<string, unknown> = {}
  for (let i = Math.floor(random() * 5); i > 0; i--)
    Object.defineProperty(object, pick(names), {
      value: randomValue(random, depth + 1),
      enumerable: true,
      configurable: true,
      writable: true,
    })
  return object
}

describe('canonicalJson', () => {
  it('writes what the canonicalize library writes, and refuses what it refuses', () => {
    let seed = 1
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647
    const values: unknown[] = Array.from({ length: 20_000 }, () => randomValue(random, 0))
    for (const document of [
      { a: [1, 2.5, 'é', { b: null, c: false }], '\ud83d\ude00': 'ok', n: -0, z: { y: 1, x: 2 } },
      [[], {}, '', 0],
    ])
      values.push(...variants(document))
    let plain = 0
    for (const value of values) {
      const expected = libraryForm(value)
      if (expected === 'no form') continue
      expect(ourForm(value), String(expected)).toBe(expected)
      if (expected !== 'refused') plain++
    }
    expect(plain).toBeGreaterThan(5000)
  })

  it('leaves an array or object with toJSON, and a polluted prototype, to the library', () => {
    const array = Object.assign([{ b: 1, a: 2 }], { toJSON: () => ({ z: 1, y: [2] }) })
    const object = { b: 1, toJSON: () => [{ d: 1, c: 2 }] }
    for (const value of [array, object, { list: array }, [object]])
      expect(ourForm(value)).toBe(libraryForm(value))
    const prototype = Object.prototype as Record<string, unknown>
    prototype.toJSON = function () {
      return 'polluted'
    }
    try {
      expect(ourForm({ b: 1, a: 2 })).toBe(libraryForm({ b: 1, a: 2 }))
    } finally {
      delete prototype.toJSON
    }
  })

  it('writes deep values and refuses cycles as the library does', () => {
    let deep: unknown = 'leaf'
    for (let i = 0; i < 2000; i++) deep = { d: [deep] }
    expect(ourForm(deep)).toBe(libraryForm(deep))
    const cycle: Record<string, unknown> = { a: 1 }
    cycle.self = cycle
    expect(ourForm(cycle)).toBe('refused')
  })
})

describe('canonicalJsonOfJsonData', () => {
  const form = (write: (value: unknown) => string, value: unknown) => {
    try {
      return write(value)
    } catch {
      return 'refused'
    }
  }

  it('writes what canonicalJson writes on JSON data in text order, canonical order and between', () => {
    let seed = 7
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647
    let inPlace = 0
    for (let i = 0; i < 20_000; i++) {
      const text = JSON.stringify(randomValue(random, 0))
      if (text === undefined) continue
      const data = JSON.parse(text) as unknown
      const canonical = form(canonicalJson, data)
      // The same data read from its canonical text: every object already in order.
      const sorted = canonical === 'refused' ? data : (JSON.parse(canonical) as unknown)
      for (const value of [data, sorted]) {
        const before = JSON.stringify(value)
        expect(form(canonicalJsonOfJsonData, value), before).toBe(canonical)
        expect(JSON.stringify(value)).toBe(before) // nothing written into the value
        const copy = sortedJsonCopy(value, true)
        expect(JSON.stringify(copy)).toBe(JSON.stringify(sortedJsonCopy(value)))
        if (copy === value && typeof value === 'object' && value !== null) inPlace++
      }
    }
    expect(inPlace).toBeGreaterThan(1000)
  })

  it('copies from the first member out of order, and keeps what is in order', () => {
    const inOrder = { a: [1, { x: 1, y: 2 }], b: { c: 'd' } }
    expect(sortedJsonCopy(inOrder, true)).toBe(inOrder)
    const outOfOrder = { a: inOrder.a, b: { d: 1, c: 2 }, e: inOrder.b }
    const copy = sortedJsonCopy(outOfOrder, true) as typeof outOfOrder
    expect(copy).not.toBe(outOfOrder)
    expect(copy.a).toBe(inOrder.a)
    expect(copy.e).toBe(inOrder.b)
    expect(JSON.stringify(copy)).toBe('{"a":[1,{"x":1,"y":2}],"b":{"c":2,"d":1},"e":{"c":"d"}}')
    expect(sortedJsonCopy(outOfOrder)).not.toBe(outOfOrder)
    expect((sortedJsonCopy(inOrder) as typeof inOrder).a).not.toBe(inOrder.a)
  })
})
