import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto'
import {
  decideTransfer,
  defaultPrivacyPolicy,
  exporterSubjects,
  findPersonalData,
  minimisePayload,
  PrivacyError,
  transferReport,
  validatePrivacyPolicy,
  type FoundPersonalValue,
  type Jurisdiction,
  type PersonalDataLocator,
  type PrivacyPolicy,
  type ThresholdWarning,
  type TransferChannel,
  type TransferRecord,
  type TransferReportRow,
} from '@landsea/core/privacy'
import type { NodeSettingsStore } from '@landsea/core/settings'
import { standardsPersonalDataLocator } from './personal-data.js'
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

/** Canonical form of an identifier before hashing: e-mails lower-cased, phones digits only. */
export function normaliseIdentifier(identifier: string): string {
  const trimmed = identifier.trim()
  if (trimmed.includes('@')) return trimmed.toLowerCase()
  const digits = trimmed.replace(/[^\d]/g, '')
  return digits.length >= 6 ? digits : trimmed.toLowerCase()
}

/** The personal values of one person: those found in the same object (one contact entry). */
function subjectsOf(found: readonly FoundPersonalValue[]): string[] {
  const byObject = new Map<string, FoundPersonalValue[]>()
  for (const value of found) {
    const object = value.path.slice(0, value.path.lastIndexOf('/'))
    byObject.set(object, [...(byObject.get(object) ?? []), value])
  }
  return [...byObject.values()].map((values) => {
    const field = (v: FoundPersonalValue) => v.path.slice(v.path.lastIndexOf('/') + 1)
    const best =
      values.find((v) => field(v) === 'email') ??
      values.find((v) => field(v) === 'phone') ??
      values[0]!
    return normaliseIdentifier(best.value)
  })
}

/**
 * Creates the gate. Transfers are decided one at a time (an in-process queue), so two concurrent
 * flows cannot both pass under a threshold that together they cross.
 */
export function createPrivacyGate({
  settings,
  register,
  jurisdiction,
  now = () => new Date(),
  locator = standardsPersonalDataLocator(),
}: {
  settings: NodeSettingsStore
  register: TransferRegister
  /** The node's jurisdiction: its default policy's. */
  jurisdiction: string
  now?: () => Date
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
    const found = findPersonalData(request.payload, locator)
    const recipientCountry =
      request.recipientCountry ??
      current.recipients.find((r) => r.id === request.recipient)?.country
    // Fast path, the same answer decideTransfer gives (row C3): no personal data, nothing to count.
    if (found.length === 0) {
      const crossBorder = recipientCountry !== current.jurisdiction
      return { action: 'send', crossBorder, payload: request.payload, warnings: [] }
    }
    const key = await nodeSecret()
    const subjects = [...new Set(subjectsOf(found).map((s) => keyedHash(key, s)))]
    const at = now()
    const year = at.getUTCFullYear()
    const entries = (await register.list()).map((e) => e.record)
    const counted = exporterSubjects(entries, year).get(request.exporter)
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
            (v) => `hmac-sha256:${keyedHash(key, v).slice(0, 32)}`,
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
    }
    // Record first, then send: a crash after this leaves a recorded transfer, never an unrecorded one.
    const entry = await register.append(record)
    return {
      action: decision.action,
      crossBorder: true,
      payload,
      entry,
      warnings: decision.warnings,
    }
  }

  return {
    register,
    policy,
    checkOutbound(request) {
      const next = queue.then(() => decide(request))
      queue = next.catch(() => undefined)
      return next
    },
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
  }
}
