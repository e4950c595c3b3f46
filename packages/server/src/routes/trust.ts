import { primaryCompactOf, readJwsHeader } from '@landsea/core/crypto'
import { readRecognition, readTrustList, TRUST_LIST_TYP } from '@landsea/core/identity'
import { Type } from '@sinclair/typebox'
import { ApiError } from '../errors.js'
import type { NodeIdentityService } from '@landsea/node'
import type { RoutePlugin } from '../route-plugin.js'
import { errorResponses } from '../schemas.js'

/** Dependencies of the trust routes. */
export interface TrustRoutesOptions {
  readonly identity: NodeIdentityService
}

const TrustListSchema = Type.Object({
  jurisdiction: Type.String(),
  authority: Type.String(),
  version: Type.Integer(),
  validFrom: Type.String(),
  validUntil: Type.String(),
  entries: Type.Array(Type.Any()),
  jws: Type.String({ description: 'The signed list (typ landsea-trust-list+jwt)' }),
})

const RecognitionSchema = Type.Object({
  recogniser: Type.Object({ jurisdiction: Type.String(), authority: Type.String() }),
  recognised: Type.Object({
    jurisdiction: Type.String(),
    authority: Type.String(),
    minimumListVersion: Type.Integer(),
  }),
  credentialTypes: Type.Array(Type.String()),
  roles: Type.Array(Type.String()),
  validFrom: Type.String(),
  validUntil: Type.String(),
  jws: Type.String({ description: 'The signed statement (typ landsea-recognition+jwt)' }),
})

const RecogniseBody = Type.Object(
  {
    recognised: Type.String({ description: 'DID of the authority whose list is recognised' }),
    recogniser: Type.Optional(
      Type.String({ description: 'DID of the recognising authority; default: the node’s anchor' }),
    ),
    credentialTypes: Type.Array(Type.String(), { minItems: 1 }),
    roles: Type.Optional(Type.Array(Type.String())),
    validFrom: Type.String({ format: 'date-time' }),
    validUntil: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
)

/** Trust lists per jurisdiction, recognition statements between them, and trust decisions with their path. */
export const trustRoutes: RoutePlugin<TrustRoutesOptions> = async (app, { identity }) => {
  app.get(
    '/api/trust/lists',
    {
      schema: {
        tags: ['trust'],
        summary:
          'The signed trust lists this node knows, every jurisdiction, decoded (never merged)',
        response: {
          200: Type.Object({
            anchor: Type.Union([
              Type.Object({ jurisdiction: Type.String(), authority: Type.String() }),
              Type.Null(),
            ]),
            items: Type.Array(TrustListSchema),
          }),
        },
      },
    },
    async () => {
      const { lists } = await identity.trustMaterial()
      const { anchor } = await identity.settings()
      return {
        anchor: anchor ? { jurisdiction: anchor.jurisdiction, authority: anchor.authority } : null,
        items: lists.map((jws) => ({ ...readTrustList(jws), jws })),
      }
    },
  )

  app.post(
    '/api/trust/lists',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['trust'],
        summary:
          'Import another jurisdiction’s signed trust list (node operator); it counts only through a recognition',
        body: Type.Object(
          { jws: Type.String({ minLength: 20, maxLength: 1_000_000 }) },
          { additionalProperties: false },
        ),
        response: { 201: TrustListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { jws } = request.body
      // A list must say what it is before anything is stored; a malformed one is refused first.
      readTrustList(jws)
      if (readJwsHeader(primaryCompactOf(jws)).typ !== TRUST_LIST_TYP) {
        throw new ApiError('REQUEST_VALIDATION_FAILED', `the JWS typ must be ${TRUST_LIST_TYP}`)
      }
      return reply.status(201).send({ ...(await identity.importTrustList(jws)), jws })
    },
  )

  app.get(
    '/api/trust/recognitions',
    {
      schema: {
        tags: ['trust'],
        summary: 'Signed recognition statements between jurisdictions',
        response: { 200: Type.Object({ items: Type.Array(RecognitionSchema) }) },
      },
    },
    async () => {
      const { recognitions } = await identity.trustMaterial()
      return {
        items: recognitions.map((jws) => {
          const { recogniser, recognised, credentialTypes, roles, validFrom, validUntil } =
            readRecognition(jws)
          return {
            recogniser,
            recognised: {
              jurisdiction: recognised.jurisdiction,
              authority: recognised.authority,
              minimumListVersion: recognised.minimumListVersion,
            },
            credentialTypes,
            roles,
            validFrom,
            validUntil,
            jws,
          }
        }),
      }
    },
  )

  app.post(
    '/api/trust/recognitions',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['trust'],
        summary:
          'Sign a recognition statement with an authority hosted by this node (node operator)',
        body: RecogniseBody,
        response: {
          201: Type.Object({ jws: Type.String() }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const body = request.body
      const recogniserDid = body.recogniser ?? (await identity.settings()).anchor?.authority
      if (!recogniserDid)
        throw new ApiError(
          'REQUEST_VALIDATION_FAILED',
          'this node has no trust anchor; name the recogniser',
        )
      const jws = await identity.recognise({
        recogniserDid,
        recognisedDid: body.recognised,
        credentialTypes: body.credentialTypes,
        ...(body.roles ? { roles: body.roles } : {}),
        validFrom: body.validFrom,
        validUntil: body.validUntil,
      })
      return reply.status(201).send({ jws })
    },
  )

  app.get(
    '/api/trust/decision',
    {
      schema: {
        tags: ['trust'],
        summary:
          'Is an issuer trusted for a credential type here? The answer names the path (or the reason)',
        querystring: Type.Object({
          issuer: Type.String({ minLength: 5 }),
          credentialType: Type.String({ minLength: 1 }),
          identifierScheme: Type.Optional(Type.String()),
          role: Type.Optional(Type.String()),
        }),
        response: {
          200: Type.Object({
            isTrusted: Type.Boolean(),
            code: Type.Optional(Type.String()),
            summary: Type.Optional(Type.String()),
            reason: Type.Optional(Type.String()),
            path: Type.Optional(Type.Array(Type.Any())),
            jurisdiction: Type.Optional(Type.String()),
          }),
          ...errorResponses(400),
        },
      },
    },
    async (request) => {
      return identity.decideTrust(request.query)
    },
  )

  app.get(
    '/api/trust/policy',
    {
      schema: {
        tags: ['trust'],
        summary: 'The node’s identity policy',
        response: { 200: Type.Object({ requireVerifiedParties: Type.Boolean() }) },
      },
    },
    async () => ({ requireVerifiedParties: (await identity.settings()).requireVerifiedParties }),
  )

  app.put(
    '/api/trust/policy',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['trust'],
        summary:
          'Require (or not) a verified legal-entity credential for every party to a bill (node operator)',
        body: Type.Object(
          { requireVerifiedParties: Type.Boolean() },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ requireVerifiedParties: Type.Boolean() }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) => {
      const { requireVerifiedParties } = request.body
      return {
        requireVerifiedParties: (await identity.updateSettings({ requireVerifiedParties }))
          .requireVerifiedParties,
      }
    },
  )
}
