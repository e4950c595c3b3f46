import { createRequire } from 'node:module'
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv'
import { createAjv, POINTER, standardSchema } from './create-ajv.js'
import type { StandardId } from './standard-documents.js'

/**
 * A problem found by a standard's schema: where in the value (`path`, a JSON Pointer), a stable code
 * (`SCHEMA_` + the JSON Schema keyword), a message, and where in the standard's text the rule is
 * (`schemaPath`, the schema reference plus the keyword's JSON Pointer).
 */
export interface SchemaIssue {
  readonly path: string
  readonly code: string
  readonly message: string
  readonly schemaPath: string
}

/**
 * A schema of a vendored standard: the standard's id, `#`, and a JSON Pointer into its text,
 * e.g. `dcsa-ebl-3.0.3#/components/schemas/TransportDocument` or `gs1-epcis-2.0#`.
 */
export type SchemaRef = `${StandardId}#${string}`

let ajv: Ajv | undefined
const added = new Set<StandardId>()
const compiled = new Map<string, ValidateFunction>()

/**
 * The validators generated at install time (`npm ci` runs `scripts/build-validators.ts` in
 * `prepare`): Ajv's standalone code for the schemas nodes check on every request, so a process
 * neither parses the standards' YAML nor compiles their schemas for them. Absent (a checkout not
 * installed yet), every schema is compiled on first use instead.
 */
function generated(): Readonly<Record<string, ValidateFunction>> {
  try {
    const require = createRequire(import.meta.url)
    return require('../generated/validators.cjs') as Record<string, ValidateFunction>
  } catch {
    return {}
  }
}
let prebuilt: Readonly<Record<string, ValidateFunction>> | undefined

function validatorFor(ref: SchemaRef): ValidateFunction {
  let validate = compiled.get(ref)
  if (validate === undefined) {
    prebuilt ??= generated()
    validate = prebuilt[ref] ?? compile(ref)
    compiled.set(ref, validate)
  }
  return validate
}

// Only the standard the reference names is read and added: each refers to itself alone.
function compile(ref: SchemaRef): ValidateFunction {
  ajv ??= createAjv()
  const id = ref.slice(0, ref.indexOf('#')) as StandardId
  if (!added.has(id)) {
    ajv.addSchema(standardSchema(id), id)
    added.add(id)
  }
  const found = ajv.getSchema(ref)
  if (found === undefined) throw new Error(`no schema ${ref}`)
  return found
}

/**
 * Validates a value against a schema of a vendored standard and lists every problem; an empty
 * list means the value is valid. Schemas come generated at install time or are compiled once and
 * cached. The value is untrusted JSON.
 *
 * @example
 * validateAgainst('dcsa-ebl-3.0.3#/components/schemas/TransportDocument', draft)
 */
export function validateAgainst(ref: SchemaRef, value: unknown): SchemaIssue[] {
  const validate = validatorFor(ref)
  if (validate(value)) return []
  return (validate.errors ?? []).map(toIssue)
}

function toIssue(error: ErrorObject): SchemaIssue {
  const params = error.params as Record<string, unknown>
  let path = error.instancePath
  if (error.keyword === 'required') path += `/${escape(String(params.missingProperty))}`
  if (error.keyword === 'additionalProperties')
    path += `/${escape(String(params.additionalProperty))}`
  const parent = error.parentSchema as Record<string, unknown> | undefined
  const at = typeof parent?.[POINTER] === 'string' ? parent[POINTER] : undefined
  const schemaPath = at === undefined ? error.schemaPath : `${at}/${error.keyword}`
  return {
    path,
    code: `SCHEMA_${error.keyword.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`,
    message:
      error.keyword === 'required'
        ? `${String(params.missingProperty)} is required`
        : `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`,
    schemaPath,
  }
}

function escape(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1')
}
