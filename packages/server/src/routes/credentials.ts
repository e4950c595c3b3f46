import {
  createLegalEntityCredential,
  createRoleCredential,
  TRADE_ROLES,
} from '@landsea/core/identity'
import { Type } from '@sinclair/typebox'
import { ApiError } from '../errors.js'
import type { NodeIdentityService } from '@landsea/node'
import type { RoutePlugin } from '../route-plugin.js'
import {
  DEFAULT_OUTBOUND_RATE_LIMIT,
  outboundRouteLimit,
  type OutboundRateLimit,
} from '../rate-limits.js'
import { errorResponses, IdParams } from '../schemas.js'

/** Dependencies of the credential routes. */
export interface CredentialRoutesOptions {
  readonly identity: NodeIdentityService
  /** The limit on verification, which may cost the node outbound requests. */
  readonly outboundLimit?: OutboundRateLimit
}

const VerdictSchema = Type.Object({
  ok: Type.Boolean(),
  code: Type.Optional(Type.String()),
  message: Type.String(),
})

/** The verdicts of a credential verification (see docs/identity.md). */
export const CredentialVerificationSchema = Type.Object(
  {
    format: Type.String(),
    issuer: Type.Optional(Type.String()),
    credentialType: Type.Optional(Type.String()),
    credential: Type.Optional(Type.Any()),
    signature: VerdictSchema,
    issuerKey: VerdictSchema,
    validity: VerdictSchema,
    status: VerdictSchema,
    trust: Type.Object({
      ok: Type.Boolean(),
      code: Type.Optional(Type.String()),
      message: Type.String(),
      path: Type.Array(
        Type.Object({
          kind: Type.String(),
          jurisdiction: Type.String(),
          authority: Type.String(),
          listVersion: Type.Optional(Type.Integer()),
          validUntil: Type.Optional(Type.String()),
          text: Type.String(),
        }),
      ),
    }),
    warnings: Type.Array(
      Type.Object({ path: Type.String(), code: Type.String(), message: Type.String() }),
    ),
    isValid: Type.Boolean(),
  },
  { $id: 'CredentialVerification' },
)

const Address = Type.Object({
  streetAddress: Type.String({ minLength: 1 }),
  locality: Type.String({ minLength: 1 }),
  postalCode: Type.Optional(Type.String()),
  countryCode: Type.String({ pattern: '^[A-Z]{2}$' }),
})

const IssueBody = Type.Object(
  {
    issuer: Type.String({ description: 'DID of a registrar hosted by this node' }),
    organisationId: Type.Optional(Type.String()),
    format: Type.Optional(
      Type.Union([Type.Literal('vc+jwt'), Type.Literal('data-integrity')], {
        description:
          'data-integrity: a proof per issuer key (SM2 + Ed25519 proof set for dual-key registrars)',
      }),
    ),
    validFrom: Type.Optional(Type.String({ format: 'date-time' })),
    validUntil: Type.Optional(Type.String({ format: 'date-time' })),
    legalEntity: Type.Optional(
      Type.Object({
        id: Type.String({ minLength: 5 }),
        legalName: Type.Object({
          en: Type.String({ minLength: 1 }),
          zh: Type.Optional(Type.String()),
        }),
        jurisdiction: Type.String({ pattern: '^[A-Z]{2}$' }),
        identifier: Type.Object({
          scheme: Type.Union([Type.Literal('USCC'), Type.Literal('UEN'), Type.Literal('LEI')]),
          value: Type.String(),
        }),
        lei: Type.Optional(Type.String()),
        registeredAddress: Address,
      }),
    ),
    role: Type.Optional(
      Type.Object({
        id: Type.String({ minLength: 5 }),
        role: Type.Union(TRADE_ROLES.map((r) => Type.Literal(r))),
        jurisdiction: Type.String({ pattern: '^[A-Z]{2}$' }),
      }),
    ),
  },
  { additionalProperties: false },
)

const StoredCredentialSchema = Type.Object({
  id: Type.String(),
  issuer: Type.String(),
  subject: Type.String(),
  organisationId: Type.Union([Type.String(), Type.Null()]),
  type: Type.String(),
  format: Type.String(),
  credential: Type.String(),
  statusList: Type.Union([Type.String(), Type.Null()]),
  statusIndex: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.String(),
})

/** Credential issue (by hosted registrars), verification with separate verdicts, status lists, revocation. */
export const credentialRoutes: RoutePlugin<CredentialRoutesOptions> = async (
  app,
  { identity, outboundLimit = DEFAULT_OUTBOUND_RATE_LIMIT },
) => {
  app.addSchema(CredentialVerificationSchema)

  app.post(
    '/api/credentials/verify',
    {
      // It may cost the node an outbound request (did:web, status lists): callers only, limited.
      config: { auth: 'organisation', rateLimit: outboundRouteLimit(outboundLimit) },
      schema: {
        tags: ['credentials'],
        summary:
          'Verify a credential (vc+jwt, SD-JWT VC presentation, or Data Integrity JSON): separate verdicts for signature, validity, status and trust path',
        body: Type.Object(
          {
            credential: Type.Union([
              Type.String({ maxLength: 200_000 }),
              Type.Object({}, { additionalProperties: true }),
            ]),
            expectedType: Type.Optional(Type.String()),
            cryptosuites: Type.Optional(
              Type.Array(Type.String(), {
                description: 'Data Integrity suites to check; others in a proof set are skipped',
              }),
            ),
            keyBinding: Type.Optional(
              Type.Object(
                { audience: Type.String({ minLength: 1 }), nonce: Type.String({ minLength: 1 }) },
                {
                  description:
                    'SD-JWT presentations: the key-binding audience and nonce to require',
                },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('CredentialVerification'), ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => {
      const { credential, expectedType, keyBinding, cryptosuites } = request.body
      return identity.verify(credential, {
        ...(expectedType ? { expectedType } : {}),
        ...(keyBinding ? { keyBinding } : {}),
        ...(cryptosuites ? { cryptosuites } : {}),
      })
    },
  )

  app.post(
    '/api/credentials',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['credentials'],
        summary:
          'Issue a legal-entity or role credential with a registrar hosted by this node (node operator only)',
        body: IssueBody,
        response: { 201: StoredCredentialSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { legalEntity, role, ...body } = request.body
      if (Boolean(legalEntity) === Boolean(role)) {
        throw new ApiError('REQUEST_VALIDATION_FAILED', 'give exactly one of legalEntity or role', {
          issues: [{ path: '/body', code: 'ONE_OF', message: 'legalEntity or role' }],
        })
      }
      const validFrom = body.validFrom ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
      const window = { validFrom, ...(body.validUntil ? { validUntil: body.validUntil } : {}) }
      const stored = await identity.issueCredential({
        issuerDid: body.issuer,
        ...(body.organisationId ? { organisationId: body.organisationId } : {}),
        ...(body.format ? { format: body.format } : {}),
        credential: (issuer, status) => {
          const common = { issuer, ...window, credentialStatus: [status] }
          if (legalEntity) return createLegalEntityCredential({ ...common, subject: legalEntity })
          if (role) return createRoleCredential({ ...common, subject: role })
          throw new ApiError('REQUEST_VALIDATION_FAILED', 'give exactly one of legalEntity or role')
        },
      })
      return reply.status(201).send(stored)
    },
  )

  app.get(
    '/api/credentials/:id',
    {
      schema: {
        tags: ['credentials'],
        summary:
          'A credential this node issued or recorded (organisation credentials carry no personal data)',
        params: IdParams,
        response: { 200: StoredCredentialSchema, ...errorResponses(404) },
      },
    },
    async (request) => {
      const credential = await identity.getCredential(request.params.id)
      if (!credential) throw new ApiError('NOT_FOUND', 'no such credential')
      return credential
    },
  )

  app.post(
    '/api/credentials/:id/revoke',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['credentials'],
        summary:
          'Revoke a credential by setting its bit in the issuer’s Bitstring Status List (node operator only)',
        params: IdParams,
        response: { 200: StoredCredentialSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { id } = request.params
      if (!(await identity.getCredential(id))) throw new ApiError('NOT_FOUND', 'no such credential')
      return identity.revoke(id)
    },
  )

  app.get(
    '/api/credentials/status/:id',
    {
      schema: {
        tags: ['credentials'],
        summary: 'A registrar’s BitstringStatusListCredential, secured as application/vc+jwt',
        params: IdParams,
        response: { 200: Type.String({ description: 'vc+jwt' }), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const credential = await identity.statusListCredential(identity.statusListUrl(id))
      if (!credential) throw new ApiError('NOT_FOUND', 'no such status list')
      return reply.type('application/vc+jwt').send(credential)
    },
  )
}
