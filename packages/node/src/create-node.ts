import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { createTitleRegistry, type TitleRegistry } from '@landsea/core/ebl'
import type { OrganisationStore } from '@landsea/core/organisation'
import type { NodeSettingsStore, SecretCipher } from '@landsea/core/settings'
import type { SubscriptionStore } from '@landsea/core/tracking'
import {
  createDatabase,
  createEblStore,
  createEventStore,
  createObjectEventStore,
  createJobLeaseStore,
  createIdentityStore,
  createLedgerStore,
  createNodeSettingsStore,
  createOrganisationStore,
  createPintStore,
  createPlatformStore,
  createSubscriptionStore,
  createWitnessStore,
  sealSecretsAtRest,
  createPrivacyStore,
  createTransferRegisterStore,
  type DialectName,
  type LandseaDatabase,
} from '@landsea/storage'
import { createBackgroundJobs, type BackgroundJob } from './background-jobs.js'
import { createFastJwsVerifier, fastSignJws } from './crypto/fast-jws.js'
import { nodeSha256 } from './crypto/node-sha256.js'
import { createSecretCipher, loadSecretCipher } from './crypto/secret-cipher.js'
import { fetchTextGuarded } from './identity/fetch-text.js'
import { createNodeIdentity, fetchTextWith } from './identity/node-identity.js'
import type { NodeIdentityService } from './identity/node-identity-service.js'
import { withVerifiedParties } from './identity/verified-parties.js'
import { createNodeLedger, originFor, type NodeLedger } from './ledger/node-ledger.js'
import { createPrivacyGate, type PrivacyGate } from './privacy/privacy-gate.js'
import { createTransferRegister } from './privacy/transfer-register.js'
import { pintGate } from './privacy/pint-gate.js'
import { webhookGate } from './privacy/webhook-gate.js'
import { createPersonalVault } from './privacy/personal-vault.js'
import { createEventVault } from './privacy/event-vault.js'
import { createPintVault } from './privacy/pint-vault.js'
import { standardsPersonalDataLocator } from './privacy/personal-data.js'
import { createSubjectRights, type SubjectRights } from './privacy/subject-rights.js'
import { validateTrackingEventSchema } from './standards/tracking-event-schema.js'
import { validateTransportDocumentSchema } from './standards/transport-document-schema.js'
import type { Fetch } from './ledger/witness-client.js'
import { createOutbound, outboundPolicyFromEnv, type OutboundPolicy } from './outbound/index.js'
import { createTrackingService, type TrackingService } from './tracking/tracking-service.js'
import { CLAIM_KEY_FRAGMENT, createClaimKey } from './emissions/claim-key.js'
import { createEmissionsService, type EmissionsService } from './emissions/emissions-service.js'
import { createWebhookWorker, type WebhookWorker } from './tracking/webhook-worker.js'
import { exportBundle } from './ledger/bundle-export.js'
import { createPintService, type PintService } from './pint/pint-service.js'
import { platformIdentityOf } from './pint/platform-identity.js'

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
  /** DCSA PINT 3.0: this node as a platform, its directory, transfers out and in (docs/pint.md). */
  readonly pint: PintService
  /** The gate every cross-border flow of personal data passes, and its register (docs/privacy.md). */
  readonly privacy: PrivacyGate
  /** Subject access and erasure by crypto-shredding, with retention enforced (docs/privacy.md). */
  readonly privacyRights: SubjectRights
  /** The node's background jobs (background-jobs.ts), started by {@link start}. */
  readonly jobs: readonly BackgroundJob[]
  /**
   * Runs one-time setup (the demo seed) alone among the processes sharing the database; not
   * re-entrant.
   */
  withSetupLock<T>(setup: () => Promise<T>): Promise<T>
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
  /**
   * Which non-public addresses the node's outbound client may reach (webhooks, did:web, status
   * lists, peers); default `LANDSEA_OUTBOUND_ALLOW`, else public addresses only. Ignored for what
   * an injected `fetch` reaches.
   */
  readonly outbound?: OutboundPolicy
  /** Sign a checkpoint this often when the log has grown; 0 turns the job off. */
  readonly checkpointIntervalMs?: number
  /** This node's DCSA PINT platform code (`--platform-code`); stored, default `LSEA`. */
  readonly platformCode?: string
  /** Retry unanswered PINT transfers out this often; 0 turns the job off. */
  readonly pintRetryIntervalMs?: number
  /** How often due erasures and unsettled transfer intents are handled (0: never; docs/privacy.md). */
  readonly privacyIntervalMs?: number
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
  const path = join(dataDir, file)
  restrictDataFolder(dataDir, path)
  return createDatabase({ file: path })
}

/**
 * Opens the database the options name and seals every secret in it again under `cipher`'s
 * sealing key (a key rotation, see `rotateMasterKey`): in one transaction, under the setup lock.
 * Returns how many values it sealed.
 */
export async function resealSecrets(
  options: NodeStorageOptions,
  cipher: SecretCipher,
): Promise<number> {
  const database = await openDatabase(options)
  try {
    return await database.withSetupLock(() =>
      sealSecretsAtRest(database.db, cipher, { reseal: true }),
    )
  } finally {
    await database.destroy()
  }
}

/**
 * The data folder holds the database and the key-encryption key: only its owner may enter it
 * (0700), and the SQLite file is 0600 before SQLite opens it — SQLite gives its `-wal` and `-shm`
 * files the main file's mode.
 */
function restrictDataFolder(dataDir: string, databaseFile?: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  chmodSync(dataDir, 0o700)
  if (databaseFile === undefined) return
  closeSync(openSync(databaseFile, 'a', 0o600))
  chmodSync(databaseFile, 0o600)
}

/**
 * The cipher that seals the node's secrets in its database: under the given key, or
 * `LANDSEA_MASTER_KEY`, or the data folder's `master.key` (with the next key of a rotation under
 * way, see {@link loadSecretCipher}). A database handed in open (tests) with neither key nor
 * environment keeps them in clear.
 */
export function secretCipherFor(
  { dataDir = './landsea-data', inMemory, database }: NodeStorageOptions,
  masterKey: Uint8Array | undefined,
): SecretCipher | undefined {
  if (masterKey) return createSecretCipher({ key: masterKey })
  if ((database || inMemory) && !process.env.LANDSEA_MASTER_KEY) return undefined
  if (!process.env.LANDSEA_MASTER_KEY) restrictDataFolder(dataDir)
  return loadSecretCipher({ dataDir })
}

/**
 * Opens a node's database and wires its stores, use cases and background jobs: the composition
 * root, and the only module above storage that imports it. No job runs until `start()`.
 */
export async function createNode({
  identity,
  fetch,
  checkpointIntervalMs = 60_000,
  platformCode,
  pintRetryIntervalMs = 5000,
  privacyIntervalMs = 60_000,
  masterKey,
  ...storage
}: NodeStorageOptions & {
  identity?: Partial<NodeIdentity>
  /** The key-encryption key of the node's secrets (32 bytes); default docs/deploy.md. */
  masterKey?: Uint8Array
} = {}): Promise<LandseaNode> {
  const cipher = secretCipherFor(storage, masterKey)
  const outbound = createOutbound({ ...outboundPolicyFromEnv(), ...storage.outbound })
  const database = await openDatabase(storage)
  const { db } = database
  if (cipher) await database.withSetupLock(() => sealSecretsAtRest(db, cipher))
  const organisations = createOrganisationStore(db, cipher ? { cipher } : {})
  const settings = createNodeSettingsStore(db, cipher ? { cipher } : {})
  // First-run setup (identity, ledger keys) is serialised across processes sharing the database:
  // the first stores, the others read what it stored (docs/deploy.md).
  const resolved = await database.withSetupLock(async () => {
    const stored = await settings.get<NodeIdentity>('identity')
    const resolved: NodeIdentity = {
      name: identity?.name ?? stored?.name ?? 'Landsea node',
      jurisdiction: identity?.jurisdiction ?? stored?.jurisdiction ?? 'CN',
      ...((identity?.publicUrl ?? stored?.publicUrl)
        ? { publicUrl: identity?.publicUrl ?? stored?.publicUrl }
        : {}),
    }
    if (!stored || identity) await settings.set('identity', resolved)
    return resolved
  })
  const identityStore = createIdentityStore(db)
  const claimKey = createClaimKey(settings)
  const identityService = createNodeIdentity({
    store: identityStore,
    settings,
    organisations,
    // The host DID's document publishes the key that signs emissions claims (docs/emissions.md).
    hostKeys: async () => [{ fragment: CLAIM_KEY_FRAGMENT, publicJwk: await claimKey.publicJwk() }],
    ...(resolved.publicUrl ? { publicUrl: resolved.publicUrl } : {}),
    fetchText: fetch
      ? fetchTextWith(fetch)
      : fetchTextGuarded(outbound.fetch, {
          httpsOnly: !(resolved.publicUrl?.startsWith('http://') ?? false),
        }),
  })
  const ledgerStore = createLedgerStore(db)
  const ledger = await database.withSetupLock(() =>
    createNodeLedger({
      store: ledgerStore,
      witnessStore: createWitnessStore(db),
      settings,
      origin: originFor(resolved.name, resolved.publicUrl),
      fetch: fetch ?? outbound.peers,
    }),
  )
  const privacyStore = createPrivacyStore(db, cipher ? { cipher } : {})
  const register = createTransferRegister({
    rows: createTransferRegisterStore(db),
    ledger: ledgerStore,
  })
  const privacy = createPrivacyGate({
    settings,
    register,
    store: privacyStore,
    exporter: resolved.name,
    jurisdiction: resolved.jurisdiction,
  })
  const vaultOptions = {
    store: privacyStore,
    // Compiled on the first write that needs it, so commands that only read open quickly.
    locator: standardsPersonalDataLocator,
    subjectHash: (identifier: string) => privacy.subjectHash(identifier),
  }
  const vault = createPersonalVault(vaultOptions)
  const eventVault = createEventVault(vaultOptions)
  const plainEblStore = createEblStore(db)
  const eblStore = vault.eblStore(plainEblStore)
  const verifyJws = await createFastJwsVerifier()
  const registry = createTitleRegistry({
    verifyJws,
    store: eblStore,
    validateStandard: validateTransportDocumentSchema,
    commitPersonalData: (document) => vault.commit(document),
    directory: withVerifiedParties(organisations, {
      store: identityStore,
      isRequired: async () => (await identityService.settings()).requireVerifiedParties,
    }),
  })
  const subscriptions = createSubscriptionStore(db)
  const webhookPrivacy = webhookGate(privacy, resolved.name)
  const tracking = createTrackingService({
    validateStandard: validateTrackingEventSchema,
    events: eventVault.eventStore(createEventStore(db)),
    personal: eventVault,
    objects: createObjectEventStore(db),
    subscriptions,
    enqueue: webhookPrivacy.enqueue,
    ledger: ledgerStore,
  })
  const emissions = createEmissionsService({
    events: tracking.events,
    ledger: ledgerStore,
    settings,
    claimKey,
    issuerDid: () => identityService.hostDid,
  })
  const privacyRights = createSubjectRights({
    gate: privacy,
    store: privacyStore,
    vault,
    bills: eblStore,
    events: tracking.events,
  })
  const webhooks = createWebhookWorker({
    subscriptions,
    fetch: outbound.fetch,
    beforeSend: webhookPrivacy.beforeSend,
  })
  const platformIdentity = platformIdentityOf(settings, {
    name: resolved.name,
    ...(platformCode ? { code: platformCode } : {}),
  })
  // A code given at start is stored now, so later commands on this node's data use it.
  if (platformCode) await platformIdentity()
  const pint = createPintService({
    identity: platformIdentity,
    platforms: createPlatformStore(db),
    store: createPintStore(db),
    registry,
    organisations,
    // PINT names a bill by the plain checksum of its document (DCSA); bills with committed personal
    // fields are signed over another (docs/privacy.md), so both are looked up.
    findBill: async (checksum) =>
      (await eblStore.getByChecksum(checksum)) ??
      (await vault.findByPlainChecksum(plainEblStore, checksum)),
    referenceTaken: async (reference) => (await eblStore.list({ reference, limit: 1 })).length > 0,
    fetch: fetch ?? outbound.peers,
    primitives: { sign: fastSignJws, verify: verifyJws, sha256: nodeSha256 },
    beforeSend: pintGate(privacy),
    personalData: createPintVault({ vault, locator: standardsPersonalDataLocator }),
    // The bill's bundle travels with it to another node (docs/pint.md); `received`: read once.
    evidence: ({ record, history, pintChecksum, received }) =>
      exportBundle({
        documentId: record.id,
        read: { record, history, pintChecksum },
        registry,
        organisations,
        ledger,
        identity: identityService,
        emissions,
        crossingOf: () => pint.crossingFrom(received),
      }),
  })
  const jobs = createBackgroundJobs({
    ledger,
    webhooks,
    leases: createJobLeaseStore(db),
    checkpointIntervalMs,
    pint,
    pintRetryIntervalMs,
    privacyIntervalMs,
    privacy: () => webhookPrivacy.reconcile().then(() => privacyRights.eraseDue()),
  })
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
    pint,
    privacy,
    privacyRights,
    jobs,
    withSetupLock: (setup) => database.withSetupLock(setup),
    start: () => jobs.forEach((job) => job.start()),
    stop,
    async close() {
      await stop()
      await database.destroy()
    },
  }
}
