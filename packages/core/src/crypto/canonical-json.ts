import canonicalize from 'canonicalize'
import { CryptoError } from './crypto-error.js'

/**
 * Serialises a JSON value by RFC 8785 (JSON Canonicalization Scheme), the form every Landsea
 * checksum and signature is computed over.
 */
export function canonicalJson(value: unknown): string {
  const fast = canonicalJsonOfPlainData(value)
  if (fast !== undefined) return fast
  let text: string | undefined
  try {
    text = canonicalize(value)
  } catch (cause) {
    // RFC 8785 §3.2.2.2 has no form for a lone surrogate (nor for Infinity or a cycle): the value
    // is refused with our code, never an untyped library error.
    throw new CryptoError(
      'CRYPTO_NOT_CANONICALIZABLE',
      `value cannot be canonicalised: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    )
  }
  if (text === undefined) {
    throw new CryptoError('CRYPTO_NOT_CANONICALIZABLE', 'value cannot be expressed as JSON')
  }
  return text
}

/**
 * RFC 8785 for plain JSON data, by the platform's `JSON.stringify` over a copy whose members are in
 * canonical order, or undefined for anything else (then `canonicalize` decides, or refuses). For
 * such data the two agree: `canonicalize` writes strings and numbers with `JSON.stringify` too
 * (RFC 8785 §3.2.2.2 and §3.2.2.3 are ECMAScript's serialisation), and only orders members by their
 * UTF-16 code units (§3.2.3), which the copy does. Not plain: a number that is not finite, anything
 * but null, booleans, strings, arrays and objects of the plain prototypes, `toJSON`, an undefined
 * member or element, a hole, and member names `JSON.stringify` would not keep in the copy's order
 * (an integer-like name comes first in any object) or `__proto__`. A lone surrogate, which
 * `JSON.stringify` escapes as `\udXXX` where RFC 8785 has no form, sends the value back to
 * `canonicalize` as well. Each member is read once, into the copy. About 2.5× `canonicalize` on a
 * transport document.
 */
function canonicalJsonOfPlainData(value: unknown, reuse = false): string | undefined {
  let copy: unknown
  try {
    copy = canonicalCopy(value, 0, reuse)
  } catch {
    return undefined // deeper than the stack: canonicalize answers
  }
  if (copy === NOT_PLAIN) return undefined
  const text = JSON.stringify(copy)
  return text.includes('\\ud') ? undefined : text
}

/**
 * {@link canonicalJson} of JSON data read from text by `JSON.parse` (data members only, which
 * nothing changes while it is written): the objects and arrays whose members are already plain and
 * in RFC 8785 order are written as they are rather than copied, so a document exported in
 * canonical order (`createBundle`) is written by `JSON.stringify` alone. The same text or refusal.
 */
export function canonicalJsonOfJsonData(value: unknown): string {
  return canonicalJsonOfPlainData(value, true) ?? canonicalJson(value)
}

/**
 * The copy `canonicalJson` writes for plain JSON data (members in RFC 8785 order, see
 * {@link canonicalJsonOfPlainData}), or undefined for anything else. `JSON.stringify` of it is the
 * canonical text unless that text holds `\\ud` (a lone surrogate).
 */
export function sortedJsonCopy(
  value: unknown,
  /** JSON data read from text: parts already in order are kept, not copied (see {@link canonicalJsonOfJsonData}). */
  reuse = false,
): unknown {
  let copy: unknown
  try {
    copy = canonicalCopy(value, 0, reuse)
  } catch {
    return undefined
  }
  return copy === NOT_PLAIN ? undefined : copy
}

const NOT_PLAIN: unique symbol = Symbol('not plain JSON data')
const MAX_DEPTH = 1000

/**
 * The copy in RFC 8785 member order, or NOT_PLAIN. With `reuse`, a value whose members are all
 * plain and in order is returned itself (for JSON data only: its members are read again when
 * written), and a container is copied only from its first member that differs.
 */
function canonicalCopy(value: unknown, depth: number, reuse: boolean): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      return Number.isFinite(value) ? value : NOT_PLAIN
    case 'object':
      break
    default:
      return NOT_PLAIN
  }
  if (value === null) return null
  if (depth > MAX_DEPTH) return NOT_PLAIN
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype || 'toJSON' in value) return NOT_PLAIN
    let out = reuse ? undefined : new Array<unknown>(value.length)
    for (let i = 0; i < value.length; i++) {
      const original: unknown = value[i]
      const element = canonicalCopy(original, depth + 1, reuse)
      // An undefined element or a hole: libraries write them differently (null, or nothing).
      if (element === NOT_PLAIN || element === undefined) return NOT_PLAIN
      if (out) out[i] = element
      else if (element !== original) (out = value.slice(0, i))[i] = element
    }
    return out ?? value
  }
  const prototype = Object.getPrototypeOf(value) as unknown
  if (prototype !== Object.prototype && prototype !== null) return NOT_PLAIN
  const object = value as Record<string, unknown>
  if ('toJSON' in object) return NOT_PLAIN
  const names = Object.keys(object)
  let isSorted = true
  for (let i = 1; i < names.length; i++) {
    if (names[i - 1]! > names[i]!) {
      isSorted = false
      break
    }
  }
  if (!isSorted) names.sort()
  let out: Record<string, unknown> | undefined = reuse && isSorted ? undefined : {}
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!
    // An integer-like name would go first in the copy whatever its place; `__proto__` would set
    // the copy's prototype.
    const first = name.charCodeAt(0)
    if ((first >= 0x30 && first <= 0x39) || name === '__proto__') return NOT_PLAIN
    const original = object[name]
    const member = canonicalCopy(original, depth + 1, reuse)
    if (member === NOT_PLAIN || member === undefined) return NOT_PLAIN
    if (out) out[name] = member
    else if (member !== original) {
      out = {}
      for (let j = 0; j < i; j++) out[names[j]!] = object[names[j]!]
      out[name] = member
    }
  }
  return out ?? object
}

const encoder = new TextEncoder()

/** The UTF-8 bytes of {@link canonicalJson}. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return encoder.encode(canonicalJson(value))
}

const SURROGATE = /[\ud800-\udfff]/

/**
 * Compares JSON data in place: true or false for plain data (objects, arrays, well-formed strings
 * without surrogates, finite numbers, booleans, null), undefined where a value is anything else
 * and only RFC 8785 itself can say (a surrogate, `toJSON`, an undefined member, a cycle).
 */
function compareJsonData(a: unknown, b: unknown, depth: number): boolean | undefined {
  if (depth > 100) return undefined
  if (typeof a === 'string' || typeof b === 'string') {
    if (
      (typeof a === 'string' && SURROGATE.test(a)) ||
      (typeof b === 'string' && SURROGATE.test(b))
    )
      return undefined
    return a === b
  }
  if (typeof a === 'number' || typeof b === 'number') {
    if (!Number.isFinite(a) || !Number.isFinite(b)) return undefined
    return a === b
  }
  if (a === null || b === null || typeof a === 'boolean' || typeof b === 'boolean') {
    const plain = (v: unknown) => v === null || typeof v === 'boolean' || isContainer(v)
    return plain(a) && plain(b) ? a === b : undefined
  }
  if (!isContainer(a) || !isContainer(b)) return undefined
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a) && Array.isArray(b)) {
    // A hole or an undefined element is written as libraries choose (a hole as nothing at all).
    const regular = (x: unknown[]) => Object.keys(x).length === x.length && !hasSkippedMember(x)
    if (!regular(a) || !regular(b)) return undefined
    if (a.length !== b.length) return false
    let answer: boolean | undefined = true
    for (let i = 0; i < a.length && answer !== undefined; i++) {
      const same = compare(a[i], b[i], depth)
      answer = same === undefined ? undefined : answer && same
    }
    return answer
  }
  const keys = Object.keys(a)
  const other = b as Record<string, unknown>
  if (keys.length !== Object.keys(b).length || !keys.every((key) => Object.hasOwn(b, key)))
    return hasSkippedMember(a) || hasSkippedMember(b) ? undefined : false
  let answer: boolean | undefined = true
  for (const key of keys) {
    if (SURROGATE.test(key)) return undefined
    const same = compare((a as Record<string, unknown>)[key], other[key], depth)
    if (same === undefined) return undefined
    if (!same) answer = false
  }
  return answer
}

// A member RFC 8785 libraries leave out (undefined, a symbol) or cannot write (a function).
const hasSkippedMember = (o: object) =>
  Object.values(o).some((v) => v === undefined || typeof v === 'symbol' || typeof v === 'function')

const compare = (a: unknown, b: unknown, depth: number) => compareJsonData(a, b, depth + 1)

const isContainer = (v: unknown): v is object =>
  typeof v === 'object' &&
  v !== null &&
  (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype) &&
  typeof (v as { toJSON?: unknown }).toJSON !== 'function'

/**
 * Whether two values have the same {@link canonicalJson} form, both having one: the answer of
 * `canonicalJson(a) === canonicalJson(b)` (false where either throws), found for plain JSON data
 * by walking both in place, without serialising either.
 */
export function sameCanonicalJson(a: unknown, b: unknown): boolean {
  const answer = compareJsonData(a, b, 0)
  if (answer !== undefined) return answer
  try {
    return canonicalJson(a) === canonicalJson(b)
  } catch {
    return false
  }
}
