import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { applyErrata } from './errata.js'
import { toJsonSchema } from './openapi-schema.js'
import { loadStandardDocument, STANDARD_FILES, type StandardId } from './standard-documents.js'

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

// ajv-formats is CommonJS with `exports.default`; under NodeNext the namespace's default is the module.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

let ajv: Ajv | undefined
const compiled = new Map<string, ValidateFunction>()
// Where each schema object sits in its standard's text, to report a rule's schemaPath whatever $ref led there.
const pointers = new WeakMap<object, string>()

function indexPointers(node: unknown, pointer: string): void {
  if (typeof node !== 'object' || node === null || pointers.has(node)) return
  pointers.set(node, pointer)
  for (const [key, child] of Object.entries(node)) indexPointers(child, `${pointer}/${escape(key)}`)
}

function createAjv(): Ajv {
  // strict: false because an OpenAPI document carries annotations JSON Schema does not know
  // (`example`, `discriminator`, `x-*`); every assertion keyword is still enforced.
  const instance = new Ajv({ allErrors: true, verbose: true, strict: false, allowUnionTypes: true })
  addFormats(instance)
  // OpenAPI 3.0 data-type formats (§4.7.24.2): the `type` already asserts what they mean here.
  for (const format of ['int32', 'int64', 'int', 'float', 'double', 'byte', 'binary', 'password'])
    instance.addFormat(format, true)
  for (const id of Object.keys(STANDARD_FILES) as StandardId[]) {
    const document = loadStandardDocument(id) as Record<string, unknown>
    const schema =
      id === 'gs1-epcis-2.0'
        ? { ...document, $id: id }
        : {
            $id: id,
            components: {
              schemas: toJsonSchema((document.components as { schemas: unknown }).schemas),
            },
          }
    applyErrata(id, schema)
    indexPointers(schema, `${id}#`)
    instance.addSchema(schema, id)
  }
  return instance
}

function validatorFor(ref: SchemaRef): ValidateFunction {
  let validate = compiled.get(ref)
  if (validate === undefined) {
    ajv ??= createAjv()
    const found = ajv.getSchema(ref)
    if (found === undefined) throw new Error(`no schema ${ref}`)
    validate = found
    compiled.set(ref, validate)
  }
  return validate
}

/**
 * Validates a value against a schema of a vendored standard and lists every problem; an empty
 * list means the value is valid. Schemas are compiled once and cached. The value is untrusted JSON.
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
  const parent = error.parentSchema
  const at = typeof parent === 'object' && parent !== null ? pointers.get(parent) : undefined
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
