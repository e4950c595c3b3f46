import {
  sm2JwkFromPublicKey,
  sm2PublicKeyFromJwk,
  type SigningAlgorithm,
} from '@landsea/core/crypto'
import {
  ORGANISATION_ROLES,
  type Organisation,
  type OrganisationStore,
} from '@landsea/core/organisation'
import { Type } from '@sinclair/typebox'
import { calculateJwkThumbprint, importJWK, type JWK } from 'jose'
import { callerOf } from '../auth.js'
import { ApiError } from '../errors.js'
import { registerOrganisation } from '@landsea/node'
import type { RoutePlugin } from '../route-plugin.js'
import { errorResponses, IdParams } from '../schemas.js'

/** Dependencies of the organisation routes. */
export interface OrganisationRoutesOptions {
  readonly organisations: OrganisationStore
}

const PublicJwk = Type.Object(
  { kty: Type.String(), crv: Type.String(), x: Type.String(), y: Type.Optional(Type.String()) },
  { additionalProperties: true },
)

const CreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    nameZh: Type.Optional(Type.String({ maxLength: 200 })),
    country: Type.String({ pattern: '^[A-Z]{2}$' }),
    roles: Type.Array(Type.Union(ORGANISATION_ROLES.map((r) => Type.Literal(r))), { minItems: 1 }),
    identifiers: Type.Optional(
      Type.Array(
        Type.Object({
          scheme: Type.String({ minLength: 1 }),
          value: Type.String({ minLength: 1 }),
        }),
      ),
    ),
    keyAlg: Type.Optional(
      Type.Union([Type.Literal('EdDSA'), Type.Literal('ES256'), Type.Literal('SM2SM3')]),
    ),
    publicJwk: Type.Optional(PublicJwk),
  },
  { additionalProperties: false },
)

const KeyBody = Type.Object(
  {
    alg: Type.Union([Type.Literal('EdDSA'), Type.Literal('ES256'), Type.Literal('SM2SM3')]),
    publicJwk: Type.Optional(PublicJwk),
  },
  { additionalProperties: false },
)

/** Checks a submitted public JWK really is a public key of the algorithm, and names it by thumbprint. */
async function toPublicKey(alg: SigningAlgorithm, jwk: JWK) {
  if ('d' in jwk)
    throw new ApiError('REQUEST_VALIDATION_FAILED', 'send the public key only', {
      issues: [
        { path: '/publicJwk/d', code: 'FORBIDDEN', message: 'a private key must never be sent' },
      ],
    })
  const expected =
    alg === 'EdDSA'
      ? { kty: 'OKP', crv: 'Ed25519' }
      : alg === 'SM2SM3'
        ? { kty: 'EC', crv: 'SM2' }
        : { kty: 'EC', crv: 'P-256' }
  if (jwk.kty !== expected.kty || jwk.crv !== expected.crv) {
    throw new ApiError('REQUEST_VALIDATION_FAILED', `the key is not ${expected.crv}`, {
      issues: [
        {
          path: '/publicJwk',
          code: 'KEY_TYPE',
          message: `${alg} needs kty ${expected.kty}, crv ${expected.crv}`,
        },
      ],
    })
  }
  try {
    // jose has no SM2; decoding the point checks it is on the curve (docs/decisions/0003).
    if (alg === 'SM2SM3') sm2JwkFromPublicKey(sm2PublicKeyFromJwk(jwk))
    else await importJWK(jwk, alg)
  } catch {
    throw new ApiError('REQUEST_VALIDATION_FAILED', 'the public key is invalid', {
      issues: [{ path: '/publicJwk', code: 'KEY_INVALID', message: 'not a valid public key' }],
    })
  }
  const kid = await calculateJwkThumbprint(jwk)
  return { kid, alg, publicJwk: { ...jwk, kid, alg } }
}

/** The organisation directory: public listing, registration by the node operator, own keys. */
export const organisationRoutes: RoutePlugin<OrganisationRoutesOptions> = async (
  app,
  { organisations },
) => {
  const withKeys = async (org: Organisation) => ({
    ...org,
    keys: await organisations.listKeys(org.id),
  })

  app.get(
    '/api/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'The organisations this node knows, with their public keys',
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Organisation')) }) },
      },
    },
    async () => ({ items: await Promise.all((await organisations.list()).map(withKeys)) }),
  )

  app.get(
    '/api/organisations/:id',
    {
      schema: {
        tags: ['organisations'],
        summary: 'One organisation with its public keys (current and rotated)',
        params: IdParams,
        response: { 200: Type.Ref('Organisation'), ...errorResponses(404) },
      },
    },
    async (request) => {
      const org = await organisations.getById(request.params.id)
      if (!org) throw new ApiError('NOT_FOUND', 'no such organisation')
      return withKeys(org)
    },
  )

  app.get(
    '/api/me',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['organisations'],
        summary: 'The organisation the API key belongs to',
        response: { 200: Type.Ref('Organisation'), ...errorResponses(401) },
      },
    },
    async (request) => withKeys(callerOf(request)),
  )

  app.post(
    '/api/organisations',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['organisations'],
        summary: 'Register an organisation (node operator only); returns its API key once',
        body: CreateBody,
        response: {
          201: Type.Object({ organisation: Type.Ref('Organisation'), apiKey: Type.String() }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const body = request.body
      const publicKey = body.publicJwk
        ? await toPublicKey(body.keyAlg ?? 'EdDSA', body.publicJwk)
        : undefined
      const result = await registerOrganisation(organisations, {
        name: body.name,
        nameZh: body.nameZh ?? null,
        country: body.country,
        roles: body.roles,
        identifiers: body.identifiers ?? [],
        ...(body.keyAlg ? { keyAlg: body.keyAlg } : {}),
        ...(publicKey ? { publicKey } : {}),
      })
      return reply
        .status(201)
        .send({ organisation: await withKeys(result.organisation), apiKey: result.apiKey })
    },
  )

  app.post(
    '/api/me/keys',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['organisations'],
        summary:
          'Rotate the caller’s signing key: register its own public key, or have the node generate one',
        body: KeyBody,
        response: { 201: Type.Ref('Organisation'), ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => {
      const org = callerOf(request)
      const body = request.body
      const { generateSigningKeyPair } = await import('@landsea/core/crypto')
      const key = body.publicJwk
        ? await toPublicKey(body.alg, body.publicJwk)
        : await generateSigningKeyPair({ alg: body.alg })
      await organisations.addKey(org.id, key)
      return reply.status(201).send(await withKeys(org))
    },
  )
}
