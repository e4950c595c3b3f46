import type {
  Delivery,
  DeliveryKind,
  DeliveryStatus,
  StoredSubscription,
  SubscriptionStore,
} from '@landsea/core/tracking'
import type { Kysely, Selectable } from 'kysely'
import { dialectOf } from './dialect.js'
import type { Schema, TrackingDeliveryTable, TrackingSubscriptionTable } from './schema.js'

function toSubscription(row: Selectable<TrackingSubscriptionTable>): StoredSubscription {
  return {
    subscriptionID: row.subscription_id,
    owner: row.owner,
    callbackUrl: row.callback_url,
    secret: row.secret,
    filter: JSON.parse(row.filter) as StoredSubscription['filter'],
    alerts: JSON.parse(row.alerts) as StoredSubscription['alerts'],
    createdDateTime: row.created_at,
  }
}

function toDelivery(row: Selectable<TrackingDeliveryTable>): Delivery {
  return {
    deliveryID: row.delivery_id,
    subscriptionID: row.subscription_id,
    kind: row.kind as DeliveryKind,
    payload: row.payload,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    nextAttemptMs: Number(row.next_attempt_ms),
    ...(row.last_status_code !== null ? { lastStatusCode: row.last_status_code } : {}),
    ...(row.last_error !== null ? { lastError: row.last_error } : {}),
    createdAt: row.created_at,
    ...(row.delivered_at !== null ? { deliveredAt: row.delivered_at } : {}),
    ...(row.privacy_decision !== null ? { privacyDecision: row.privacy_decision } : {}),
  }
}

/** A delivery as a row of `tracking_deliveries` (the queue and the delivery log). */
export const deliveryRow = (d: Delivery) => ({
  delivery_id: d.deliveryID,
  subscription_id: d.subscriptionID,
  kind: d.kind,
  payload: d.payload,
  status: d.status,
  attempts: d.attempts,
  next_attempt_ms: d.nextAttemptMs,
  last_status_code: d.lastStatusCode ?? null,
  last_error: d.lastError ?? null,
  created_at: d.createdAt,
  delivered_at: d.deliveredAt ?? null,
  privacy_decision: d.privacyDecision ?? null,
})

/** The database {@link SubscriptionStore}: subscriptions, the webhook queue and delivery log. */
export function createSubscriptionStore(db: Kysely<Schema>): SubscriptionStore {
  const dialect = dialectOf(db)
  return {
    async create(s) {
      await db
        .insertInto('tracking_subscriptions')
        .values({
          subscription_id: s.subscriptionID,
          owner: s.owner,
          callback_url: s.callbackUrl,
          secret: s.secret,
          filter: JSON.stringify(s.filter),
          alerts: JSON.stringify(s.alerts),
          created_at: s.createdDateTime,
        })
        .execute()
    },

    async get(id) {
      const row = await db
        .selectFrom('tracking_subscriptions')
        .selectAll()
        .where('subscription_id', '=', id)
        .executeTakeFirst()
      return row && toSubscription(row)
    },

    async list({ owner } = {}) {
      let q = db.selectFrom('tracking_subscriptions').selectAll()
      if (owner !== undefined) q = q.where('owner', '=', owner)
      const rows = await q.orderBy('created_at').orderBy('subscription_id').execute()
      return rows.map(toSubscription)
    },

    async delete(id) {
      const result = await db
        .deleteFrom('tracking_subscriptions')
        .where('subscription_id', '=', id)
        .executeTakeFirst()
      return Number(result.numDeletedRows) > 0
    },

    async enqueue(deliveries) {
      if (deliveries.length === 0) return
      await db.insertInto('tracking_deliveries').values(deliveries.map(deliveryRow)).execute()
    },

    async due(nowMs, limit) {
      const rows = await db
        .selectFrom('tracking_deliveries')
        .selectAll()
        .where('status', '=', 'PENDING')
        .where('next_attempt_ms', '<=', nowMs)
        .orderBy('next_attempt_ms')
        .orderBy('delivery_id')
        .limit(limit)
        .execute()
      return rows.map(toDelivery)
    },

    async lease(nowMs, limit, leaseMs) {
      const due = dialect.forUpdateSkipLocked(
        db
          .selectFrom('tracking_deliveries')
          .select('delivery_id')
          .where('status', '=', 'PENDING')
          .where('next_attempt_ms', '<=', nowMs)
          .orderBy('next_attempt_ms')
          .orderBy('delivery_id')
          .limit(limit),
      )
      const rows = await db
        .updateTable('tracking_deliveries')
        .set({ next_attempt_ms: nowMs + leaseMs })
        .where('delivery_id', 'in', due)
        .returningAll()
        .execute()
      return rows.map(toDelivery)
    },

    async recordAttempt(deliveryID, a) {
      await db
        .updateTable('tracking_deliveries')
        .set({
          status: a.status,
          attempts: a.attempts,
          next_attempt_ms: a.nextAttemptMs,
          last_status_code: a.lastStatusCode ?? null,
          last_error: a.lastError ?? null,
          delivered_at: a.deliveredAt ?? null,
        })
        .where('delivery_id', '=', deliveryID)
        .execute()
    },

    async deliveries(subscriptionID, { limit = 100 } = {}) {
      const rows = await db
        .selectFrom('tracking_deliveries')
        .selectAll()
        .where('subscription_id', '=', subscriptionID)
        .orderBy('created_at', 'desc')
        .orderBy('delivery_id', 'desc')
        .limit(limit)
        .execute()
      return rows.map(toDelivery)
    },

    async lastEta(shipmentKey) {
      const row = await db
        .selectFrom('tracking_shipment_eta')
        .select('eta_p50_ms')
        .where('shipment_key', '=', shipmentKey)
        .executeTakeFirst()
      return row ? Number(row.eta_p50_ms) : undefined
    },

    async saveEta(shipmentKey, etaP50Ms, predictedAt) {
      await db
        .insertInto('tracking_shipment_eta')
        .values({ shipment_key: shipmentKey, eta_p50_ms: etaP50Ms, predicted_at: predictedAt })
        .onConflict((oc) =>
          oc
            .column('shipment_key')
            .doUpdateSet({ eta_p50_ms: etaP50Ms, predicted_at: predictedAt }),
        )
        .execute()
    },
  }
}
