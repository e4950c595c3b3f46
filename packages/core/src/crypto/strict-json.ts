/**
 * Strict JSON in the sense of I-JSON (RFC 7493 §2.3): an object's member names are unique. RFC 8259
 * §4 leaves duplicate names to the parser ("many implementations report the last name/value pair
 * only"), so a file with two `placeOfIssue` members reads one way here and another way elsewhere —
 * a signed document must mean one thing to every reader. `__proto__` is refused by name as well:
 * as an own member it is harmless to `JSON.parse`, but any later `Object.assign` or spread into a
 * plain object turns it into a prototype change.
 *
 * The text is hostile input: this never throws, every problem is a result.
 */

/** Why a text is not strict JSON. */
export type StrictJsonErrorCode =
  'JSON_SYNTAX' | 'JSON_DUPLICATE_MEMBER' | 'JSON_FORBIDDEN_MEMBER' | 'JSON_NUMBER_OUT_OF_RANGE'

/** A refusal of {@link parseStrictJson}: the code, a JSON Pointer to the place, a message. */
export interface StrictJsonError {
  readonly code: StrictJsonErrorCode
  readonly path: string
  readonly message: string
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Member names refused wherever they appear. */
const FORBIDDEN_MEMBERS = new Set(['__proto__'])

interface Frame {
  readonly names: Set<string> | undefined // undefined: an array
  readonly parent: Frame | undefined
  /** This container's member name or index in its parent; undefined for the root. */
  readonly key: string | number | undefined
  index: number
  lastName: string | undefined
  expectingName: boolean
}

const pointer = (path: string, segment: string | number) =>
  `${path}/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`

/** The JSON Pointer of a container, built only when a problem is reported. */
function pathOf(frame: Frame | undefined): string {
  const keys: (string | number)[] = []
  for (let f = frame; f !== undefined && f.key !== undefined; f = f.parent) keys.push(f.key)
  let path = ''
  for (let k = keys.length - 1; k >= 0; k--) path = pointer(path, keys[k]!)
  return path
}

/**
 * Finds the first duplicate or forbidden member name of a text `JSON.parse` already accepted. It
 * walks the tokens only: strings are skipped to their closing quote, so a `{` inside a string is
 * not structure. Paths are built only for the problem it reports (this runs on every API body).
 */
function findMemberProblem(text: string): StrictJsonError | undefined {
  let top: Frame | undefined
  let i = 0
  const length = text.length
  // The first backslash at or after the current string, found again only once passed.
  let backslash = -1
  while (i < length) {
    const c = text.charCodeAt(i)
    if (c === 0x22 /* " */) {
      // The closing quote: the next one not escaped, i.e. after an even run of backslashes. The
      // text is valid JSON, and indexOf runs natively (strings are most of a bundle's bytes).
      let end = text.indexOf('"', i + 1)
      for (;;) {
        if (end < 0) return undefined // unreachable: JSON.parse accepted the text
        let k = end - 1
        while (text.charCodeAt(k) === 0x5c /* \ */) k--
        if ((end - 1 - k) % 2 === 0) break
        end = text.indexOf('"', end + 1)
      }
      if (top?.names && top.expectingName) {
        if (backslash < i) backslash = text.indexOf('\\', i + 1) >>> 0 // none: 2^32 - 1
        const isEscaped = backslash < end
        const name = isEscaped
          ? (JSON.parse(text.slice(i, end + 1)) as string)
          : text.slice(i + 1, end)
        if (FORBIDDEN_MEMBERS.has(name)) {
          return {
            code: 'JSON_FORBIDDEN_MEMBER',
            path: pointer(pathOf(top), name),
            message: `the member name ${name} is refused`,
          }
        }
        if (top.names.has(name)) {
          return {
            code: 'JSON_DUPLICATE_MEMBER',
            path: pointer(pathOf(top), name),
            message: `the member ${name} appears twice`,
          }
        }
        top.names.add(name)
        top.lastName = name
        top.expectingName = false
      }
      i = end + 1
      continue
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const key = top === undefined ? undefined : top.names ? top.lastName : top.index
      top = {
        names: c === 0x7b ? new Set() : undefined,
        parent: top,
        key,
        index: 0,
        lastName: undefined,
        expectingName: c === 0x7b,
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) top = top?.parent
    else if (c === 0x2c /* , */ && top) {
      if (top.names) top.expectingName = true
      else top.index++
    }
    i++
  }
  return undefined
}

/**
 * At least the number of member names of a text `JSON.parse` already accepted, and exactly that
 * number unless a string holds a colon after its opening quote (and spaces): the colons whose
 * last character before them, spaces and line breaks aside, is a quote that no backslash escapes.
 * Every name is followed by such a colon (its closing quote, whitespace, the colon); inside a
 * string an unescaped quote can only be the opening one. So the count is never below the names,
 * which are never below the parsed value's members: when it equals the members, no name repeats.
 * Only colons are looked for (by `indexOf`, natively); each character is looked at back from at
 * most one colon, so hostile text costs linear time.
 */
function countMemberNames(text: string): number {
  let count = 0
  for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    let k = colon - 1
    for (let c = text.charCodeAt(k); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;)
      c = text.charCodeAt(--k)
    if (text.charCodeAt(k) !== 0x22 /* " */) continue
    let backslashes = 0
    while (text.charCodeAt(k - 1 - backslashes) === 0x5c /* \ */) backslashes++
    if (backslashes % 2 === 0) count++
  }
  return count
}

interface ValueProblems {
  overflow?: string
  loneSurrogate?: string
  members: number
  hasForbidden: boolean
}

/**
 * The first number beyond a double (read as Infinity) and the first lone surrogate in a parsed
 * value, by member name or index as a reviver would report them; and its members, counted, and
 * whether one is forbidden. A walk after a plain `JSON.parse` rather than a reviver, which would
 * take V8 off its fast parsing path.
 */
function findValueProblem(root: unknown): ValueProblems {
  const found: ValueProblems = { members: 0, hasForbidden: false }
  visitValue(found, '', root)
  return found
}

function visitValue(found: ValueProblems, name: string | number, v: unknown): void {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) found.overflow ??= String(name)
  } else if (typeof v === 'string') {
    if (LONE_SURROGATE.test(v)) found.loneSurrogate ??= String(name)
  } else if (Array.isArray(v)) {
    for (let k = 0; k < v.length; k++) visitValue(found, k, v[k])
  } else if (typeof v === 'object' && v !== null) {
    const keys = Object.keys(v)
    found.members += keys.length
    for (const key of keys) {
      if (FORBIDDEN_MEMBERS.has(key)) found.hasForbidden = true
      if (LONE_SURROGATE.test(key)) found.loneSurrogate ??= key
      visitValue(found, key, (v as Record<string, unknown>)[key])
    }
  }
}

/**
 * Parses JSON text, refusing duplicate member names (`JSON_DUPLICATE_MEMBER`) and `__proto__`
 * (`JSON_FORBIDDEN_MEMBER`) anywhere in it, numbers that overflow a double
 * (`JSON_NUMBER_OUT_OF_RANGE`), and text that is not JSON (`JSON_SYNTAX`).
 */
export function parseStrictJson(
  text: string,
): { readonly value: unknown; readonly error?: undefined } | { readonly error: StrictJsonError } {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : 'not JSON'
    return { error: { code: 'JSON_SYNTAX', path: '', message } }
  }
  // I-JSON §2.1: no lone surrogates; they have no UTF-8 form and no RFC 8785 canonical form.
  // I-JSON §2.2: a number beyond IEEE 754 double range (1e309) would read as Infinity here and as
  // something else elsewhere.
  const { overflow, loneSurrogate, members, hasForbidden } = findValueProblem(value)
  if (loneSurrogate !== undefined) {
    return { error: { code: 'JSON_SYNTAX', path: '', message: 'a string has a lone surrogate' } }
  }
  if (overflow !== undefined) {
    return {
      error: {
        code: 'JSON_NUMBER_OUT_OF_RANGE',
        path: '',
        message: `a number${overflow ? ` (member ${overflow})` : ''} is beyond the range of a double`,
      },
    }
  }
  // Only objects can hold members; a scalar needs no second pass. `JSON.parse` keeps one member
  // of a repeated name (dropping the other's value, and all it holds), so the parsed value has
  // fewer members than the text names exactly when a name repeats: only then (or where a string
  // begins with a colon, which `countMemberNames` counts too), or for a forbidden name, does the
  // scan that finds where run.
  if (typeof value !== 'object' || value === null) return { value }
  if (!hasForbidden && members === countMemberNames(text)) return { value }
  const problem = findMemberProblem(text)
  return problem ? { error: problem } : { value }
}
