import { ACTION_CODES, type TitleRegistry } from '@landsea/core/ebl'
import type { OutboxRecord } from '@landsea/core/pint'
import { pintChecksumOf, readableBill, type PintService } from '@landsea/node'
import { Type } from '@sinclair/typebox'
import { callerOf } from '../auth.js'
import type { RoutePlugin } from '../route-plugin.js'
import { errorResponses, IdParams } from '../schemas.js'

/** Dependencies of the PINT management routes. */
export interface PintAdminRoutesOptions {
  readonly pint: PintService
  readonly registry: TitleRegistry
}

const IdentifyingCode = Type.Object({
  codeListProvider: Type.String({ minLength: 1, maxLength: 100 }),
  partyCode: Type.String({ minLength: 1, maxLength: 150 }),
  codeListName: Type.Optional(Type.String({ maxLength: 100 })),
})

const Jwks = Type.Object({
  keys: Type.Array(
    Type.Object({ kid: Type.Optional(Type.String()) }, { additionalProperties: true }),
    {
      minItems: 1,
    },
  ),
})

const Platform = Type.Object({
  code: Type.String(),
  name: Type.String(),
  url: Type.String(),
  jwks: Jwks,
  parties: Type.Array(IdentifyingCode),
  createdAt: Type.String(),
})

const Transfer = Type.Object({
  id: Type.String(),
  documentId: Type.String(),
  platform: Type.String(),
  platformName: Type.Optional(
    Type.String({ description: 'The receiving platform’s name in this node’s directory' }),
  ),
  actor: Type.String(),
  action: Type.String(),
  lastEntryChecksum: Type.String(),
  status: Type.Union([
    Type.Literal('SENDING'),
    Type.Literal('TRANSFERRED'),
    Type.Literal('REJECTED'),
  ]),
  attempts: Type.Integer(),
  responseCode: Type.Union([Type.String(), Type.Null()]),
  response: Type.Union([Type.String(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})

const Received = Type.Object({
  reference: Type.String(),
  documentChecksum: Type.String(),
  lastEntryChecksum: Type.String(),
  sender: Type.String(),
  recipient: Type.String(),
  status: Type.Union([Type.Literal('PENDING'), Type.Literal('ACCEPTED')]),
  documents: Type.Array(Type.Object({ name: Type.String(), documentChecksum: Type.String() })),
  received: Type.Array(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})

/** A transfer out without its envelope and documents. */
const transferView = ({ envelope: _e, documents: _d, ...rest }: OutboxRecord) => rest

/** This node as a PINT platform: its keys, its directory, transfers out and in (docs/pint.md). */
export const pintAdminRoutes: RoutePlugin<PintAdminRoutesOptions> = async (
  app,
  { pint, registry },
) => {
  app.get(
    '/api/pint/platform',
    {
      schema: {
        tags: ['pint'],
        summary: "This node's platform code, name and public keys (JWKS)",
        response: { 200: Type.Object({ code: Type.String(), name: Type.String(), jwks: Jwks }) },
      },
    },
    async () => pint.platform(),
  )

  app.get(
    '/api/pint/platforms',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['pint'],
        summary: 'The platform directory',
        response: { 200: Type.Array(Platform), ...errorResponses(401, 403) },
      },
    },
    async () => pint.listPlatforms(),
  )

  app.post(
    '/api/pint/platforms',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['pint'],
        summary: 'Add or update a platform (code, PINT base URL, JWKS, parties served)',
        body: Type.Object(
          {
            code: Type.String({ minLength: 1, maxLength: 4 }),
            name: Type.String({ minLength: 1, maxLength: 100 }),
            url: Type.String({ minLength: 1, maxLength: 1024 }),
            jwks: Jwks,
            parties: Type.Optional(Type.Array(IdentifyingCode)),
          },
          { additionalProperties: false },
        ),
        response: { 201: Platform, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { parties = [], ...rest } = request.body
      reply.code(201)
      return pint.addPlatform({ ...rest, parties })
    },
  )

  app.delete(
    '/api/pint/platforms/:code',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['pint'],
        summary: 'Remove a platform from the directory',
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 4 }) }),
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await pint.removePlatform(request.params.code)
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/api/ebl/:id/pint-transfers',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['pint'],
        summary: 'Act on a bill towards a party on another platform (sends it by PINT)',
        params: IdParams,
        body: Type.Object(
          {
            action: Type.Union(
              ACTION_CODES.filter((c) => c !== 'ISSUE' && c !== 'VOID').map((c) => Type.Literal(c)),
            ),
            recipient: Type.Object(
              {
                platform: Type.String({ minLength: 1, maxLength: 4 }),
                partyCode: Type.String({ minLength: 1, maxLength: 150 }),
                codeListProvider: Type.String({ minLength: 1, maxLength: 100 }),
                codeListName: Type.Optional(Type.String({ maxLength: 100 })),
                partyName: Type.Optional(Type.String({ minLength: 1, maxLength: 70 })),
              },
              { additionalProperties: false },
            ),
            pledge: Type.Optional(Type.Union([Type.Literal('PLEDGE'), Type.Literal('RELEASE')])),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Transfer,
          ...errorResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      await readableBill(registry, caller, request.params.id)
      const transfer = await pint.transferOut({
        documentId: request.params.id,
        actor: caller.id,
        action: request.body.action,
        recipient: request.body.recipient,
        ...(request.body.pledge ? { pledge: request.body.pledge } : {}),
      })
      reply.code(201)
      return transferView(transfer)
    },
  )

  app.get(
    '/api/ebl/:id/pint-transfers',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['pint'],
        summary: "A bill's transfers to other platforms (its platform journey from here)",
        params: IdParams,
        response: { 200: Type.Array(Transfer), ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      await readableBill(registry, callerOf(request), request.params.id)
      // With the receiving platform's name: the parties of the bill cannot read the directory.
      const names = new Map((await pint.listPlatforms()).map((p) => [p.code, p.name]))
      return (await pint.outbox({ documentId: request.params.id })).map((t) => ({
        ...transferView(t),
        ...(names.has(t.platform) ? { platformName: names.get(t.platform)! } : {}),
      }))
    },
  )

  app.get(
    '/api/ebl/:id/pint-arrival',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['pint'],
        summary: 'How a bill came to this node by PINT, and which platforms held it before',
        description:
          'The platforms before this one are read from the envelope transfer chain the bill came ' +
          'with (signatures checked when it was received); `arrived` is false for a bill issued here.',
        params: IdParams,
        response: {
          200: Type.Object({
            arrived: Type.Boolean(),
            sender: Type.Optional(Type.String()),
            acceptedAt: Type.Optional(Type.String()),
            legs: Type.Array(
              Type.Object({ platform: Type.String(), from: Type.String(), until: Type.String() }),
            ),
          }),
          ...errorResponses(401, 404),
        },
      },
    },
    async (request) => {
      const record = await readableBill(registry, callerOf(request), request.params.id)
      const arrival = await pint.arrivalOf(pintChecksumOf(record))
      return arrival ? { arrived: true, ...arrival } : { arrived: false, legs: [] }
    },
  )

  app.get(
    '/api/pint/outbox',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['pint'],
        summary: 'Transfers out to other platforms',
        querystring: Type.Object(
          {
            status: Type.Optional(
              Type.Union([
                Type.Literal('SENDING'),
                Type.Literal('TRANSFERRED'),
                Type.Literal('REJECTED'),
              ]),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(Transfer), ...errorResponses(401, 403) },
      },
    },
    async (request) =>
      (await pint.outbox(request.query.status ? { status: request.query.status } : {})).map(
        transferView,
      ),
  )

  app.get(
    '/api/pint/inbox',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['pint'],
        summary: 'Envelopes received from other platforms',
        response: { 200: Type.Array(Received), ...errorResponses(401, 403) },
      },
    },
    async () => pint.inbox(),
  )
}
