import {
  ACTION_CODES,
  AMENDMENT_REASON_CODES,
  billListFilterFor,
  EblError,
  TITLE_STATUSES,
  type TitleRegistry,
} from '@landsea/core/ebl'
import type { Organisation } from '@landsea/core/organisation'
import { readableBill, type EmissionsService } from '@landsea/node'
import { Type } from '@sinclair/typebox'
import { callerOf } from '../auth.js'
import { gatedRead, type ReadPrivacy } from '../privacy-read.js'
import type { RoutePlugin } from '../route-plugin.js'
import { errorResponses, IdParams } from '../schemas.js'

/** Dependencies of the bill routes. */
export interface EblRoutesOptions {
  readonly registry: TitleRegistry
  /** Looks up the emissions claim a green-linked pledge cites. */
  readonly emissions?: Pick<EmissionsService, 'greenLink'>
  /** The privacy gate a read by an organisation of another jurisdiction passes (docs/privacy.md). */
  readonly privacy?: ReadPrivacy
}

const ActionBody = Type.Object(
  {
    action: Type.Union(ACTION_CODES.map((c) => Type.Literal(c))),
    recipient: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Null()])),
    pledge: Type.Optional(Type.Union([Type.Literal('PLEDGE'), Type.Literal('RELEASE')])),
    reasonCode: Type.Optional(Type.Union(AMENDMENT_REASON_CODES.map((c) => Type.Literal(c)))),
    comments: Type.Optional(Type.String({ maxLength: 255 })),
    greenClaim: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 255,
        description:
          'with pledge PLEDGE: the id of the shipment’s emissions claim; the signed pledge cites it by id and digest (green-linked pledge, our extension)',
      }),
    ),
    expectedPreviousEntryChecksum: Type.Optional(
      Type.Union([Type.String({ pattern: '^[0-9a-f]{64}$' }), Type.Null()]),
    ),
  },
  { additionalProperties: false },
)

const ListQuery = Type.Object(
  {
    party: Type.Optional(Type.String()),
    status: Type.Optional(Type.Union(TITLE_STATUSES.map((s) => Type.Literal(s)))),
    q: Type.Optional(Type.String({ maxLength: 35 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
)

const ActedResponse = Type.Object({ record: Type.Ref('EblRecord'), entry: Type.Ref('Entry') })

/** Bills of lading: draft, issue, act (custodial or pre-signed), read, history, allowed actions. */
export const eblRoutes: RoutePlugin<EblRoutesOptions> = async (
  app,
  { registry, emissions, privacy },
) => {
  const readable = async (org: Organisation, id: string) => {
    return readableBill(registry, org, id)
  }

  app.post(
    '/api/ebl',
    {
      config: { auth: ['CARRIER'] },
      schema: {
        tags: ['ebl'],
        summary: 'Create a draft bill (as its issuing carrier)',
        body: Type.Object(
          {
            document: Type.Any({
              description: 'DCSA eBL 3.0.3 TransportDocument with status DRAFT',
            }),
            amendsId: Type.Optional(
              Type.String({ description: 'The bill surrendered for amendment this replaces' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('EblRecord'), ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const { document, amendsId } = request.body
      const record = await registry.createDraft({
        document,
        carrier: callerOf(request).id,
        ...(amendsId ? { amendsId } : {}),
      })
      return reply.status(201).send(record)
    },
  )

  app.get(
    '/api/ebl',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['ebl'],
        summary: 'List bills the caller is party to (all bills for the node operator)',
        querystring: ListQuery,
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref('EblRecord')) }),
          ...errorResponses(400, 401, 451),
        },
      },
    },
    async (request) => {
      const items = await registry.list(billListFilterFor(callerOf(request), request.query))
      return gatedRead(privacy, request, {
        purpose: 'title-transfer',
        payload: { items },
        recordIds: items.map((r) => `ebl:${r.id}`),
      })
    },
  )

  app.get(
    '/api/ebl/:id',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['ebl'],
        summary: 'Read a bill: document, checksum, title state, chain head',
        params: IdParams,
        response: { 200: Type.Ref('EblRecord'), ...errorResponses(401, 404, 451) },
      },
    },
    async (request) => {
      const record = await readable(callerOf(request), request.params.id)
      return gatedRead(privacy, request, {
        purpose: 'title-transfer',
        payload: record,
        recordIds: [`ebl:${record.id}`],
      })
    },
  )

  app.get(
    '/api/ebl/:id/history',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['ebl'],
        summary: 'The full signed action chain',
        params: IdParams,
        response: {
          200: Type.Object({ entries: Type.Array(Type.Ref('Entry')) }),
          ...errorResponses(401, 404, 451),
        },
      },
    },
    async (request) => {
      const record = await readable(callerOf(request), request.params.id)
      return gatedRead(privacy, request, {
        purpose: 'title-transfer',
        payload: { entries: await registry.history(record.id) },
        recordIds: [`ebl:${record.id}`],
      })
    },
  )

  app.get(
    '/api/ebl/:id/allowed-actions',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['ebl'],
        summary: 'What the calling organisation may do to the bill now',
        params: IdParams,
        response: {
          200: Type.Object({
            actions: Type.Array(
              Type.Object({
                action: Type.String(),
                recipients: Type.Array(Type.Union([Type.String(), Type.Null()])),
                pledge: Type.Optional(Type.String()),
              }),
            ),
          }),
          ...errorResponses(401, 404),
        },
      },
    },
    async (request) => {
      const org = callerOf(request)
      const record = await readable(org, request.params.id)
      return { actions: await registry.allowedActions(record.id, org.id) }
    },
  )

  app.post(
    '/api/ebl/:id/actions',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['ebl'],
        summary: 'Take a title action, signed by the node with the caller’s custodial key',
        params: IdParams,
        body: ActionBody,
        response: { 201: ActedResponse, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const org = callerOf(request)
      const record = await readable(org, request.params.id)
      const body = request.body
      if (body.greenClaim !== undefined && body.pledge !== 'PLEDGE')
        throw new EblError('EBL_VALIDATION_FAILED', 'greenClaim goes only with pledge PLEDGE', {
          issues: [
            {
              path: '/greenClaim',
              code: 'NOT_ALLOWED',
              message: 'greenClaim goes only with a pledge',
            },
          ],
        })
      const greenLink =
        body.greenClaim !== undefined && emissions
          ? await emissions.greenLink(record.reference, body.greenClaim)
          : undefined
      const result = await registry.act({
        documentId: record.id,
        actor: org.id,
        action: body.action,
        ...(body.recipient !== undefined ? { recipient: body.recipient } : {}),
        ...(body.pledge ? { pledge: body.pledge } : {}),
        ...(body.reasonCode ? { reasonCode: body.reasonCode } : {}),
        ...(body.comments ? { comments: body.comments } : {}),
        ...(greenLink ? { greenLink } : {}),
        ...(body.expectedPreviousEntryChecksum !== undefined
          ? { expectedPreviousEntryChecksum: body.expectedPreviousEntryChecksum }
          : {}),
      })
      return reply.status(201).send(result)
    },
  )

  app.post(
    '/api/ebl/:id/issue',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['ebl'],
        summary: 'Issue a draft bill to its first possessor (shorthand for the ISSUE action)',
        params: IdParams,
        body: Type.Object(
          { recipient: Type.String({ minLength: 1 }) },
          { additionalProperties: false },
        ),
        response: { 201: ActedResponse, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const org = callerOf(request)
      const record = await readable(org, request.params.id)
      const { recipient } = request.body
      return reply
        .status(201)
        .send(
          await registry.act({ documentId: record.id, actor: org.id, action: 'ISSUE', recipient }),
        )
    },
  )

  app.post(
    '/api/ebl/:id/actions/signed',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['ebl'],
        summary: 'Submit a title action already signed by the caller’s own key (non-custodial)',
        params: IdParams,
        body: Type.Object(
          {
            jws: Type.String({
              minLength: 1,
              maxLength: 20_000,
              description: 'Compact JWS, typ landsea-action+json',
            }),
          },
          { additionalProperties: false },
        ),
        response: { 201: ActedResponse, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const { jws } = request.body
      const authenticatedAs = callerOf(request).id
      return reply
        .status(201)
        .send(await registry.actSigned({ documentId: id, jws, authenticatedAs }))
    },
  )
}
