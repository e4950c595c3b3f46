import { createHash, createSecretKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto'
import {
  decideTransfer,
  defaultPrivacyPolicy,
  erasedPlaceholder,
  findPersonalData,
  PrivacyError,
  transferReport,
  validatePrivacyPolicy,
  type Jurisdiction,
  type PersonalDataLocator,
  type PrivacyPolicy,
  type TransferRecord,
  type TransferReportRow,
  type AccessLogEntry,
  type PrivacyStore,
  type TransferIntent,
} from '@landsea/core/privacy'
import type { NodeSettingsStore } from '@landsea/core/settings'
import { createSettingsCache } from '../identity/settings-cache.js'
import { createKeyedHashMemo } from './keyed-hash-memo.js'
import { analysePayload, type PayloadAnalysis } from './payload-analysis.js'
import { mayHoldPersonalData, standardsPersonalDataLocator } from './personal-data.js'
import { normaliseIdentifier, subjectOfEach } from './subjects.js'
import type { RegisteredTransfer, TransferRegister } from './transfer-register.js'
import type {
  BatchAnswer,
  OutboundDecision,
  OutboundPermit,
  OutboundRequest,
  ReadRequest,
} from './outbound-flow.js'

/** The one gate every cross-border flow passes (docs/privacy.md). */
export interface PrivacyGate {
  /**
   * Finds the personal data in the payload, decides under the policy, records the transfer in the
   * register (first), and returns what may be sent. A refusal throws `PrivacyError` whose code names
   * the missing basis; nothing is recorded as sent and nothing may leave.
   */
  checkOutbound(request: OutboundRequest): Promise<OutboundPermit>
  /**
   * Decides a batch of flows in order, each counted towards the thresholds before the next, and
   * writes nothing: each decision carries the record its sender writes before the send
   * (`register.appendWith`). `stamp` is the {@link policyStamp} they were decided under.
   */
  decideBatch(
    requests: readonly OutboundRequest[],
  ): Promise<{ readonly stamp: string; readonly answers: readonly BatchAnswer[] }>
  /**
   * The policy (a digest) and the day decisions are taken under now: a decision taken under another
   * stamp may no longer be covered (a basis changed, withdrawn or expired) and is taken again.
   */
  policyStamp(): Promise<string>
  /**
   * An API read: the gate decides as for any flow (a reader of another jurisdiction is a crossing),
   * then the personal values in what is returned go to the access log (who read what, when).
   */
  checkRead(request: ReadRequest): Promise<OutboundPermit>
  /** Logs a read that returned this payload, if it holds personal values (who read what, when). */
  logAccess(read: {
    reader: string
    what: string
    payload: unknown
    recordIds: readonly string[]
  }): Promise<void>
  /** The access log of local reads of personal data, newest first. */
  accessLog(filter?: { year?: number; subjectHash?: string }): Promise<AccessLogEntry[]>
  /** Marks a transfer intent sent (or abandoned, never sent). */
  settleIntent(intentId: string, state: 'sent' | 'not-sent'): Promise<void>
  /** The intents recorded and not yet settled (to reconcile after a restart). */
  unsettledIntents(): Promise<TransferIntent[]>
  policy(): Promise<PrivacyPolicy>
  /** Replaces the policy after validating it; an unknown jurisdiction or a bad field is refused. */
  setPolicy(policy: unknown): Promise<PrivacyPolicy>
  /** The register's report for a calendar year, per exporter and recipient country. */
  report(year: number): Promise<TransferReportRow[]>
  /** The node's keyed hash of a subject identifier (e-mail or phone), as the register keeps it. */
  subjectHash(identifier: string): Promise<string>
  /** Forgets the values whose keyed hashes it remembers (called when a subject is erased). */
  forgetValues(): void
  /** How many values' keyed hashes it remembers (none right after an erasure). */
  rememberedValues(): number
  readonly register: TransferRegister
}

const POLICY_KEY = 'privacy.policy'
const POLICY_VERSION_KEY = 'privacy.policy.version'
/** How long a process keeps the policy's stored version before reading it again. */
const POLICY_MAX_AGE_MS = 1000
const SECRET_KEY = 'privacy.secret'
const countryOf = (policy: PrivacyPolicy, recipient: string) =>
  policy.recipients.find((r) => r.id === recipient)?.country

/**
 * Creates the gate. Transfers are decided one at a time (an in-process queue), so two concurrent
 * flows cannot both pass under a threshold that together they cross.
 */
export function createPrivacyGate({
  settings,
  register,
  store,
  exporter,
  jurisdiction,
  now = () => new Date(),
  locator,
}: {
  settings: NodeSettingsStore
  register: TransferRegister
  store: PrivacyStore
  /** The node's name: the exporter of its API reads. */
  exporter: string
  /** The node's jurisdiction: its default policy's. */
  jurisdiction: string
  now?: () => Date
  /** Default: the vendored standards' locator, compiled on the first decision (not at start). */
  locator?: PersonalDataLocator
}): PrivacyGate {
  let queue: Promise<unknown> = Promise.resolve()
  let secret: KeyObject | undefined
  let loaded: { policy: PrivacyPolicy; digest: string; version: string } | undefined

  // The key is imported once (a KeyObject), not per keyed hash.
  async function nodeSecret(): Promise<KeyObject> {
    if (secret) return secret
    let hex = await settings.get<string>(SECRET_KEY)
    if (!hex) {
      hex = randomBytes(32).toString('hex')
      await settings.set(SECRET_KEY, hex)
    }
    secret = createSecretKey(Buffer.from(hex, 'hex'))
    return secret
  }
  // A value seen again (a contact named in each event of a shipment) is not hashed again.
  const memo = createKeyedHashMemo()
  const keyedHash = (key: KeyObject, value: string) => memo.hash(key, value)
  const hasher = async () => {
    const key = await nodeSecret()
    return (value: string) => keyedHash(key, value)
  }
  const digestOf = (policy: PrivacyPolicy) =>
    createHash('sha256').update(JSON.stringify(policy)).digest('hex').slice(0, 32)

  // The stored version (the policy's digest, written after the policy) says whether another
  // process sharing the database set a policy since this one read it. It is kept for up to a
  // second, as the identity settings are (docs/identity.md): a decision reads nothing, and a policy
  // set elsewhere is in force here within the second. The version is read before the policy, so
  // the version held never names an older policy than the one held.
  const version = createSettingsCache({
    load: async () => (await settings.get<string>(POLICY_VERSION_KEY)) ?? 'unset',
    maxAgeMs: POLICY_MAX_AGE_MS,
  })
  async function load(stored: string) {
    const policy =
      (await settings.get<PrivacyPolicy>(POLICY_KEY)) ??
      defaultPrivacyPolicy(
        (['CN', 'SG'].includes(jurisdiction) ? jurisdiction : 'CN') as Jurisdiction,
      )
    loaded = { policy, digest: digestOf(policy), version: stored }
    return loaded
  }
  /** The policy in force: the one held unless the stored version moved. */
  async function current(stored = version.read()) {
    const v = await stored
    return loaded?.version === v ? loaded : load(v)
  }
  const stampOf = ({ digest }: { digest: string }) =>
    `${digest}@${now().toISOString().slice(0, 10)}`

  /** A decision; a recorded one's row is still being written (`durable`). */
  type Decided = OutboundDecision & { durable?: Promise<RegisteredTransfer> }

  /**
   * Decides; records the entry (`append`) or only counts it, for the sender to write (`defer`).
   * `policy`: the policy in force, one for a whole batch; `shared`: the batch's analyses, by text.
   */
  async function decide(
    request: OutboundRequest,
    policy: () => Promise<{ policy: PrivacyPolicy }>,
    { defer = false, shared }: { defer?: boolean; shared?: Map<string, PayloadAnalysis> } = {},
  ): Promise<Decided> {
    const { json } = request
    const located = locator ?? standardsPersonalDataLocator()
    // Values the ingest found count only if found by this gate's locator.
    const carried = request.personalValues
    const isCarried = carried?.locator === located
    // A text in which no personal value can appear is not parsed or analysed (row C3 below).
    // Nor is a payload in which the ingest found none.
    const isClear =
      (request.payload !== undefined && isCarried && carried.found.length === 0) ||
      (json !== undefined && !mayHoldPersonalData(json, located))
    let analysis = isClear || json === undefined ? undefined : shared?.get(json)
    if (!analysis && !isClear) {
      const asked = isCarried || !carried ? request : { ...request, personalValues: undefined }
      analysis = await analysePayload(asked, located, hasher)
      if (json !== undefined) shared?.set(json, analysis)
    }
    const { policy: inForce } = await policy()
    const recipientCountry = request.recipientCountry ?? countryOf(inForce, request.recipient)
    // Fast path, the same answer decideTransfer gives (row C3): no personal data, nothing to count.
    if (!analysis || analysis.found.length === 0) {
      return {
        action: 'send',
        crossBorder: recipientCountry !== inForce.jurisdiction,
        payload: analysis ? analysis.original() : request.payload,
        ...(json !== undefined ? { json } : {}),
        hasPersonalData: false,
        warnings: [],
      }
    }
    const { subjects, categories, sensitive } = analysis
    const at = now()
    const year = at.getUTCFullYear()
    const counted = (await register.subjects(year)).get(request.exporter)
    const newSubjects = subjects.filter((h) => !counted?.all.has(h)).length
    const decision = decideTransfer(
      inForce,
      {
        channel: request.channel,
        exporter: request.exporter,
        recipient: request.recipient,
        recipientCountry,
        purpose: request.purpose,
        categories,
        sensitive,
        newSubjects,
        // A bundle's or a PINT envelope's document is signed by checksum: a minimised copy would
        // not verify (it would be another bill).
        minimisable: request.channel !== 'bundle' && request.channel !== 'pint',
        date: at.toISOString().slice(0, 10),
      },
      { subjects: counted?.all.size ?? 0, sensitiveSubjects: counted?.sensitive.size ?? 0 },
    )
    if (decision.action === 'refuse') {
      throw new PrivacyError(decision.code, decision.message)
    }
    const out = decision.action === 'minimise' ? analysis.minimised() : analysis.sent()
    const sent = { payload: out.payload, ...(json !== undefined ? { json: out.json } : {}) }
    const hasPersonalData = decision.action === 'send'
    if (!decision.crossBorder) {
      return { action: decision.action, crossBorder: false, ...sent, hasPersonalData, warnings: [] }
    }
    // Members in RFC 8785 order: the register writes the record's canonical text, and a record
    // already in order is serialised without sorting its members.
    const record: TransferRecord = {
      action: decision.action,
      basis: decision.basis,
      categories,
      channel: request.channel,
      exporter: request.exporter,
      ...(request.intentId ? { intentId: request.intentId } : {}),
      payloadSha256: out.sha256,
      purpose: request.purpose,
      recipient: request.recipient,
      recipientCountry: recipientCountry!,
      recordId: randomUUID(),
      recordedAt: at.toISOString(),
      sensitive,
      subjectCount: subjects.length,
      subjectHashes: subjects,
      warnings: decision.warnings,
    }
    const decided = {
      action: decision.action,
      crossBorder: true,
      ...sent,
      hasPersonalData,
      warnings: decision.warnings,
    }
    if (defer) {
      await register.count(record)
      return { ...decided, record }
    }
    // Record first, then send: a crash after this leaves a recorded transfer, never an unrecorded one.
    // One entry per intent: a retry gets back the entry its first attempt recorded.
    const { durable } = await register.append(record, request.deliveryId)
    return { ...decided, durable }
  }

  async function logAccess({
    reader,
    what,
    payload,
    recordIds,
  }: {
    reader: string
    what: string
    payload: unknown
    recordIds: readonly string[]
  }): Promise<void> {
    const found = findPersonalData(payload, locator ?? standardsPersonalDataLocator()).filter(
      (f) => !f.value.startsWith('hmac-sha256:') && f.value !== erasedPlaceholder(f.path),
    )
    if (found.length === 0) return
    const key = await nodeSecret()
    await store.logAccess([
      {
        at: now().toISOString(),
        reader,
        what,
        recordIds,
        subjectHashes: [...new Set(subjectOfEach(found).map((s) => keyedHash(key, s)))],
      },
    ])
  }

  // Decisions one at a time; the rows of those recorded in one turn are written together, and
  // each permit waits for its own row (record first, then send).
  function checkOutbound(request: OutboundRequest): Promise<OutboundPermit> {
    const next = queue.then(() => decide(request, current))
    queue = next.catch(() => undefined)
    return next.then(async ({ durable, record: _record, hasPersonalData: _has, ...permit }) =>
      durable ? { ...permit, entry: await durable } : permit,
    )
  }

  // One policy and one analysis per distinct text for the whole batch: an ingest's event goes to
  // each subscriber, often as the same text.
  async function decideAll(requests: readonly OutboundRequest[]) {
    let inForce: ReturnType<typeof current> | undefined
    const policy = () => (inForce ??= current())
    const shared = new Map<string, PayloadAnalysis>()
    const answers: BatchAnswer[] = []
    for (const request of requests) {
      try {
        answers.push({ decided: await decide(request, policy, { defer: true, shared }) })
      } catch (refused) {
        answers.push({ refused })
      }
    }
    return { stamp: stampOf(await (inForce ?? current())), answers }
  }

  return {
    register,
    policy: async () => (await current(version.fresh())).policy,
    checkOutbound,
    policyStamp: async () => stampOf(await current()),
    // In the queue of decisions: no other decision counts in between.
    decideBatch(requests) {
      const next = queue.then(() => decideAll(requests))
      queue = next.catch(() => undefined)
      return next
    },
    async setPolicy(value) {
      const validated = validatePrivacyPolicy(value)
      const digest = digestOf(validated)
      await settings.set(POLICY_KEY, validated)
      await settings.set(POLICY_VERSION_KEY, digest)
      loaded = { policy: validated, digest, version: digest }
      version.wrote(digest)
      return validated
    },
    async report(year) {
      return transferReport(
        (await register.list()).map((e) => e.record),
        year,
        (await current()).policy,
      )
    },
    async subjectHash(identifier) {
      return keyedHash(await nodeSecret(), normaliseIdentifier(identifier))
    },
    forgetValues: memo.forget,
    rememberedValues: memo.size,
    async checkRead({ reader, readerCountry, what, purpose, payload, recordIds }) {
      const permit = await checkOutbound({
        channel: 'api-read',
        exporter,
        recipient: reader,
        ...(readerCountry ? { recipientCountry: readerCountry } : {}),
        purpose,
        payload,
      })
      await logAccess({ reader, what, payload: permit.payload, recordIds })
      return permit
    },
    logAccess,
    accessLog: (filter = {}) => store.accessLog(filter),
    async settleIntent(intentId, state) {
      await register.seal()
      const entry = await register.byIntent(intentId)
      if (!entry) return
      await store.putIntent({
        intentId,
        recordId: entry.record.recordId,
        leafIndex: entry.leafIndex,
        state,
      })
    },
    async unsettledIntents() {
      return (await register.unsettled()).map((i) => ({ ...i, state: 'recorded' as const }))
    },
  }
}
