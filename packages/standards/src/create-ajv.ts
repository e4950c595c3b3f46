import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import traverse from 'json-schema-traverse'
import { applyErrata } from './errata.js'
import { toJsonSchema } from './openapi-schema.js'
import { loadStandardDocument, type StandardId } from './standard-documents.js'

// ajv-formats is CommonJS with `exports.default`; under NodeNext the namespace's default is the module.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

/**
 * The annotation each schema object carries: its place in its standard's text
 * (`dcsa-ebl-3.0.3#/components/schemas/IssuingParty`), to report a rule's `schemaPath` whatever
 * `$ref` led there. An annotation, not a JSON Schema keyword: Ajv ignores it (strict: false) and
 * keeps it in the schemas of generated validators, so it works there too.
 */
export const POINTER = 'x-landsea-pointer'

function escape(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1')
}

function annotate(schema: object, base: string): void {
  traverse(schema, (sub: Record<string, unknown>, jsonPtr: string) => {
    sub[POINTER] = `${base}${jsonPtr}`
  })
}

/** A standard's text as one JSON Schema document (`$id` is the standard's id), annotated. */
export function standardSchema(id: StandardId): object {
  const document = loadStandardDocument(id) as Record<string, unknown>
  if (id === 'gs1-epcis-2.0') {
    const schema = structuredClone({ ...document, $id: id })
    applyErrata(id, schema)
    annotate(schema, `${id}#`)
    return schema
  }
  const schemas = toJsonSchema((document.components as { schemas: unknown }).schemas) as Record<
    string,
    object
  >
  const schema = { $id: id, components: { schemas } }
  applyErrata(id, schema)
  for (const [name, sub] of Object.entries(schemas))
    annotate(sub, `${id}#/components/schemas/${escape(name)}`)
  return schema
}

/**
 * The Ajv instance every vendored standard is checked with: all errors, verbose (errors carry
 * their schema, so its {@link POINTER}), OpenAPI 3.0 data-type formats asserted by `type`.
 * `source` keeps the generated code, for standalone validators built at install time.
 */
export function createAjv({ source = false }: { readonly source?: boolean } = {}): Ajv {
  // strict: false because an OpenAPI document carries annotations JSON Schema does not know
  // (`example`, `discriminator`, `x-*`); every assertion keyword is still enforced.
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: false,
    allowUnionTypes: true,
    ...(source ? { code: { source: true } } : {}),
  })
  addFormats(ajv)
  // OpenAPI 3.0 data-type formats (§4.7.24.2): the `type` already asserts what they mean here.
  for (const format of ['int32', 'int64', 'int', 'float', 'double', 'byte', 'binary', 'password'])
    ajv.addFormat(format, true)
  return ajv
}
