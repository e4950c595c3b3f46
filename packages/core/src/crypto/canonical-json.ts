import canonicalize from 'canonicalize'
import { CryptoError } from './crypto-error.js'

/**
 * Serialises a JSON value by RFC 8785 (JSON Canonicalization Scheme), the form every Landsea
 * checksum and signature is computed over.
 */
export function canonicalJson(value: unknown): string {
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
