import type { NodeLedger } from './ledger/node-ledger.js'
import type { WebhookWorker } from './tracking/webhook-worker.js'
import type { PintService } from './pint/pint-service.js'

/** Work a running node does on its own, started by `node.start()` and stopped by `node.stop()`. */
export interface BackgroundJob {
  readonly name: string
  start(): void
  stop(): Promise<void>
}

/** Options of {@link createBackgroundJobs}. */
export interface BackgroundJobOptions {
  readonly ledger: NodeLedger
  readonly webhooks: WebhookWorker
  /** Sign a checkpoint this often when the log has grown; 0 leaves the job out. */
  readonly checkpointIntervalMs?: number
  /** Look for due webhook deliveries this often; 0 leaves the job out. */
  readonly webhookIntervalMs?: number
  /** PINT transfers out, retried until the receiving platform's signed answer (docs/pint.md). */
  readonly pint?: PintService
  readonly pintRetryIntervalMs?: number
  /** Privacy housekeeping: due erasures and unsettled transfer intents (docs/privacy.md). */
  readonly privacy?: () => Promise<unknown>
  readonly privacyIntervalMs?: number
}

/**
 * Every background job of a node, in one place:
 * - `checkpoint-publisher`: signs a checkpoint of the ledger when it has grown and asks the peers'
 *   witnesses to cosign it (docs/ledger.md);
 * - `webhook-delivery`: POSTs queued event notifications to subscribers, with retries
 *   (docs/tracking.md);
 * - `pint-outbox`: retries PINT transfers out until the receiving platform's signed answer
 *   (docs/pint.md);
 * - `privacy-housekeeping`: applies erasures whose retention has ended and settles the transfer
 *   intents of deliveries that ended (docs/privacy.md).
 */
export function createBackgroundJobs({
  ledger,
  webhooks,
  checkpointIntervalMs = 60_000,
  webhookIntervalMs = 1000,
  pint,
  pintRetryIntervalMs = 5000,
  privacy,
  privacyIntervalMs = 60_000,
}: BackgroundJobOptions): readonly BackgroundJob[] {
  const jobs: BackgroundJob[] = []
  if (checkpointIntervalMs > 0) {
    let stopPublishing: (() => void) | undefined
    jobs.push({
      name: 'checkpoint-publisher',
      start() {
        stopPublishing ??= ledger.startPublishing(checkpointIntervalMs)
      },
      async stop() {
        stopPublishing?.()
        stopPublishing = undefined
      },
    })
  }
  if (webhookIntervalMs > 0) {
    jobs.push({
      name: 'webhook-delivery',
      start: () => webhooks.start(webhookIntervalMs),
      stop: () => webhooks.stop(),
    })
  }
  if (pint && pintRetryIntervalMs > 0) {
    jobs.push(periodicJob('pint-outbox', pintRetryIntervalMs, () => pint.deliverPending()))
  }
  if (privacy && privacyIntervalMs > 0) {
    jobs.push(periodicJob('privacy-housekeeping', privacyIntervalMs, privacy))
  }
  return jobs
}

/** A job that runs `run` every `intervalMs` after the previous run ended (never two at once). */
function periodicJob(name: string, intervalMs: number, run: () => Promise<unknown>): BackgroundJob {
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<unknown> | undefined
  let stopped = true
  const tick = () => {
    running = run()
      .catch(() => undefined)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs)
      })
  }
  return {
    name,
    start() {
      if (!stopped) return
      stopped = false
      timer = setTimeout(tick, intervalMs)
    },
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}
