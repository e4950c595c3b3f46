import type { FieldDecision, PersonalCategory, SchemaFieldDecisions } from './field-decision.js'
import { DCSA_EBL_FIELDS } from './fields-dcsa-ebl.js'
import { DCSA_TNT_FIELDS } from './fields-dcsa-tnt.js'
import { GS1_EPCIS_FIELDS } from './fields-gs1-epcis.js'
import {
  CUSTOMS_MILESTONE_FIELDS,
  LEGAL_ENTITY_SUBJECT_FIELDS,
  ORGANISATION_FIELDS,
  ROLE_SUBJECT_FIELDS,
} from './fields-landsea.js'

/**
 * The data map: for every vendored standard (by its @landsea/standards id) and for Landsea's own
 * records, which fields hold personal or sensitive information. One place; the gate, the register
 * and the subject-access export read it, nothing else decides what is personal.
 */
export const DATA_MAP = {
  'dcsa-ebl-3.0.3': DCSA_EBL_FIELDS,
  'dcsa-tnt-2.2.0': DCSA_TNT_FIELDS,
  'gs1-epcis-2.0': GS1_EPCIS_FIELDS,
  'landsea-customs-milestone': { CustomsMilestone: CUSTOMS_MILESTONE_FIELDS },
  'landsea-organisation': { Organisation: ORGANISATION_FIELDS },
  'landsea-credential': {
    LegalEntitySubject: LEGAL_ENTITY_SUBJECT_FIELDS,
    RoleSubject: ROLE_SUBJECT_FIELDS,
  },
} as const satisfies Record<string, SchemaFieldDecisions>

/** The standards of the data map that are vendored schemas (walked by data-map.test.ts). */
export const MAPPED_STANDARDS = ['dcsa-ebl-3.0.3', 'dcsa-tnt-2.2.0', 'gs1-epcis-2.0'] as const

/** A personal field of an object found under a given property name, e.g. `partyContactDetails`. */
export interface PersonalField {
  readonly field: string
  readonly decision: Exclude<FieldDecision, { class: 'none' }>
}

/**
 * Where personal data sits in payloads: property name of a container (an object or an array of
 * objects) → the personal fields of the objects found there. Compiled from a standard's schemas and
 * the data map by {@link compilePersonalDataLocator}.
 */
export type PersonalDataLocator = ReadonlyMap<string, readonly PersonalField[]>

function propertiesOf(schema: unknown): Record<string, unknown> {
  if (typeof schema !== 'object' || schema === null) return {}
  const s = schema as Record<string, unknown>
  const own = (s.properties ?? {}) as Record<string, unknown>
  const parts = [s.allOf, s.oneOf, s.anyOf].flatMap((list) =>
    Array.isArray(list) ? list.map(propertiesOf) : [],
  )
  return Object.assign({}, ...parts, own) as Record<string, unknown>
}

function refName(schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined
  const s = schema as Record<string, unknown>
  if (typeof s.$ref === 'string') return s.$ref.slice(s.$ref.lastIndexOf('/') + 1)
  // `items`, or a description wrapped around a reference: `{ description, allOf: [{ $ref }] }`.
  const wrapped = [
    s.items,
    ...[s.allOf, s.oneOf, s.anyOf].flatMap((l) => (Array.isArray(l) ? l : [])),
  ]
  for (const inner of wrapped) {
    const name = refName(inner)
    if (name !== undefined) return name
  }
  return undefined
}

/** The schemas of an OpenAPI document (`components.schemas`) or a JSON Schema (`definitions`). */
export function schemasOf(document: unknown): Record<string, unknown> {
  const d = (document ?? {}) as Record<string, Record<string, unknown> | undefined>
  return (d.components?.schemas ?? d.definitions ?? d.$defs ?? {}) as Record<string, unknown>
}

/**
 * Compiles a locator from a standard's parsed text and its data-map decisions: for each schema with
 * personal fields, every property (of any schema) whose value is that schema, or an array of it.
 */
export function compilePersonalDataLocator(
  document: unknown,
  decisions: SchemaFieldDecisions,
): PersonalDataLocator {
  const schemas = schemasOf(document)
  const personalBySchema = new Map<string, PersonalField[]>()
  for (const [schemaName, fields] of Object.entries(decisions)) {
    const personal = Object.entries(fields).flatMap(([field, decision]) =>
      decision.class === 'none' ? [] : [{ field, decision }],
    )
    if (personal.length > 0) personalBySchema.set(schemaName, personal)
  }
  const locator = new Map<string, PersonalField[]>()
  for (const schema of Object.values(schemas)) {
    for (const [property, value] of Object.entries(propertiesOf(schema))) {
      const target = refName(value)
      const personal = target === undefined ? undefined : personalBySchema.get(target)
      if (!personal) continue
      const known = locator.get(property) ?? []
      for (const field of personal) {
        if (!known.some((k) => k.field === field.field)) known.push(field)
      }
      locator.set(property, known)
    }
  }
  return locator
}

/** One personal value found in a payload: its JSON pointer, category, class and value. */
export interface FoundPersonalValue {
  readonly path: string
  readonly category: PersonalCategory
  readonly sensitive: boolean
  readonly value: string
}

/**
 * The personal values found in a payload (JSON pointers into it), each with its subject's
 * normalised identifier (`subjects[i]` is the subject of `found[i]`): what the ingest already found
 * in the events it hands to the privacy gate, so that the gate does not search them again.
 */
export interface LocatedPersonalValues {
  readonly found: readonly FoundPersonalValue[]
  readonly subjects: readonly string[]
  /** The locator they were found by: a gate with another locator searches the payload itself. */
  readonly locator: PersonalDataLocator
}

/**
 * Every personal value in a payload, by the locator. The payload is any JSON; values that are not
 * strings or numbers under a personal field are ignored (they hold no identifying text).
 */
export function findPersonalData(
  payload: unknown,
  locator: PersonalDataLocator,
): FoundPersonalValue[] {
  const found: FoundPersonalValue[] = []
  // The keys and indices down to the value being walked; a JSON pointer is written only for a value
  // found (most keys hold none).
  const segments: (string | number)[] = []
  const pointer = (index: number | undefined, field: string) => {
    let path = ''
    for (const segment of segments) path += `/${escapeSegment(segment)}`
    if (index !== undefined) path += `/${index}`
    return `${path}/${escapeSegment(field)}`
  }
  const visitObject = (
    object: unknown,
    index: number | undefined,
    fields: readonly PersonalField[],
  ) => {
    if (typeof object !== 'object' || object === null) return
    for (const { field, decision } of fields) {
      const v = (object as Record<string, unknown>)[field]
      if (typeof v === 'string' || typeof v === 'number') {
        found.push({
          path: pointer(index, field),
          category: decision.category,
          sensitive: decision.class === 'sensitive',
          value: String(v),
        })
      }
    }
  }
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        segments.push(i)
        walk(value[i])
        segments.pop()
      }
      return
    }
    if (typeof value !== 'object' || value === null) return
    for (const key of Object.keys(value)) {
      const child = (value as Record<string, unknown>)[key]
      segments.push(key)
      const fields = locator.get(key)
      if (fields) {
        if (Array.isArray(child)) child.forEach((item, i) => visitObject(item, i, fields))
        else visitObject(child, undefined, fields)
      }
      walk(child)
      segments.pop()
    }
  }
  walk(payload)
  return found
}

/** RFC 6901 §3: `~` and `/` in a key are escaped (rare: most keys are taken as they are). */
function escapeSegment(segment: string | number): string {
  if (typeof segment === 'number' || !/[~/]/.test(segment)) return String(segment)
  return segment.replace(/~/g, '~0').replace(/\//g, '~1')
}

/**
 * A copy of the payload with every personal value replaced by `pseudonymise(value)` (the node's
 * salted hash): what a recipient whose purpose needs no personal data receives. `copy`: `deep`
 * (the default) copies the whole payload; `paths` copies only the arrays and objects on the paths
 * of the values replaced, and shares every other member with the payload (for a copy that is
 * serialised and not changed, e.g. a webhook's text); `none`: the caller owns the payload (e.g. it
 * just parsed it), so it is changed rather than copied. The payload is left unchanged but by `none`.
 */
export function minimisePayload(
  payload: unknown,
  found: readonly { readonly path: string }[],
  pseudonymise: (value: unknown, path: string) => unknown,
  { copy = 'deep' }: { copy?: 'deep' | 'paths' | 'none' } = {},
): unknown {
  // `paths`: each array or object on a path is copied the first time a path goes through it.
  const made = new WeakSet<object>()
  const own = (value: unknown): Record<string, unknown> => {
    if (copy !== 'paths' || made.has(value as object)) return value as Record<string, unknown>
    const shallow = Array.isArray(value)
      ? value.slice()
      : isPlainObject(value)
        ? // Spread defines own data properties: a `__proto__` key stays a member, never the prototype.
          { ...value }
        : copyJson(value)
    made.add(shallow as object)
    return shallow as Record<string, unknown>
  }
  const result = own(copy === 'deep' ? copyJson(payload) : payload)
  for (const { path } of found) {
    const segments = pointerSegments(path)
    const last = segments.pop()!
    let target = result
    for (const segment of segments) {
      const child = own(target[segment])
      if (child !== target[segment]) target[segment] = child
      target = child
    }
    target[last] = pseudonymise(target[last], path)
  }
  return result
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value) as unknown
  return prototype === Object.prototype || prototype === null
}

/** The member names and indices a JSON pointer (RFC 6901) names, unescaped. */
export function pointerSegments(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/**
 * A deep copy of JSON data, as `structuredClone` makes it but about ten times faster on a bill
 * (it copies several per transfer); an object that is not plain data is left to `structuredClone`.
 */
function copyJson(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return value.map(copyJson)
  const prototype = Object.getPrototypeOf(value) as unknown
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value)
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const item = copyJson((value as Record<string, unknown>)[key])
    // A `__proto__` key parsed from JSON is an own property: copied as one, never the prototype.
    if (key === '__proto__')
      Object.defineProperty(copy, key, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      })
    else copy[key] = item
  }
  return copy
}
