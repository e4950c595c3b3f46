import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Static, TSchema } from '@sinclair/typebox'
import type { FastifyPluginAsync, RawServerDefault } from 'fastify'

type DeepReadonly<T> = 0 extends 1 & T
  ? T
  : T extends readonly (infer U)[]
    ? readonly DeepReadonly<U>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T

/**
 * Fastify's TypeBox type provider, with responses typed read-only: a handler may return core's
 * values as they are (readonly fields and lists, STYLE rule 7), while params, query and body are
 * the plain static types of their schemas.
 */
export interface ReadonlyTypeBoxProvider extends TypeBoxTypeProvider {
  serializer: this['schema'] extends TSchema ? DeepReadonly<Static<this['schema']>> : unknown
}

/**
 * A route plugin (one per resource) typed from its schemas: `request.params`, `.query` and
 * `.body` have the static types of the route's TypeBox schemas, and what it returns is checked
 * against its response schemas.
 */
export type RoutePlugin<Options extends object> = FastifyPluginAsync<
  Options,
  RawServerDefault,
  ReadonlyTypeBoxProvider
>
