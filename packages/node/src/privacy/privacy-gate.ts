import {
  createHash,
  createHmac,
  createSecretKey,
  randomBytes,
  randomUUID,
  type KeyObject,
} from 'node:crypto'
import {
  decideTransfer,
  defaultPrivacyPolicy,
  erasedPlaceholder,
  findPersonalData,
  minimisePayload,
  PrivacyError,
  transferReport,
  validatePrivacyPolicy,
  type Jurisdiction,
  type PersonalDataLocator,
  type PrivacyPolicy,
  type ThresholdWarning,
  type TransferChannel,
  type TransferRecord,
  type TransferReportRow,
  type AccessLogEntry,
  type PrivacyStore,
  type TransferIntent,
} from '@landsea/core/privacy'
import type { NodeSettingsStore } from '@landsea/core/settings'
import { mayHoldPersonalData, standardsPersonalDataLocator } from './personal-data.js'
import { normaliseIdentifier, subjectOfEach } from './subjects.js'
import type { RegisteredTransfer, TransferRegister } from './transfer-register.js'

/** One outbound flow, as a channel hands it to the gate. */
export interface OutboundRequest {
  readonly channel: TransferChannel
  /** The organisation (or the node) sending the personal data. */
  readonly exporter: string
  /** The recipient: an organisation id, or a webhook's origin. */
  readonly recipient: string
  /** The recipient's country when the channel knows it; else the policy's recipients decide. */
  readonly recipientCountry?: string
  readonly purpose: string
  /** The JSON value about to be sent (or `json`, its text). */
  readonly payload?: unknown
  /**
   * The exact text about to be sent, when the channel holds it (webhooks): the gate skips a text in
   * which no personal-data container can appear without parsing it, and hashes these bytes.
   */
  readonly json?: string
  /**
   * The transfer intent (e.g. `webhook:<subscription>:<delivery>`): a retry of the same intent is
   * decided again but not recorded again (one register entry per intent, docs/privacy.md).
   */
  readonly intentId?: string
  /** The webhook delivery whose own recorded status settles the intent (no separate write). */
  readonly deliveryId?: string
}

/** A local read of personal data by an organisation (an API read): gated, then logged. */
export interface ReadRequest {
  readonly reader: string
  readonly readerCountry?: string
  /** What was read, e.g. `GET /api/ebl/{id}`. */
  readonly what: string
  readonly purpose: string
  readonly payload: unknown
  readonly recordIds: readonly string[]
}

/** What may leave: the payload to send (the original or a minimised copy) and the register entry. */
export interface OutboundPermit {
  readonly action: 'send' | 'minimise'
  readonly crossBorder: boolean
  readonly payload: unknown
  /** The text to send when the request gave `json`: the same text, or the minimised copy's. */
  readonly json?: string
  /** The register entry, durable before this returns; absent when nothing personal crossed. */
  readonly entry?: RegisteredTransfer
  readonly warnings: readonly ThresholdWarning[]
}

/** The one gate every cross-border flow passes (docs/privacy.md). */
export interface PrivacyGate {
  /**
   * Finds the personal data in the payload, decides under the policy, records the transfer in the
   * register (first), and returns what may be sent. A refusal throws `PrivacyError` whose code names
   * the missing basis; nothing is recorded as sent and nothing may leave.
   */
  checkOutbound(request: OutboundRequest): Promise<OutboundPermit>
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
  readonly register: TransferRegister
}

const POLICY_KEY = 'privacy.policy'
const SECRET_KEY = 'privacy.secret'

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
  let cachedPolicy: PrivacyPolicy | undefined

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
  const keyedHash = (key: KeyObject, value: string) =>
    createHmac('sha256', key).update(value, 'utf8').digest('hex')

  async function policy(): Promise<PrivacyPolicy> {
    if (cachedPolicy) return cachedPolicy
    const stored = await settings.get<PrivacyPolicy>(POLICY_KEY)
    cachedPolicy =
      stored ??
      defaultPrivacyPolicy(
        (['CN', 'SG'].includes(jurisdiction) ? jurisdiction : 'CN') as Jurisdiction,
      )
    return cachedPolicy
  }

  /** A decision; a recorded one's row is still being written (`durable`). */
  type Decided = Omit<OutboundPermit, 'entry'> & { durable?: Promise<RegisteredTransfer> }

  async function decide(request: OutboundRequest): Promise<Decided> {
    const current = await policy()
    const { json } = request
    const located = locator ?? standardsPersonalDataLocator()
    const skip = json !== undefined && !mayHoldPersonalData(json, located)
    // A text we parsed is ours: minimising changes it in place rather than a copy.
    const owned = request.payload === undefined && json !== undefined
    const parsed = request.payload ?? (skip ? undefined : (JSON.parse(json!) as unknown))
    // Placeholders of erased values (docs/privacy.md) are no one's data.
    const found = skip
      ? []
      : findPersonalData(parsed, located).filter((f) => f.value !== erasedPlaceholder(f.path))
    const recipientCountry =
      request.recipientCountry ??
      current.recipients.find((r) => r.id === request.recipient)?.country
    // Fast path, the same answer decideTransfer gives (row C3): no personal data, nothing to count.
    if (found.length === 0) {
      const crossBorder = recipientCountry !== current.jurisdiction
      return {
        action: 'send',
        crossBorder,
        payload: parsed,
        ...(json !== undefined ? { json } : {}),
        warnings: [],
      }
    }
    const key = await nodeSecret()
    const subjects = [...new Set(subjectOfEach(found).map((s) => keyedHash(key, s)))]
    const at = now()
    const year = at.getUTCFullYear()
    const counted = (await register.subjects(year)).get(request.exporter)
    const newSubjects = subjects.filter((h) => !counted?.all.has(h)).length
    const sensitive = found.some((f) => f.sensitive)
    const categories = [...new Set(found.map((f) => f.category))].sort()
    const decision = decideTransfer(
      current,
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
    const payload =
      decision.action === 'minimise'
        ? minimisePayload(
            parsed,
            found,
            (v) => `hmac-sha256:${keyedHash(key, String(v)).slice(0, 32)}`,
            { inPlace: owned },
          )
        : parsed
    const text = decision.action === 'send' && json !== undefined ? json : JSON.stringify(payload)
    const sent = { payload, ...(json !== undefined ? { json: text } : {}) }
    if (!decision.crossBorder || found.length === 0) {
      return { action: decision.action, crossBorder: decision.crossBorder, ...sent, warnings: [] }
    }
    const record: TransferRecord = {
      recordId: randomUUID(),
      recordedAt: at.toISOString(),
      exporter: request.exporter,
      recipient: request.recipient,
      recipientCountry: recipientCountry!,
      channel: request.channel,
      purpose: request.purpose,
      action: decision.action,
      categories,
      sensitive,
      subjectCount: subjects.length,
      subjectHashes: subjects,
      basis: decision.basis,
      warnings: decision.warnings,
      payloadSha256: createHash('sha256').update(text).digest('hex'),
      ...(request.intentId ? { intentId: request.intentId } : {}),
    }
    // Record first, then send: a crash after this leaves a recorded transfer, never an unrecorded one.
    // One entry per intent: a retry gets back the entry its first attempt recorded.
    const { durable } = await register.append(record, request.deliveryId)
    return {
      action: decision.action,
      crossBorder: true,
      ...sent,
      durable,
      warnings: decision.warnings,
    }
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
    const next = queue.then(() => decide(request))
    queue = next.catch(() => undefined)
    return next.then(async ({ durable, ...permit }) =>
      durable ? { ...permit, entry: await durable } : permit,
    )
  }

  return {
    register,
    policy,
    checkOutbound,
    async setPolicy(value) {
      const validated = validatePrivacyPolicy(value)
      await settings.set(POLICY_KEY, validated)
      cachedPolicy = validated
      return validated
    },
    async report(year) {
      return transferReport(
        (await register.list()).map((e) => e.record),
        year,
        await policy(),
      )
    },
    async subjectHash(identifier) {
      return keyedHash(await nodeSecret(), normaliseIdentifier(identifier))
    },
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
