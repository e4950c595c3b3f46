import type { Organisation } from '@landsea/core/organisation'
import {
  TrackingError,
  validateSubscriptionRequest,
  type AlertThresholds,
  type StoredSubscription,
  type SubscriptionFilter,
  type SubscriptionStore,
} from '@landsea/core/tracking'
import { v7 as uuidv7 } from 'uuid'
import type { ShipmentAccess } from './tracking-access.js'

/** What a subscriber asks for (T&T 2.2 `POST /v2/event-subscriptions`, with alerts). */
export interface SubscriptionRequest {
  readonly callbackUrl: string
  readonly secret: string
  readonly filter?: SubscriptionFilter
  readonly alerts?: AlertThresholds
}

/** The most webhook subscriptions one organisation may hold on a node. */
export const MAX_SUBSCRIPTIONS_PER_ORGANISATION = 50

/**
 * Subscribes an organisation's webhook: the request must be valid, and an organisation that
 * does not see every shipment must follow a bill it is party to. Every problem is listed
 * (`TRACKING_SUBSCRIPTION_INVALID`).
 */
export async function createSubscription(
  subscriptions: SubscriptionStore,
  { owner, access }: { owner: string; access: ShipmentAccess },
  request: SubscriptionRequest,
): Promise<StoredSubscription> {
  const issues = [...validateSubscriptionRequest(request)]
  const key = request.filter?.transportDocumentReference ?? request.filter?.shipmentKey
  if (!access.canRead(key)) {
    issues.push({
      path: '/filter/transportDocumentReference',
      code: 'TRACKING_SUBSCRIPTION_INVALID',
      message: 'subscribe to the transportDocumentReference of a bill you are party to',
    })
  }
  if (issues.length > 0) {
    throw new TrackingError('TRACKING_SUBSCRIPTION_INVALID', 'the subscription is invalid', {
      issues,
    })
  }
  // Every subscription receives every matching event: a cap keeps one organisation from making
  // the node send a flood (issue 15).
  if ((await subscriptions.list({ owner })).length >= MAX_SUBSCRIPTIONS_PER_ORGANISATION) {
    throw new TrackingError(
      'TRACKING_SUBSCRIPTION_LIMIT',
      `an organisation has at most ${MAX_SUBSCRIPTIONS_PER_ORGANISATION} subscriptions; delete one first`,
    )
  }
  const subscription: StoredSubscription = {
    subscriptionID: uuidv7(),
    owner,
    callbackUrl: request.callbackUrl,
    secret: request.secret,
    filter: request.filter ?? {},
    alerts: request.alerts ?? {},
    createdDateTime: new Date().toISOString(),
  }
  await subscriptions.create(subscription)
  return subscription
}

/**
 * A subscription its owner (or the node operator) asks for; anyone else is told there is none
 * (`TRACKING_NOT_FOUND`), as for a missing one.
 */
export async function findOwnedSubscription(
  subscriptions: SubscriptionStore,
  caller: Pick<Organisation, 'id' | 'roles'>,
  id: string,
): Promise<StoredSubscription> {
  const subscription = await subscriptions.get(id)
  if (
    !subscription ||
    (subscription.owner !== caller.id && !caller.roles.includes('NODE_OPERATOR'))
  ) {
    throw new TrackingError('TRACKING_NOT_FOUND', `no subscription ${id}`)
  }
  return subscription
}
