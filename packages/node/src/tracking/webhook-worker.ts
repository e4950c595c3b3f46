import {
  retryDelayMs,
  signNotification,
  type Delivery,
  type RetryPolicy,
  type Subscription,
  type SubscriptionStore,
} from '@landsea/core/tracking'

/** Options of {@link createWebhookWorker}. */
export interface WebhookWorkerOptions {
  readonly subscriptions: SubscriptionStore
  readonly retry?: RetryPolicy
  readonly now?: () => number
  /** Per-request timeout, ms. */
  readonly timeoutMs?: number
  /** Deliveries handled per round. */
  readonly batchSize?: number
  readonly fetch?: typeof fetch
  /**
   * The privacy gate's check (docs/privacy.md): returns the body to send, or throws to refuse the
   * delivery (recorded FAILED with the error's code). A delivery the gate decided at enqueue is
   * sent as decided unless the policy changed; otherwise it records the transfer before returning.
   */
  readonly beforeSend?: (delivery: {
    subscription: Subscription
    payload: string
    deliveryID: string
    privacyDecision?: string
  }) => Promise<string>
}

/** Delivers queued webhooks: signs, POSTs, records each attempt, retries with backoff. */
export interface WebhookWorker {
  /** One round over the due deliveries; returns how many were attempted. */
  runOnce(): Promise<number>
  /** Runs rounds every `intervalMs` until {@link stop}. */
  start(intervalMs?: number): void
  stop(): Promise<void>
}

/**
 * Creates the webhook delivery worker. Each delivery is POSTed with `Content-Type:
 * application/json`, `Subscription-ID` and `Notification-Signature: sha256=<hex HMAC-SHA256 of
 * the body>` (DCSA T&T 2.2). A 2xx answer delivers it; anything else schedules a retry with
 * exponential backoff until the attempts are used up (status FAILED). Delivery is at least
 * once: receivers de-duplicate by eventID.
 */
export function createWebhookWorker({
  subscriptions,
  retry = {},
  now = Date.now,
  timeoutMs = 10_000,
  batchSize = 50,
  fetch: doFetch = fetch,
  beforeSend,
}: WebhookWorkerOptions): WebhookWorker {
  let timer: ReturnType<typeof setInterval> | undefined
  let running: Promise<number> | undefined

  async function attempt(delivery: Delivery): Promise<void> {
    const sub = await subscriptions.get(delivery.subscriptionID)
    const attempts = delivery.attempts + 1
    if (sub === undefined) {
      await subscriptions.recordAttempt(delivery.deliveryID, {
        status: 'FAILED',
        attempts,
        nextAttemptMs: now(),
        lastError: 'subscription deleted',
      })
      return
    }
    // The privacy gate (issue 12): what may cross, recorded before it is sent.
    let body = delivery.payload
    if (beforeSend) {
      try {
        body = await beforeSend({
          subscription: sub,
          payload: delivery.payload,
          deliveryID: delivery.deliveryID,
          ...(delivery.privacyDecision !== undefined
            ? { privacyDecision: delivery.privacyDecision }
            : {}),
        })
      } catch (cause) {
        const code = (cause as { code?: unknown }).code
        await subscriptions.recordAttempt(delivery.deliveryID, {
          status: 'FAILED',
          attempts,
          nextAttemptMs: now(),
          lastError:
            `${typeof code === 'string' ? `${code}: ` : ''}${cause instanceof Error ? cause.message : String(cause)}`.slice(
              0,
              500,
            ),
        })
        return
      }
    }
    let statusCode: number | undefined
    let error: string | undefined
    try {
      const response = await doFetch(sub.callbackUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'subscription-id': sub.subscriptionID,
          'notification-signature': signNotification(body, sub.secret),
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      })
      statusCode = response.status
      await response.arrayBuffer().catch(() => undefined)
      if (!response.ok) error = `HTTP ${response.status}`
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause)
    }
    if (error === undefined) {
      await subscriptions.recordAttempt(delivery.deliveryID, {
        status: 'DELIVERED',
        attempts,
        nextAttemptMs: now(),
        ...(statusCode !== undefined ? { lastStatusCode: statusCode } : {}),
        deliveredAt: new Date(now()).toISOString(),
      })
      return
    }
    const delay = retryDelayMs(attempts, retry)
    await subscriptions.recordAttempt(delivery.deliveryID, {
      status: delay === undefined ? 'FAILED' : 'PENDING',
      attempts,
      nextAttemptMs: now() + (delay ?? 0),
      ...(statusCode !== undefined ? { lastStatusCode: statusCode } : {}),
      lastError: error.slice(0, 500),
    })
  }

  async function runOnce(): Promise<number> {
    // Leased, not just read: with several processes on one database each delivery is taken by
    // exactly one of them. The lease outlasts a round (its requests run in parallel, each bounded
    // by the timeout); a process that dies leaves its deliveries due again when the lease ends.
    const due = await subscriptions.lease(now(), batchSize, timeoutMs * 3)
    await Promise.all(due.map(attempt))
    return due.length
  }

  return {
    runOnce,
    start(intervalMs = 1000) {
      if (timer) return
      timer = setInterval(() => {
        if (running) return
        running = runOnce()
          .catch(() => 0)
          .finally(() => {
            running = undefined
          })
      }, intervalMs)
      timer.unref?.()
    },
    async stop() {
      if (timer) clearInterval(timer)
      timer = undefined
      await running
    },
  }
}
