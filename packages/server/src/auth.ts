import { createHash, randomBytes } from 'node:crypto'
import type { Organisation, OrganisationRole, OrganisationStore } from '@landsea/core/organisation'
import type { FastifyRequest } from 'fastify'
import { ApiError } from './errors.js'

/** A new API key: 32 random bytes, base64url, prefixed so it is recognisable in logs and secrets scanners. */
export function createApiKey(): string {
  return `lsk_${randomBytes(32).toString('base64url')}`
}

/** API keys are stored only as their SHA-256. */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex')
}

/** The API key in `Authorization: Bearer <key>` (or `X-Api-Key`), if any. */
export function readApiKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim()
  const alt = request.headers['x-api-key']
  return typeof alt === 'string' ? alt : undefined
}

/** Resolves the calling organisation from its API key; `AUTH_REQUIRED` / `AUTH_INVALID` otherwise. */
export async function authenticate(
  request: FastifyRequest,
  organisations: OrganisationStore,
): Promise<Organisation> {
  const key = readApiKey(request)
  if (!key)
    throw new ApiError(
      'AUTH_REQUIRED',
      'send the organisation API key as Authorization: Bearer <key>',
    )
  const org = await organisations.findByApiKeyHash(hashApiKey(key))
  if (!org) throw new ApiError('AUTH_INVALID', 'the API key is not valid')
  return org
}

/** Fails with `AUTH_FORBIDDEN` unless the organisation has one of the roles. */
export function requireRole(org: Organisation, ...roles: OrganisationRole[]): void {
  if (!roles.some((r) => org.roles.includes(r))) {
    throw new ApiError('AUTH_FORBIDDEN', `this needs the role ${roles.join(' or ')}`)
  }
}
