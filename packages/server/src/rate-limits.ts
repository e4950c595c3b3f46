import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiError } from './errors.js'

/** How often one caller may use a route that costs the node an outbound request. */
export interface OutboundRateLimit {
  /** Requests per window and caller. */
  readonly max: number
  readonly windowMs: number
}

/** The default: 30 a minute per API key (per address on the one such route without a key). */
export const DEFAULT_OUTBOUND_RATE_LIMIT: OutboundRateLimit = { max: 30, windowMs: 60_000 }

/** Per API key: the calling organisation, which authentication resolved; else per address. */
function callerKey(request: FastifyRequest): string {
  return request.organisation ? `org:${request.organisation.id}` : `ip:${request.ip}`
}

/**
 * Installs `@fastify/rate-limit` for the routes that opt in with `config: { rateLimit:
 * outboundRouteLimit(limit) }`: those that may cost the node an outbound request (DID
 * resolution, credential verification with remote keys and status lists, joining). It counts
 * after authentication and before body validation, per caller, in this process's memory (a
 * cluster of N processes allows up to N times the limit). Over the limit: 429 `RATE_LIMITED`
 * with `Retry-After` and the `x-ratelimit-*` headers.
 */
export async function installRateLimits(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    hook: 'preValidation',
    keyGenerator: callerKey,
    errorResponseBuilder: (_request, context) =>
      new ApiError(
        'RATE_LIMITED',
        `at most ${context.max} of these requests per ${context.after}; retry after that`,
      ),
  })
}

/** The route config of a rate-limited route. */
export function outboundRouteLimit({ max, windowMs }: OutboundRateLimit) {
  return { max, timeWindow: windowMs }
}
