import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiError } from './errors.js'
import { addRouteHook } from './route-hooks.js'

interface QuerySchema {
  readonly properties?: Readonly<Record<string, { readonly type?: unknown }>>
}

const isNumeric = (type: unknown) =>
  type === 'number' || type === 'integer' || (Array.isArray(type) && type.some(isNumeric))

/**
 * Refuses a query parameter declared as a number whose text is not a finite number (`Infinity`,
 * `1e309`, `NaN`), before schema validation. Ajv's type coercion turns `"Infinity"` into
 * `Infinity` and then skips `minimum`/`maximum` on it, so `limit=Infinity` would reach the
 * database; here it is `REQUEST_VALIDATION_FAILED` with an issue like any other. Not done in
 * Ajv itself: its `strictNumbers` option does not check a value its coercion produced (with it,
 * `"Infinity"` and `"1e309"` even pass `maximum` on Ajv 8), and a custom keyword would have to be
 * added to every numeric query schema.
 */
export function installFiniteQueryNumbers(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const schema = route.schema?.querystring as QuerySchema | undefined
    const numeric = Object.entries(schema?.properties ?? {})
      .filter(([, property]) => isNumeric(property.type))
      .map(([name]) => name)
    // Only routes with a numeric query parameter check on each request.
    if (numeric.length > 0) addRouteHook(route, 'preValidation', refuseNonFinite(numeric))
  })
}

function refuseNonFinite(numeric: readonly string[]) {
  return async (request: FastifyRequest) => {
    const query: unknown = request.query
    if (typeof query !== 'object' || query === null) return
    const values = new Map(Object.entries(query))
    const issues = []
    for (const name of numeric) {
      const value: unknown = values.get(name)
      if (value === undefined) continue
      for (const text of Array.isArray(value) ? value : [value]) {
        if (typeof text === 'string' && text.trim() !== '' && !Number.isFinite(Number(text))) {
          issues.push({
            path: `querystring/${name}`,
            code: 'TYPE',
            message: 'must be a finite number',
          })
        }
      }
    }
    if (issues.length > 0) {
      throw new ApiError('REQUEST_VALIDATION_FAILED', 'the request is invalid', { issues })
    }
  }
}
