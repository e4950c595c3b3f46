import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto'
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
import { standardsPersonalDataLocator } from './personal-data.js'
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
  /** The JSON value about to be sent. */
  readonly payload: unknown
  /**
   * The transfer intent (e.g. `webhook:<subscription>:<delivery>`): a retry of the same intent is
   * decided again but not recorded again (one register entry per intent, docs/privacy.md).
   */
  readonly intentId?: string
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
  /** The register entry, appended before this returns; absent when nothing personal crossed. */
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
  let secret: Buffer | undefined
  let cachedPolicy: PrivacyPolicy | undefined

  async function nodeSecret(): Promise<Buffer> {
    if (secret) return secret
    let hex = await settings.get<string>(SECRET_KEY)
    if (!hex) {
      hex = randomBytes(32).toString('hex')
      await settings.set(SECRET_KEY, hex)
    }
    secret = Buffer.from(hex, 'hex')
    return secret
  }
  const keyedHash = (key: Buffer, value: string) =>
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

  async function decide(request: OutboundRequest): Promise<OutboundPermit> {
    const current = await policy()
    // Placeholders of erased values (docs/privacy.md) are no one's data.
    const found = findPersonalData(
      request.payload,
      locator ?? standardsPersonalDataLocator(),
    ).filter((f) => f.value !== erasedPlaceholder(f.path))
    const recipientCountry =
      request.recipientCountry ??
      current.recipients.find((r) => r.id === request.recipient)?.country
    // Fast path, the same answer decideTransfer gives (row C3): no personal data, nothing to count.
    if (found.length === 0) {
      const crossBorder = recipientCountry !== current.jurisdiction
      return { action: 'send', crossBorder, payload: request.payload, warnings: [] }
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
            request.payload,
            found,
            (v) => `hmac-sha256:${keyedHash(key, String(v)).slice(0, 32)}`,
          )
        : request.payload
    if (!decision.crossBorder || found.length === 0) {
      return { action: decision.action, crossBorder: decision.crossBorder, payload, warnings: [] }
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
      payloadSha256: createHash('sha256').update(JSON.stringify(payload)).digest('hex'),
      ...(request.intentId ? { intentId: request.intentId } : {}),
    }
    // Record first, then send: a crash after this leaves a recorded transfer, never an unrecorded one.
    // One entry per intent: a retry finds the entry its first attempt recorded.
    const entry =
      (request.intentId ? await register.byIntent(request.intentId) : undefined) ??
      (await register.append(record))
    return {
      action: decision.action,
      crossBorder: true,
      payload,
      entry,
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

  function checkOutbound(request: OutboundRequest): Promise<OutboundPermit> {
    const next = queue.then(() => decide(request))
    queue = next.catch(() => undefined)
    return next
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
      const settled = new Set(
        [...(await store.intentsIn('sent')), ...(await store.intentsIn('not-sent'))].map(
          (i) => i.intentId,
        ),
      )
      return (await register.list())
        .filter((e) => e.record.intentId !== undefined && !settled.has(e.record.intentId))
        .map((e) => ({
          intentId: e.record.intentId!,
          recordId: e.record.recordId,
          leafIndex: e.leafIndex,
          state: 'recorded' as const,
        }))
    },
  }
}
