import { ORGANISATION_ROLES, type OrganisationStore } from '@landsea/core/organisation'
import { Type } from '@sinclair/typebox'
import { callerOf, requireRole } from '../auth.js'
import { ApiError } from '../errors.js'
import type { NodeIdentityService } from '@landsea/node'
import type { RoutePlugin } from '../route-plugin.js'
import {
  DEFAULT_OUTBOUND_RATE_LIMIT,
  outboundRouteLimit,
  type OutboundRateLimit,
} from '../rate-limits.js'
import { errorResponses, IdParams } from '../schemas.js'
import { CredentialVerificationSchema } from './credentials.js'

/** Dependencies of the identity routes. */
export interface IdentityRoutesOptions {
  readonly identity: NodeIdentityService
  readonly organisations: OrganisationStore
  /** The limit on routes that may cost the node an outbound request (DID resolution, joining). */
  readonly outboundLimit?: OutboundRateLimit
}

const DidDocumentSchema = Type.Object(
  {
    '@context': Type.Array(Type.String()),
    id: Type.String(),
    verificationMethod: Type.Array(Type.Any()),
    assertionMethod: Type.Array(Type.String()),
    authentication: Type.Array(Type.String()),
  },
  { additionalProperties: true, description: 'DID Core document (did:web)' },
)

const VerificationSchema = Type.Object({
  status: Type.String({ description: 'verified, unverified or revoked' }),
  credentialId: Type.Optional(Type.String()),
  issuer: Type.Optional(Type.String()),
  trustPath: Type.Optional(Type.Array(Type.String())),
  verifiedAt: Type.Optional(Type.String()),
})

const JoinBody = Type.Object(
  {
    nonce: Type.String({ minLength: 8, maxLength: 128 }),
    presentation: Type.String({
      minLength: 10,
      maxLength: 200_000,
      description: 'vp+jwt of the legal-entity credential',
    }),
    roles: Type.Array(
      Type.Union(
        ORGANISATION_ROLES.filter((r) => r !== 'NODE_OPERATOR' && r !== 'AUTHORITY').map((r) =>
          Type.Literal(r),
        ),
      ),
      { minItems: 1 },
    ),
    signingKey: Type.Optional(
      Type.Object(
        {
          kty: Type.String(),
          crv: Type.String(),
          x: Type.String(),
          y: Type.Optional(Type.String()),
        },
        {
          additionalProperties: true,
          description: 'The public key to sign title actions with; default: a custodial key',
        },
      ),
    ),
  },
  { additionalProperties: false },
)

/**
 * DID documents of everything this node hosts (did:web paths, outside /api), organisation
 * verification, and onboarding: an organisation joins by presenting its legal-entity credential.
 */
export const identityRoutes: RoutePlugin<IdentityRoutesOptions> = async (
  app,
  { identity, organisations, outboundLimit = DEFAULT_OUTBOUND_RATE_LIMIT },
) => {
  const rateLimit = outboundRouteLimit(outboundLimit)
  const serveDid = async (prefix: string, id: string) => {
    const did = `${identity.hostDid}:${prefix}:${encodeURIComponent(id)}`
    const document = await identity.hostedDocument(did)
    if (!document) throw new ApiError('NOT_FOUND', `no DID document for ${did}`)
    return document
  }
  for (const [path, prefix, summary] of [
    [
      '/orgs/:id/did.json',
      'orgs',
      'DID document of an organisation of this node (did:web), with rotated keys',
    ],
    [
      '/authorities/:id/did.json',
      'authorities',
      'DID document of a trust authority hosted by this node',
    ],
    ['/issuers/:id/did.json', 'issuers', 'DID document of a credential issuer hosted by this node'],
  ] as const) {
    app.get(
      path,
      {
        schema: {
          tags: ['identity'],
          summary,
          params: IdParams,
          response: { 200: DidDocumentSchema, ...errorResponses(404) },
        },
      },
      async (request) => serveDid(prefix, request.params.id),
    )
  }

  app.get(
    '/.well-known/did.json',
    {
      schema: {
        tags: ['identity'],
        summary:
          'DID document of this node (did:web of its host): the key that signs emissions claims',
        response: { 200: DidDocumentSchema, ...errorResponses(404) },
      },
    },
    async () => {
      const document = await identity.hostedDocument(identity.hostDid)
      if (!document) throw new ApiError('NOT_FOUND', `no DID document for ${identity.hostDid}`)
      return document
    },
  )

  app.get(
    '/api/identity/dids/:did',
    {
      // It may cost the node an outbound request (did:web, status lists): callers only, limited.
      config: { auth: 'organisation', rateLimit },
      schema: {
        tags: ['identity'],
        summary:
          'Resolve a DID (did:key locally; did:web from this node, the cache, or the network)',
        params: Type.Object({ did: Type.String({ minLength: 8, maxLength: 512 }) }),
        response: { 200: DidDocumentSchema, ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request) => identity.resolver.resolve(request.params.did),
  )

  app.get(
    '/api/organisations/:id/verification',
    {
      schema: {
        tags: ['identity', 'organisations'],
        summary:
          'Whether an organisation is verified, by which credential and trust path; its credentials',
        params: IdParams,
        response: {
          200: Type.Object({
            did: Type.String(),
            verification: VerificationSchema,
            credentials: Type.Array(
              Type.Object({
                id: Type.String(),
                type: Type.String(),
                issuer: Type.String(),
                format: Type.String(),
                credential: Type.String(),
              }),
            ),
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const { id } = request.params
      const found = await identity.organisationVerification(id)
      if (!found) throw new ApiError('NOT_FOUND', 'no such organisation')
      const { did, verification, credentials } = found
      return {
        did,
        verification,
        credentials: credentials.map(({ id: credentialId, type, issuer, format, credential }) => ({
          id: credentialId,
          type,
          issuer,
          format,
          credential,
        })),
      }
    },
  )

  app.post(
    '/api/organisations/:id/credentials',
    {
      // Verifying the credential may resolve did:web and status lists: limited.
      config: { auth: 'organisation', rateLimit },
      schema: {
        tags: ['identity', 'organisations'],
        summary:
          'Present a legal-entity credential for an existing organisation (the organisation itself or the node operator)',
        params: IdParams,
        body: Type.Object(
          {
            credential: Type.Union([
              Type.String({ maxLength: 200_000 }),
              Type.Object({}, { additionalProperties: true }),
            ]),
          },
          { additionalProperties: false },
        ),
        response: { 200: CredentialVerificationSchema, ...errorResponses(401, 403, 404, 429) },
      },
    },
    async (request) => {
      const caller = callerOf(request)
      const { id } = request.params
      // An organisation presents its own credential; the node operator may for any.
      if (caller.id !== id) requireRole(caller, 'NODE_OPERATOR')
      if (!(await organisations.getById(id)))
        throw new ApiError('NOT_FOUND', 'no such organisation')
      return identity.verifyOrganisation(id, request.body.credential)
    },
  )

  app.post(
    '/api/organisations/join/challenge',
    {
      schema: {
        tags: ['identity', 'organisations'],
        summary: 'A one-time nonce and the audience (this node’s DID) for a join presentation',
        response: {
          200: Type.Object({
            nonce: Type.String(),
            audience: Type.String(),
            expiresAt: Type.String(),
          }),
        },
      },
    },
    async () => identity.createChallenge(),
  )

  app.post(
    '/api/organisations/join',
    {
      // Verifying the presentation may resolve did:web and status lists: limited per address.
      config: { rateLimit },
      schema: {
        tags: ['identity', 'organisations'],
        summary:
          'Join this node by presenting a verifiable presentation (vp+jwt) of a legal-entity credential; returns the API key once',
        body: JoinBody,
        response: {
          201: Type.Object({
            organisation: Type.Ref('Organisation'),
            apiKey: Type.String(),
            verification: VerificationSchema,
          }),
          ...errorResponses(400, 403, 422, 429),
        },
      },
    },
    async (request, reply) => {
      const { presentation, nonce, roles, signingKey } = request.body
      const joined = await identity.joinOrganisation({
        presentation,
        nonce,
        roles,
        ...(signingKey ? { signingKey } : {}),
      })
      const keys = await organisations.listKeys(joined.organisation.id)
      return reply.status(201).send({ ...joined, organisation: { ...joined.organisation, keys } })
    },
  )
}
