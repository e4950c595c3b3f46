import type { Subscription, SubscriptionStore } from '@landsea/core/tracking'
import type { PrivacyGate } from './privacy-gate.js'

/** A webhook delivery's transfer intent: one register entry however many times it is retried. */
const intentOf = (subscriptionID: string, deliveryID: string) =>
  `webhook:${subscriptionID}:${deliveryID}`

/**
 * The webhook channel's calls into the gate: a delivery's recipient is its callback URL's origin
 * (the policy's `recipients` give its country), its purpose `tracking`. `beforeSend` returns the
 * exact body to POST (the original bytes when nothing changed), or throws `PrivacyError`;
 * `afterSend` settles the delivery's intent; `reconcile` settles, after a restart, the intents of
 * deliveries that ended while no process was there to say so.
 */
export function webhookGate(gate: PrivacyGate, exporter: string) {
  return {
    async beforeSend({
      subscription,
      payload,
      deliveryID,
    }: {
      subscription: Subscription
      payload: string
      deliveryID: string
    }): Promise<string> {
      const permit = await gate.checkOutbound({
        channel: 'webhook',
        exporter,
        recipient: new URL(subscription.callbackUrl).origin,
        purpose: 'tracking',
        payload: JSON.parse(payload) as unknown,
        intentId: intentOf(subscription.subscriptionID, deliveryID),
      })
      return permit.action === 'send' ? payload : JSON.stringify(permit.payload)
    },
    async afterSend(
      { subscription, deliveryID }: { subscription: Subscription; deliveryID: string },
      outcome: 'sent' | 'not-sent',
    ): Promise<void> {
      await gate.settleIntent(intentOf(subscription.subscriptionID, deliveryID), outcome)
    },
    async reconcile(subscriptions: SubscriptionStore): Promise<number> {
      let settled = 0
      for (const intent of await gate.unsettledIntents()) {
        const [channel, subscriptionID, deliveryID] = intent.intentId.split(':')
        if (channel !== 'webhook' || !subscriptionID || !deliveryID) continue
        const deliveries = await subscriptions.deliveries(subscriptionID, { limit: 10_000 })
        const status = deliveries.find((d) => d.deliveryID === deliveryID)?.status ?? 'FAILED'
        if (status === 'PENDING') continue
        await gate.settleIntent(intent.intentId, status === 'DELIVERED' ? 'sent' : 'not-sent')
        settled++
      }
      return settled
    },
  }
}
