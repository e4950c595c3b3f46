import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createTitleRegistry, type TitleRegistry } from '@landsea/core/ebl'
import {
  createDatabase,
  createEblStore,
  createEventStore,
  createIdentityStore,
  createLedgerStore,
  createSubscriptionStore,
  findChainHead,
  createNodeSettingsStore,
  createOrganisationStore,
  type LandseaDatabase,
  type NodeSettingsStore,
  type OrganisationStore,
} from '@landsea/storage'
import type { SubscriptionStore } from '@landsea/core/tracking'
import { createTrackingService, type TrackingService } from './tracking-service.js'
import { createWebhookWorker, type WebhookWorker } from './webhook-worker.js'
import { createFastJwsVerifier } from './fast-jws.js'
import { createNodeLedger, originFor, type NodeLedger } from './ledger/node-ledger.js'
import type { Fetch } from './ledger/witness-client.js'
import { createNodeIdentity, fetchTextWith } from './identity/node-identity.js'
import type { NodeIdentityService } from './identity/node-identity-service.js'
import { withVerifiedParties } from './identity/verified-parties.js'

/** Who runs a node: its display name, its jurisdiction (ISO 3166 alpha-2) and its public URL. */
export interface NodeIdentity {
  readonly name: string
  readonly jurisdiction: string
  readonly publicUrl?: string
}

/** Everything a node is made of; built once per process by {@link createNode}. */
export interface LandseaNode {
  readonly identity: NodeIdentity
  readonly database: LandseaDatabase
  readonly organisations: OrganisationStore
  readonly settings: NodeSettingsStore
  readonly registry: TitleRegistry
  /** Identity: DIDs, credentials, trust lists, onboarding (docs/identity.md). */
  readonly identityService: NodeIdentityService
  /** Visibility: event ingestion, timelines, ETA, proofs (docs/tracking.md). */
  readonly tracking: TrackingService
  readonly subscriptions: SubscriptionStore
  /** Webhook delivery; started by the HTTP server when it listens. */
  readonly webhooks: WebhookWorker
  /** The tamper-evident log of every accepted action, its checkpoints and the witness for peers. */
  readonly ledger: NodeLedger
  /** The chain head of a bill by document checksum. */
  chainHead(documentChecksum: string): ReturnType<typeof findChainHead>
  close(): Promise<void>
}

/** Where a node keeps its data: a folder for SQLite, or a PostgreSQL URL. */
export interface NodeStorageOptions {
  /** Folder for the SQLite file; created when missing. Ignored when `databaseUrl` is set. */
  readonly dataDir?: string
  /** PostgreSQL connection URL. */
  readonly databaseUrl?: string
  /** Use an in-memory SQLite database (tests). */
  readonly inMemory?: boolean
  /** An already open database (tests open one per database kind). */
  readonly database?: LandseaDatabase
  /** How peers' witnesses are reached (tests route it to another node's app). */
  readonly fetch?: Fetch
  /** Sign a checkpoint this often when the log has grown; 0 turns scheduling off. */
  readonly checkpointIntervalMs?: number
}

/** Opens a node's database and wires its stores and use cases. The composition root of the data layer. */
export async function createNode({
  dataDir = './landsea-data',
  databaseUrl,
  inMemory = false,
  identity,
  database: given,
  fetch,
  checkpointIntervalMs = 60_000,
}: NodeStorageOptions & { identity?: Partial<NodeIdentity> } = {}): Promise<LandseaNode> {
  let database: LandseaDatabase
  if (given) {
    database = given
  } else if (databaseUrl) {
    database = await createDatabase({ url: databaseUrl })
  } else if (inMemory) {
    database = await createDatabase({ file: ':memory:' })
  } else {
    mkdirSync(dataDir, { recursive: true })
    database = await createDatabase({ file: join(dataDir, 'landsea.sqlite') })
  }
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
  const identityService = createNodeIdentity({
    store: createIdentityStore(db, { dialect: database.dialect }),
    settings,
    organisations,
    ...(resolved.publicUrl ? { publicUrl: resolved.publicUrl } : {}),
    ...(fetch ? { fetchText: fetchTextWith(fetch) } : {}),
  })
  const ledger = await createNodeLedger({
    db,
    settings,
    origin: originFor(resolved.name, resolved.publicUrl),
    ...(fetch ? { fetch } : {}),
  })
  const registry = createTitleRegistry({
    verifyJws: await createFastJwsVerifier(),
    store: createEblStore(db),
    directory: withVerifiedParties(organisations, {
      store: identityService.store,
      isRequired: async () => (await identityService.settings()).requireVerifiedParties,
    }),
  })
  const stopPublishing =
    checkpointIntervalMs > 0 ? ledger.startPublishing(checkpointIntervalMs) : () => {}
  const subscriptions = createSubscriptionStore(db)
  const tracking = createTrackingService({
    events: createEventStore(db),
    subscriptions,
    ledger: createLedgerStore(db),
  })
  const webhooks = createWebhookWorker({ subscriptions })
  return {
    identity: resolved,
    database,
    organisations,
    settings,
    registry,
    identityService,
    tracking,
    subscriptions,
    webhooks,
    ledger,
    chainHead: (documentChecksum) => findChainHead(db, documentChecksum),
    close: () => {
      stopPublishing()
      return database.destroy()
    },
  }
}
