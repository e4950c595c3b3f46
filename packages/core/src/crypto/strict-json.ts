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
  readonly path: string
  index: number
  expectingName: boolean
}

const pointer = (path: string, segment: string | number) =>
  `${path}/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`

/**
 * Finds the first duplicate or forbidden member name of a text `JSON.parse` already accepted. It
 * walks the tokens only: strings are skipped to their closing quote, so a `{` inside a string is
 * not structure.
 */
function findMemberProblem(text: string): StrictJsonError | undefined {
  const stack: Frame[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (c === '"') {
      let end = i + 1
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1
      const top = stack.at(-1)
      if (top?.names && top.expectingName) {
        const name = JSON.parse(text.slice(i, end + 1)) as string
        const path = pointer(top.path, name)
        if (FORBIDDEN_MEMBERS.has(name)) {
          return {
            code: 'JSON_FORBIDDEN_MEMBER',
            path,
            message: `the member name ${name} is refused`,
          }
        }
        if (top.names.has(name)) {
          return {
            code: 'JSON_DUPLICATE_MEMBER',
            path,
            message: `the member ${name} appears twice`,
          }
        }
        top.names.add(name)
        top.expectingName = false
      }
      i = end + 1
      continue
    }
    const top = stack.at(-1)
    const childPath = () =>
      top === undefined ? '' : pointer(top.path, top.names ? [...top.names].at(-1)! : top.index)
    if (c === '{')
      stack.push({ names: new Set(), path: childPath(), index: 0, expectingName: true })
    else if (c === '[')
      stack.push({ names: undefined, path: childPath(), index: 0, expectingName: false })
    else if (c === '}' || c === ']') stack.pop()
    else if (c === ',' && top) {
      if (top.names) top.expectingName = true
      else top.index++
    }
    i++
  }
  return undefined
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
  let overflow: string | undefined
  // I-JSON §2.1: no lone surrogates; they have no UTF-8 form and no RFC 8785 canonical form.
  let loneSurrogate: string | undefined
  try {
    // I-JSON §2.2: a number beyond IEEE 754 double range (1e309) would read as Infinity here and as
    // something else elsewhere.
    value = JSON.parse(text, (name, v: unknown) => {
      if (typeof v === 'number' && !Number.isFinite(v)) overflow ??= name
      if ((typeof v === 'string' && LONE_SURROGATE.test(v)) || LONE_SURROGATE.test(name)) {
        loneSurrogate ??= name
      }
      return v
    })
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : 'not JSON'
    return { error: { code: 'JSON_SYNTAX', path: '', message } }
  }
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
  // Only objects can hold members; a scalar needs no second pass.
  if (typeof value !== 'object' || value === null) return { value }
  const problem = findMemberProblem(text)
  return problem ? { error: problem } : { value }
}
