import type { Subscription } from '@landsea/core/tracking'
import type { PrivacyGate } from './privacy-gate.js'

/**
 * The webhook channel's call into the gate: a delivery's recipient is its callback URL's origin
 * (the policy's `recipients` give its country), its purpose `tracking`. Returns the exact body to
 * POST (the original bytes when nothing changed); a refusal throws `PrivacyError`.
 */
export function webhookGate(
  gate: PrivacyGate,
  exporter: string,
): (delivery: { subscription: Subscription; payload: string }) => Promise<string> {
  return async ({ subscription, payload }) => {
    const permit = await gate.checkOutbound({
      channel: 'webhook',
      exporter,
      recipient: new URL(subscription.callbackUrl).origin,
      purpose: 'tracking',
      payload: JSON.parse(payload) as unknown,
    })
    return permit.action === 'send' ? payload : JSON.stringify(permit.payload)
  }
}
