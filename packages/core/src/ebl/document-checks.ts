/** A JSON object read from untrusted input. */
export type Json = Record<string, unknown>

/** Records one problem. */
export type AddIssue = (path: string, code: string, message: string) => void

/** A 5-character UN/LOCODE. */
export const UN_LOCODE = /^[A-Z]{2}[A-Z2-9]{3}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

/** Whether a value is a JSON object (not null, not an array). */
export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * Field checks over untrusted JSON that report to `add` with JSON Pointer paths: strings with a
 * maximum length, booleans, enums, dates, arrays with a minimum length, and DCSA places.
 */
export function createDocumentChecks(add: AddIssue) {
  const str = (obj: Json, key: string, path: string, max: number, required = true) => {
    const v = obj[key]
    if (v === undefined) {
      if (required) add(`${path}/${key}`, 'REQUIRED', `${key} is required`)
    } else if (typeof v !== 'string' || v.length === 0) {
      add(`${path}/${key}`, 'TYPE', `${key} must be a non-empty string`)
    } else if (v.length > max) {
      add(`${path}/${key}`, 'TOO_LONG', `${key} must be at most ${max} characters`)
    }
  }
  const bool = (obj: Json, key: string, path = '') => {
    if (obj[key] === undefined) add(`${path}/${key}`, 'REQUIRED', `${key} is required`)
    else if (typeof obj[key] !== 'boolean')
      add(`${path}/${key}`, 'TYPE', `${key} must be a boolean`)
  }
  const oneOf = (
    obj: Json,
    key: string,
    path: string,
    values: readonly string[],
    required = true,
  ) => {
    const v = obj[key]
    if (v === undefined) {
      if (required) add(`${path}/${key}`, 'REQUIRED', `${key} is required`)
    } else if (typeof v !== 'string' || !values.includes(v)) {
      add(`${path}/${key}`, 'ENUM', `${key} must be one of ${values.join(', ')}`)
    }
  }
  const date = (obj: Json, key: string, path: string, required = false) => {
    const v = obj[key]
    if (v === undefined) {
      if (required) add(`${path}/${key}`, 'REQUIRED', `${key} is required`)
    } else if (typeof v !== 'string' || !DATE.test(v) || Number.isNaN(Date.parse(v))) {
      add(`${path}/${key}`, 'FORMAT', `${key} must be a date YYYY-MM-DD`)
    }
  }
  const array = (obj: Json, key: string, path: string, min: number): unknown[] | undefined => {
    const v = obj[key]
    if (v === undefined) {
      if (min > 0) add(`${path}/${key}`, 'REQUIRED', `${key} is required`)
      return undefined
    }
    if (!Array.isArray(v)) {
      add(`${path}/${key}`, 'TYPE', `${key} must be an array`)
      return undefined
    }
    if (v.length < min) add(`${path}/${key}`, 'TOO_FEW', `${key} needs at least ${min} item(s)`)
    return v
  }
  const place = (obj: Json, key: string, path: string, required: boolean): Json | undefined => {
    const v = obj[key]
    if (v === undefined) {
      if (required) add(`${path}/${key}`, 'REQUIRED', `${key} is required`)
      return undefined
    }
    if (!isObject(v)) {
      add(`${path}/${key}`, 'TYPE', `${key} must be an object`)
      return undefined
    }
    const code = v.UNLocationCode
    if (code !== undefined && (typeof code !== 'string' || !UN_LOCODE.test(code))) {
      add(
        `${path}/${key}/UNLocationCode`,
        'FORMAT',
        'UNLocationCode must be a 5-character UN/LOCODE',
      )
    }
    if (code === undefined && v.locationName === undefined && v.facility === undefined) {
      add(`${path}/${key}`, 'REQUIRED', `${key} needs a UNLocationCode, locationName or facility`)
    }
    return v
  }

  return { str, bool, oneOf, date, array, place }
}

/** The checks {@link createDocumentChecks} returns. */
export type DocumentChecks = ReturnType<typeof createDocumentChecks>
