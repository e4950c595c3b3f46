import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify'

/**
 * Adds an async hook to one route as it is declared (from an `onRoute` hook), so that only the
 * routes that need a check run it, after the app's own hooks of that kind; what depends on the
 * route alone is worked out once, there, rather than on each request.
 */
export function addRouteHook(
  route: RouteOptions,
  name: 'onRequest' | 'preValidation',
  hook: (request: FastifyRequest, reply: FastifyReply) => Promise<void>,
): void {
  const existing: unknown = route[name]
  const hooks = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]
  Object.assign(route, { [name]: [...hooks, hook] })
}
