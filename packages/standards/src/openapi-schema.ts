/**
 * Translates an OpenAPI 3.0 Schema Object tree into JSON Schema draft-07 in memory, so that the
 * vendored files stay byte for byte as published. OpenAPI 3.0 keeps draft-04's boolean
 * `exclusiveMinimum` / `exclusiveMaximum` (OpenAPI 3.0.3 §4.7.24.1); draft-07 wants the bound itself.
 * `nullable` is understood by Ajv; `discriminator` (which DCSA keys by a boolean) and `example` are
 * annotations here, and the `oneOf` they sit beside does the validating.
 */
export function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema)
  if (typeof node !== 'object' || node === null) return node
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) out[key] = toJsonSchema(value)
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (out[flag] === true) {
      out[flag] = out[bound]
      delete out[bound]
    } else if (out[flag] === false) {
      delete out[flag]
    }
  }
  return out
}
