import type { TransferRecord } from '@landsea/core/privacy'
import type { Delivery, Subscription } from '@landsea/core/tracking'
import type { OutboundRequest } from './outbound-flow.js'
import type { PrivacyGate } from './privacy-gate.js'

/** A webhook delivery's transfer intent: one register entry however many times it is retried. */
const intentOf = (subscriptionID: string, deliveryID: string) =>
  `webhook:${subscriptionID}:${deliveryID}`

/** A queued body that holds no personal value in clear (none found, or minimised): always sendable. */
export const NO_PERSONAL_DATA = 'no-personal-data'

const requestOf = (
  subscription: Subscription,
  payload: string,
  deliveryID: string,
  recipient = new URL(subscription.callbackUrl).origin,
) =>
  ({
    channel: 'webhook',
    recipient,
    purpose: 'tracking',
    json: payload,
    intentId: intentOf(subscription.subscriptionID, deliveryID),
    deliveryId: deliveryID,
  }) as const

const refusalOf = (cause: unknown) => {
  const code = (cause as { code?: unknown }).code
  const message = cause instanceof Error ? cause.message : String(cause)
  return `${typeof code === 'string' ? `${code}: ` : ''}${message}`.slice(0, 500)
}

/**
 * The webhook channel's calls into the gate: a delivery's recipient is its callback URL's origin
 * (the policy's `recipients` give its country), its purpose `tracking`.
 *
 * `enqueue` decides every delivery of a batch when it is queued, and writes the register rows and
 * the queue entries in one transaction: the queue holds what will be sent (the minimised copy where
 * the purpose needs no personal data), a refused delivery is logged FAILED with its code and an
 * empty body. `beforeSend` sends what was decided, unless the body holds personal values in clear
 * and the policy (or the day: a basis may expire) changed since; then, and for a delivery queued
 * undecided, it decides again (a retry is not recorded again) and returns the exact body to POST,
 * or throws `PrivacyError`. The register row names the delivery, so the delivery's own recorded
 * status settles the intent; `reconcile` seals the register's pending leaves and writes the
 * settlement of every ended delivery (the privacy job, also after a restart).
 */
export function webhookGate(gate: PrivacyGate, exporter: string) {
  // Callback URLs' origins, parsed once per URL (a parse per delivery was a tenth of a decision).
  const origins = new Map<string, string>()
  const originOf = (callbackUrl: string) => {
    let origin = origins.get(callbackUrl)
    if (origin === undefined) {
      origin = new URL(callbackUrl).origin
      if (origins.size >= 1000) origins.clear()
      origins.set(callbackUrl, origin)
    }
    return origin
  }
  return {
    async enqueue(
      deliveries: readonly Delivery[],
      subscriptions: readonly Subscription[],
    ): Promise<void> {
      const byId = new Map(subscriptions.map((s) => [s.subscriptionID, s]))
      // A delivery whose subscription is not given is queued undecided: decided at send.
      const decidable = deliveries.filter((d) => byId.has(d.subscriptionID))
      const requests: OutboundRequest[] = decidable.map((d) => {
        const subscription = byId.get(d.subscriptionID)!
        const recipient = originOf(subscription.callbackUrl)
        // The ingest's events themselves when it gives them: the text is not parsed again.
        // And the subjects' keyed hashes its vault computed: the gate does not compute them again.
        const body = d.body === undefined ? {} : { payload: d.body }
        // And the personal values it found in them: the gate does not search them again.
        const hashes = d.subjectHashes === undefined ? {} : { subjectHashes: d.subjectHashes }
        const located =
          d.personalValues === undefined || d.body === undefined
            ? {}
            : { personalValues: d.personalValues }
        return {
          ...requestOf(subscription, d.payload, d.deliveryID, recipient),
          ...body,
          ...hashes,
          ...located,
          exporter,
        }
      })
      const { stamp, answers } = await gate.decideBatch(requests)
      const answerOf = new Map(decidable.map((d, i) => [d, answers[i]!]))
      const entries: { record: TransferRecord; deliveryId: string }[] = []
      // A queue entry keeps the given `body` in memory only: the store writes its columns, the text.
      const queued = deliveries.map((d): Delivery => {
        const answer = answerOf.get(d)
        if (!answer) return d
        if ('refused' in answer) {
          return {
            ...d,
            payload: '',
            status: 'FAILED',
            lastError: refusalOf(answer.refused),
            privacyDecision: NO_PERSONAL_DATA,
          }
        }
        const { record, json, hasPersonalData } = answer.decided
        if (record) entries.push({ record, deliveryId: d.deliveryID })
        return {
          ...d,
          payload: json ?? d.payload,
          privacyDecision: hasPersonalData ? stamp : NO_PERSONAL_DATA,
        }
      })
      await gate.register.appendWith(entries, queued)
    },
    async beforeSend({
      subscription,
      payload,
      deliveryID,
      privacyDecision,
    }: {
      subscription: Subscription
      payload: string
      deliveryID: string
      privacyDecision?: string
    }): Promise<string> {
      if (privacyDecision === NO_PERSONAL_DATA) return payload
      if (privacyDecision !== undefined && privacyDecision === (await gate.policyStamp())) {
        return payload
      }
      const permit = await gate.checkOutbound({
        ...requestOf(subscription, payload, deliveryID),
        exporter,
      })
      return permit.json ?? payload
    },
    reconcile: (): Promise<number> => gate.register.settleEnded(),
  }
}
