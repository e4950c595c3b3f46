import type { TitleRegistry } from '@landsea/core/ebl'
import {
  EVENT_TYPES,
  type StoredSubscription,
  type SubscriptionStore,
} from '@landsea/core/tracking'
import type { Organisation } from '@landsea/core/organisation'
import { Type } from '@sinclair/typebox'
import { callerOf } from '../auth.js'
import type { RoutePlugin } from '../route-plugin.js'
import { errorResponses } from '../schemas.js'
import { createSubscription, findOwnedSubscription, shipmentAccessOf } from '@landsea/node'

/** Dependencies of the subscription routes. */
export interface SubscriptionRoutesOptions {
  readonly subscriptions: SubscriptionStore
  /** Bills decide who may follow a shipment (see tracking-access.ts). */
  readonly registry: TitleRegistry
  /** Started when the server listens, stopped when it closes (never in `inject` tests). */
}

const Filter = Type.Object(
  {
    shipmentKey: Type.Optional(Type.String({ maxLength: 100 })),
    transportDocumentReference: Type.Optional(Type.String({ maxLength: 100 })),
    equipmentReference: Type.Optional(Type.String({ maxLength: 15 })),
    eventTypes: Type.Optional(Type.Array(Type.Union(EVENT_TYPES.map((t) => Type.Literal(t))))),
  },
  { additionalProperties: false },
)
const Alerts = Type.Object(
  {
    delayHours: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    etaChangeHours: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    isCustomsHoldAlert: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
const CreateBody = Type.Object(
  {
    callbackUrl: Type.String({ minLength: 1, maxLength: 2000 }),
    secret: Type.String({
      minLength: 16,
      maxLength: 256,
      description: 'shared secret for the Notification-Signature HMAC',
    }),
    filter: Type.Optional(Filter),
    alerts: Type.Optional(Alerts),
  },
  { additionalProperties: false },
)
const SubscriptionSchema = Type.Object({
  subscriptionID: Type.String(),
  callbackUrl: Type.String(),
  filter: Filter,
  alerts: Alerts,
  createdDateTime: Type.String(),
})
const DeliverySchema = Type.Object({
  deliveryID: Type.String(),
  kind: Type.String({ description: 'EVENTS | ALERT' }),
  status: Type.String({ description: 'PENDING | DELIVERED | FAILED' }),
  attempts: Type.Integer(),
  nextAttemptAt: Type.String(),
  lastStatusCode: Type.Optional(Type.Integer()),
  lastError: Type.Optional(Type.String()),
  createdAt: Type.String(),
  deliveredAt: Type.Optional(Type.String()),
  payload: Type.String({ description: 'the exact body POSTed' }),
})
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })

function publicView(s: StoredSubscription) {
  const { secret: _secret, owner: _owner, ...rest } = s
  return rest
}

/**
 * Event subscriptions (T&T 2.2 `/v2/event-subscriptions`): webhooks signed with
 * `Notification-Signature`, alert thresholds, and the delivery log.
 */
export const subscriptionRoutes: RoutePlugin<SubscriptionRoutesOptions> = async (
  app,
  { subscriptions, registry },
) => {
  const owned = (org: Organisation, id: string) => findOwnedSubscription(subscriptions, org, id)

  app.post(
    '/api/event-subscriptions',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['tracking'],
        summary:
          'Subscribe a webhook to events (by shipment, bill, container, event type) and alerts',
        body: CreateBody,
        response: { 201: SubscriptionSchema, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const org = callerOf(request)
      const access = await shipmentAccessOf(org, registry)
      const sub = await createSubscription(subscriptions, { owner: org.id, access }, request.body)
      return reply.status(201).send(publicView(sub))
    },
  )

  app.get(
    '/api/event-subscriptions',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['tracking'],
        summary: "The caller's subscriptions",
        response: {
          200: Type.Object({ items: Type.Array(SubscriptionSchema) }),
          ...errorResponses(401),
        },
      },
    },
    async (request) => {
      const owner = callerOf(request).id
      return { items: (await subscriptions.list({ owner })).map(publicView) }
    },
  )

  app.get(
    '/api/event-subscriptions/:id',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['tracking'],
        summary: 'One subscription',
        params: IdParams,
        response: { 200: SubscriptionSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => publicView(await owned(callerOf(request), request.params.id)),
  )

  app.delete(
    '/api/event-subscriptions/:id',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['tracking'],
        summary: 'Delete a subscription; pending deliveries are dropped',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const sub = await owned(callerOf(request), request.params.id)
      await subscriptions.delete(sub.subscriptionID)
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/api/event-subscriptions/:id/deliveries',
    {
      config: { auth: 'organisation' },
      schema: {
        tags: ['tracking'],
        summary: 'Delivery log: every webhook, its attempts and outcome, newest first',
        params: IdParams,
        response: {
          200: Type.Object({ items: Type.Array(DeliverySchema) }),
          ...errorResponses(401, 404),
        },
      },
    },
    async (request) => {
      const sub = await owned(callerOf(request), request.params.id)
      const log = await subscriptions.deliveries(sub.subscriptionID)
      return {
        items: log.map(({ nextAttemptMs, subscriptionID: _s, ...d }) => ({
          ...d,
          nextAttemptAt: new Date(nextAttemptMs).toISOString(),
        })),
      }
    },
  )
}
