import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createTitleRegistry, type TitleRegistry } from '@landsea/core/ebl'
import type { OrganisationStore } from '@landsea/core/organisation'
import type { NodeSettingsStore } from '@landsea/core/settings'
import type { SubscriptionStore } from '@landsea/core/tracking'
import {
  createDatabase,
  createEblStore,
  createEventStore,
  createIdentityStore,
  createLedgerStore,
  createNodeSettingsStore,
  createOrganisationStore,
  createSubscriptionStore,
  createWitnessStore,
  type DialectName,
  type LandseaDatabase,
} from '@landsea/storage'
import { createBackgroundJobs, type BackgroundJob } from './background-jobs.js'
import { createFastJwsVerifier } from './crypto/fast-jws.js'
import { createNodeIdentity, fetchTextWith } from './identity/node-identity.js'
import type { NodeIdentityService } from './identity/node-identity-service.js'
import { withVerifiedParties } from './identity/verified-parties.js'
import { createNodeLedger, originFor, type NodeLedger } from './ledger/node-ledger.js'
import { validateTrackingEventSchema } from './standards/tracking-event-schema.js'
import { validateTransportDocumentSchema } from './standards/transport-document-schema.js'
import type { Fetch } from './ledger/witness-client.js'
import { createTrackingService, type TrackingService } from './tracking/tracking-service.js'
import { createEmissionsService, type EmissionsService } from './emissions/emissions-service.js'
import { createWebhookWorker, type WebhookWorker } from './tracking/webhook-worker.js'

/** Stable codes of storage's own errors; here because only the composition root imports storage. */
export type { StorageErrorCode } from '@landsea/storage'

/** Who runs a node: its display name, its jurisdiction (ISO 3166 alpha-2) and its public URL. */
export interface NodeIdentity {
  readonly name: string
  readonly jurisdiction: string
  readonly publicUrl?: string
}

/** Everything a node is made of; built once per process by {@link createNode}. */
export interface LandseaNode {
  readonly identity: NodeIdentity
  /** Which database the node runs on. */
  readonly dialect: DialectName
  readonly organisations: OrganisationStore
  readonly settings: NodeSettingsStore
  readonly registry: TitleRegistry
  /** Identity: DIDs, credentials, trust lists, onboarding (docs/identity.md). */
  readonly identityService: NodeIdentityService
  /** Visibility: event ingestion, timelines, ETA, proofs (docs/tracking.md). */
  readonly tracking: TrackingService
  /** Verifiable emissions claims of finished shipments (docs/emissions.md). */
  readonly emissions: EmissionsService
  readonly subscriptions: SubscriptionStore
  /** Webhook delivery; runs as a background job once the node is started. */
  readonly webhooks: WebhookWorker
  /** The tamper-evident log of every accepted action, its checkpoints and the witness for peers. */
  readonly ledger: NodeLedger
  /** The node's background jobs (background-jobs.ts), started by {@link start}. */
  readonly jobs: readonly BackgroundJob[]
  /** Starts every background job; a node serving requests calls it once. */
  start(): void
  /** Stops the background jobs, waiting for the one in flight. */
  stop(): Promise<void>
  /** Stops the jobs and closes the database. */
  close(): Promise<void>
}

/** Where a node keeps its data: a folder for SQLite, or a PostgreSQL URL. */
export interface NodeStorageOptions {
  /** Folder for the SQLite file; created when missing. Ignored when `databaseUrl` is set. */
  readonly dataDir?: string
  /** PostgreSQL connection URL. */
  readonly databaseUrl?: string
  /** The SQLite file's name in `dataDir`. */
  readonly file?: string
  /** Use an in-memory SQLite database (tests). */
  readonly inMemory?: boolean
  /** An already open database (tests open one per database kind). */
  readonly database?: LandseaDatabase
  /** How peers' witnesses are reached (tests route it to another node's app). */
  readonly fetch?: Fetch
  /** Sign a checkpoint this often when the log has grown; 0 turns the job off. */
  readonly checkpointIntervalMs?: number
}

/** Opens a database as the storage options say. */
export async function openDatabase({
  dataDir = './landsea-data',
  databaseUrl,
  file = 'landsea.sqlite',
  inMemory = false,
  database,
}: NodeStorageOptions): Promise<LandseaDatabase> {
  if (database) return database
  if (databaseUrl) return createDatabase({ url: databaseUrl })
  if (inMemory) return createDatabase({ file: ':memory:' })
  mkdirSync(dataDir, { recursive: true })
  return createDatabase({ file: join(dataDir, file) })
}

/**
 * Opens a node's database and wires its stores, use cases and background jobs: the composition
 * root, and the only module above storage that imports it. No job runs until `start()`.
 */
export async function createNode({
  identity,
  fetch,
  checkpointIntervalMs = 60_000,
  ...storage
}: NodeStorageOptions & { identity?: Partial<NodeIdentity> } = {}): Promise<LandseaNode> {
  const database = await openDatabase(storage)
  const { db } = database
  const organisations = createOrganisationStore(db)
  const settings = createNodeSettingsStore(db)
  const stored = await settings.get<NodeIdentity>('identity')
  const resolved: NodeIdentity = {
    name: identity?.name ?? stored?.name ?? 'Landsea node',
    jurisdiction: identity?.jurisdiction ?? stored?.jurisdiction ?? 'CN',
    ...((identity?.publicUrl ?? stored?.publicUrl)
      ? { publicUrl: identity?.publicUrl ?? stored?.publicUrl }
      : {}),
  }
  if (!stored || identity) await settings.set('identity', resolved)
  const identityStore = createIdentityStore(db)
  const identityService = createNodeIdentity({
    store: identityStore,
    settings,
    organisations,
    ...(resolved.publicUrl ? { publicUrl: resolved.publicUrl } : {}),
    ...(fetch ? { fetchText: fetchTextWith(fetch) } : {}),
  })
  const ledgerStore = createLedgerStore(db)
  const ledger = await createNodeLedger({
    store: ledgerStore,
    witnessStore: createWitnessStore(db),
    settings,
    origin: originFor(resolved.name, resolved.publicUrl),
    ...(fetch ? { fetch } : {}),
  })
  const registry = createTitleRegistry({
    verifyJws: await createFastJwsVerifier(),
    store: createEblStore(db),
    validateStandard: validateTransportDocumentSchema,
    directory: withVerifiedParties(organisations, {
      store: identityStore,
      isRequired: async () => (await identityService.settings()).requireVerifiedParties,
    }),
  })
  const subscriptions = createSubscriptionStore(db)
  const tracking = createTrackingService({
    validateStandard: validateTrackingEventSchema,
    events: createEventStore(db),
    subscriptions,
    ledger: ledgerStore,
  })
  const emissions = createEmissionsService({
    events: tracking.events,
    ledger: ledgerStore,
    settings,
    issuerDid: () => identityService.hostDid,
  })
  const webhooks = createWebhookWorker({ subscriptions })
  const jobs = createBackgroundJobs({ ledger, webhooks, checkpointIntervalMs })
  const stop = async () => {
    await Promise.all(jobs.map((job) => job.stop()))
  }
  return {
    identity: resolved,
    dialect: database.dialect,
    organisations,
    settings,
    registry,
    identityService,
    tracking,
    emissions,
    subscriptions,
    webhooks,
    ledger,
    jobs,
    start: () => jobs.forEach((job) => job.start()),
    stop,
    async close() {
      await stop()
      await database.destroy()
    },
  }
}
