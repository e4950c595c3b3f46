import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { JobLeases } from '@landsea/core/settings'
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
  /** Leases shared by the processes on the database: one of them publishes checkpoints. */
  readonly leases: JobLeases
  /** This node instance, as a lease holder (default: host, process id and a random id). */
  readonly holder?: string
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

/** A job that runs `work` every `intervalMs` (the next run waits for the last), until stopped. */
function timerJob(name: string, intervalMs: number, work: () => Promise<unknown>): BackgroundJob {
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<unknown> | undefined
  let stopped = true
  const tick = () => {
    running = work()
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
      timer.unref?.()
    },
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}

/**
 * A {@link timerJob} that only the holder of the job's lease runs: each tick claims (or renews)
 * the lease for three intervals (at least 2 s) and works only when it holds it; stop gives it up.
 * A process that dies loses the lease when it lapses, and another takes the work over.
 */
function leasedJob(
  name: string,
  intervalMs: number,
  { leases, holder }: { leases: JobLeases; holder: string },
  work: () => Promise<unknown>,
): BackgroundJob {
  const ttlMs = Math.max(3 * intervalMs, 2000)
  const job = timerJob(name, intervalMs, async () => {
    if (await leases.claim(name, holder, Date.now(), ttlMs)) await work()
  })
  return {
    ...job,
    async stop() {
      await job.stop()
      await leases.release(name, holder).catch(() => undefined)
    },
  }
}

/**
 * Every background job of a node, in one place:
 * - `checkpoint-publisher`: signs a checkpoint of the ledger when it has grown and asks the peers'
 *   witnesses to cosign it (docs/ledger.md); leased, so that of several processes on one database
 *   exactly one does it (docs/deploy.md);
 * - `webhook-delivery`: POSTs queued event notifications to subscribers, with retries
 *   (docs/tracking.md); each delivery is leased by the process that sends it;
 * - `pint-outbox`: retries PINT transfers out until the receiving platform's signed answer
 *   (docs/pint.md);
 * - `privacy-housekeeping`: applies erasures whose retention has ended and settles the transfer
 *   intents of deliveries that ended (docs/privacy.md); leased like the checkpoint publisher.
 */
export function createBackgroundJobs({
  ledger,
  webhooks,
  leases,
  holder = `${hostname()}:${process.pid}:${randomUUID()}`,
  checkpointIntervalMs = 60_000,
  webhookIntervalMs = 1000,
  pint,
  pintRetryIntervalMs = 5000,
  privacy,
  privacyIntervalMs = 60_000,
}: BackgroundJobOptions): readonly BackgroundJob[] {
  const jobs: BackgroundJob[] = []
  if (checkpointIntervalMs > 0) {
    jobs.push(
      leasedJob('checkpoint-publisher', checkpointIntervalMs, { leases, holder }, () =>
        ledger.publishIfGrown(),
      ),
    )
  }
  if (webhookIntervalMs > 0) {
    jobs.push({
      name: 'webhook-delivery',
      start: () => webhooks.start(webhookIntervalMs),
      stop: () => webhooks.stop(),
    })
  }
  if (pint && pintRetryIntervalMs > 0) {
    jobs.push(timerJob('pint-outbox', pintRetryIntervalMs, () => pint.deliverPending()))
  }
  if (privacy && privacyIntervalMs > 0) {
    jobs.push(leasedJob('privacy-housekeeping', privacyIntervalMs, { leases, holder }, privacy))
  }
  return jobs
}
