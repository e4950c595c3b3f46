import type { Fetch } from '@landsea/node'
import type { FastifyInstance } from 'fastify'

/** Every PINT message on the wire, to check each one against the PINT 3.0.0 schemas. */
export interface Wire {
  readonly method: string
  readonly path: string
  readonly body: string | undefined
  readonly status: number
  readonly response: string
}

/** Routes the nodes' outbound fetch to each other's app, recording PINT traffic; `down` drops it. */
export function network(
  apps: Map<string, FastifyInstance>,
  wire: Wire[],
  down: Set<string>,
): Fetch {
  return async (url, init) => {
    const target = new URL(url)
    if (down.has(target.origin)) throw new Error(`connect ECONNREFUSED ${target.origin}`)
    const app = apps.get(target.origin)
    if (!app) throw new Error(`no node at ${target.origin}`)
    const res = await app.inject({
      method: init.method,
      url: target.pathname + target.search,
      ...(init.headers ? { headers: init.headers } : {}),
      ...(init.body !== undefined ? { payload: init.body } : {}),
    })
    if (target.pathname.startsWith('/v3/'))
      wire.push({
        method: init.method,
        path: target.pathname,
        body: init.body,
        status: res.statusCode,
        response: res.body,
      })
    return { status: res.statusCode, text: async () => res.body }
  }
}
