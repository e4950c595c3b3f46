import type { Subscription } from '@landsea/core/tracking'
import type { PrivacyGate } from './privacy-gate.js'

/** A webhook delivery's transfer intent: one register entry however many times it is retried. */
const intentOf = (subscriptionID: string, deliveryID: string) =>
  `webhook:${subscriptionID}:${deliveryID}`

/**
 * The webhook channel's calls into the gate: a delivery's recipient is its callback URL's origin
 * (the policy's `recipients` give its country), its purpose `tracking`. `beforeSend` returns the
 * exact body to POST (the original bytes when nothing changed), or throws `PrivacyError`. The
 * register row names the delivery, so the delivery's own recorded status settles the intent (no
 * write after the send); `reconcile` seals the register's pending leaves and writes the settlement
 * of every ended delivery (the privacy job, also after a restart).
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
        json: payload,
        intentId: intentOf(subscription.subscriptionID, deliveryID),
        deliveryId: deliveryID,
      })
      return permit.json ?? payload
    },
    reconcile: (): Promise<number> => gate.register.settleEnded(),
  }
}
