import {
  hasRole,
  type Organisation,
  type OrganisationRole,
  type OrganisationStore,
} from '@landsea/core/organisation'
import { hashApiKey } from '@landsea/node'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiError } from './errors.js'
import { addRouteHook } from './route-hooks.js'
import { bearerAuth } from './schemas.js'

/**
 * Who may call a route: any organisation with an API key, the node operator, or an organisation
 * with one of the roles; `platform-signature` is another eBL platform, authenticated by the JWS
 * signatures of what it sends (DCSA PINT: a bad signature is answered `BSIG`, signed), so no API key.
 * Routes without it are public.
 */
export type RouteAuth =
  'organisation' | 'operator' | 'platform-signature' | readonly OrganisationRole[]

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route, checked before its body is parsed or validated. */
    auth?: RouteAuth
  }
  interface FastifyRequest {
    /** The calling organisation, on a route with `auth` in its config. */
    organisation: Organisation | undefined
  }
}

const AUTH_REQUIRED_MESSAGE = 'send the organisation API key as Authorization: Bearer <key>'

/** The API key in `Authorization: Bearer <key>` (or `X-Api-Key`), if any. */
export function readApiKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim()
  const alt = request.headers['x-api-key']
  return typeof alt === 'string' ? alt : undefined
}

function rolesFor(auth: RouteAuth): readonly OrganisationRole[] {
  if (auth === 'organisation' || auth === 'platform-signature') return []
  return auth === 'operator' ? ['NODE_OPERATOR'] : auth
}

/**
 * The one authentication of the API: for a route with `auth` in its config, resolves the API key
 * to the calling organisation (`AUTH_REQUIRED` / `AUTH_INVALID`, 401) and checks its roles
 * (`AUTH_FORBIDDEN`, 403). It runs on request, so a caller without the right key learns nothing
 * about the body a route expects. Such routes get the bearer key in the OpenAPI document; install
 * it before the routes and before `@fastify/swagger`.
 */
export function installAuthentication(
  app: FastifyInstance,
  organisations: OrganisationStore,
): void {
  app.decorateRequest('organisation', undefined)
  app.addHook('onRoute', (route) => {
    const auth = route.config?.auth
    // A platform's envelope is authenticated by its signatures, in the PINT use case itself.
    if (auth === undefined || auth === 'platform-signature') return
    // The OpenAPI document shows the bearer key on exactly the routes this hook guards.
    route.schema = { ...route.schema, security: bearerAuth }
    const roles = rolesFor(auth)
    addRouteHook(route, 'onRequest', async (request: FastifyRequest) => {
      const key = readApiKey(request)
      if (!key) throw new ApiError('AUTH_REQUIRED', AUTH_REQUIRED_MESSAGE)
      const organisation = await organisations.findByApiKeyHash(hashApiKey(key))
      if (!organisation) throw new ApiError('AUTH_INVALID', 'the API key is not valid')
      if (roles.length > 0) requireRole(organisation, ...roles)
      request.organisation = organisation
    })
  })
}

/** The calling organisation of a route with `auth` in its config, as the hook resolved it. */
export function callerOf(request: FastifyRequest): Organisation {
  if (!request.organisation) throw new ApiError('AUTH_REQUIRED', AUTH_REQUIRED_MESSAGE)
  return request.organisation
}

/** Fails with `AUTH_FORBIDDEN` unless the organisation has one of the roles. */
export function requireRole(org: Organisation, ...roles: readonly OrganisationRole[]): void {
  if (!hasRole(org, ...roles)) {
    throw new ApiError('AUTH_FORBIDDEN', `this needs the role ${roles.join(' or ')}`)
  }
}
