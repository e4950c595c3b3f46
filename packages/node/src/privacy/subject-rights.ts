import type { EblStore } from '@landsea/core/ebl'
import type { EventStore } from '@landsea/core/tracking'
import {
  PrivacyError,
  type AccessLogEntry,
  type ErasureRequest,
  type PrivacyStore,
} from '@landsea/core/privacy'
import type { PrivacyGate } from './privacy-gate.js'
import type { PersonalVault } from './personal-vault.js'
import type { SealedTransfer } from './transfer-register.js'

/** One record the node holds on a person, and what is left of the person in it. */
export interface SubjectRecord {
  readonly kind: 'transport-document' | 'tracking-event'
  readonly id: string
  /** A bill's reference; an event's eventID. */
  readonly reference: string
  /** The personal fields: their value while held, `null` once erased (the commitment remains). */
  readonly fields: readonly { path: string; value: string | null; commitment: string }[]
}

/** What the node holds on a person, found by the keyed hash of an e-mail or phone number. */
export interface SubjectAccessReport {
  readonly subjectHash: string
  readonly records: readonly SubjectRecord[]
  readonly transfers: readonly SealedTransfer[]
  readonly reads: readonly AccessLogEntry[]
  readonly erasure: ErasureRequest | null
  /** Stores searched that hold no personal field by the data map (docs/privacy.md). */
  readonly noPersonalFields: readonly string[]
}

/** The individuals' rights of access and erasure (docs/privacy.md). */
export interface SubjectRights {
  access(identifier: string): Promise<SubjectAccessReport>
  /**
   * Erases the person now (destroys their key), or refuses with `PRIVACY_RETENTION_ACTIVE` naming
   * the retention rule and its end; the request then waits, and {@link eraseDue} applies it.
   */
  erase(identifier: string): Promise<ErasureRequest>
  /** Applies the pending erasures whose retention has ended by `asOf` (the job; default now). */
  eraseDue(asOf?: Date): Promise<ErasureRequest[]>
  erasures(): Promise<ErasureRequest[]>
}

const BILL = 'ebl:'
const EVENT = 'event:'

const NO_PERSONAL_FIELDS = [
  'organisation records (legal entities by USCC/UEN/LEI)',
  'API-key holders (organisations; keys stored as hashes)',
  'credentials (legal-entity and role subjects)',
]

const addYears = (iso: string, years: number) => {
  const d = new Date(iso)
  d.setUTCFullYear(d.getUTCFullYear() + years)
  return d.toISOString()
}

/**
 * Creates the rights over the gate (policy, keyed hash, register), vault, bill store and event
 * store (the vault's, which opens events' personal values while their subjects' keys live).
 */
export function createSubjectRights({
  gate,
  store,
  vault,
  bills,
  events,
  now = () => new Date(),
}: {
  gate: PrivacyGate
  store: PrivacyStore
  vault: PersonalVault
  bills: EblStore
  events: EventStore
  now?: () => Date
}): SubjectRights {
  /** A bill or a tracking event holding the person, as it reads now; undefined when gone. */
  async function holder(recordId: string) {
    if (recordId.startsWith(EVENT)) {
      const stored = await events.getEvent(recordId.slice(EVENT.length))
      return (
        stored && {
          kind: 'tracking-event' as const,
          id: stored.event.eventID,
          reference: stored.event.eventID,
          document: stored.event as unknown,
          updatedAt: stored.event.eventCreatedDateTime,
          // The vault row says whether the value is still held (sealed, not erased).
          isHeld: () => true,
        }
      )
    }
    const bill = recordId.startsWith(BILL)
      ? await bills.getById(recordId.slice(BILL.length))
      : undefined
    return (
      bill && {
        kind: 'transport-document' as const,
        id: bill.id,
        reference: bill.reference,
        document: bill.document as unknown,
        updatedAt: bill.updatedAt,
        isHeld: (path: string) => !!bill.personal?.some((f) => f.path === path && 'salt' in f),
      }
    )
  }

  async function recordsOf(subjectHash: string): Promise<SubjectRecord[]> {
    const rows = await store.vaultBySubject(subjectHash)
    const ids = [...new Set(rows.map((r) => r.recordId))]
    const records: SubjectRecord[] = []
    for (const recordId of ids) {
      const record = await holder(recordId)
      if (!record) continue
      const fields = rows
        .filter((r) => r.recordId === recordId)
        .map((r) => ({
          path: r.path,
          value:
            r.sealed !== null && record.isHeld(r.path)
              ? readPointer(record.document, r.path)
              : null,
          commitment: r.commitment,
        }))
      records.push({ kind: record.kind, id: record.id, reference: record.reference, fields })
    }
    return records
  }

  /** The end of the longest retention over the person's records, and the rule that sets it. */
  async function retentionOf(subjectHash: string) {
    const rule = (await gate.policy()).retention.find((r) => r.record === 'shipping-record')
    if (!rule) return { dueAt: now().toISOString(), rule: null }
    const ids = new Set((await store.vaultBySubject(subjectHash)).map((r) => r.recordId))
    let dueAt = '0000-01-01T00:00:00.000Z'
    for (const id of ids) {
      const record = await holder(id)
      const until = record ? addYears(record.updatedAt, rule.years) : dueAt
      if (until > dueAt) dueAt = until
    }
    return { dueAt, rule }
  }

  async function apply(request: ErasureRequest, at: Date): Promise<ErasureRequest> {
    await vault.erase(request.subjectHash, at.toISOString())
    // The gate's memory of keyed hashes holds values in clear: none outlives an erasure.
    gate.forgetValues()
    const done: ErasureRequest = { ...request, status: 'done', erasedAt: at.toISOString() }
    await store.putErasure(done)
    return done
  }

  return {
    async access(identifier) {
      const subjectHash = await gate.subjectHash(identifier)
      const [records, transfers, reads, erasures] = await Promise.all([
        recordsOf(subjectHash),
        gate.register.list(),
        store.accessLog({ subjectHash }),
        store.erasures(),
      ])
      return {
        subjectHash,
        records,
        transfers: transfers.filter((e) => e.record.subjectHashes.includes(subjectHash)),
        reads,
        erasure: erasures.find((e) => e.subjectHash === subjectHash) ?? null,
        noPersonalFields: NO_PERSONAL_FIELDS,
      }
    },
    async erase(identifier) {
      const subjectHash = await gate.subjectHash(identifier)
      if ((await store.subjectKey(subjectHash)) === undefined) {
        throw new PrivacyError(
          'PRIVACY_SUBJECT_NOT_FOUND',
          'the node holds no personal data of this person',
        )
      }
      const at = now()
      const { dueAt, rule } = await retentionOf(subjectHash)
      const request: ErasureRequest = {
        subjectHash,
        requestedAt: at.toISOString(),
        dueAt,
        rule: rule?.record ?? null,
        status: 'pending',
        erasedAt: null,
      }
      if (rule && dueAt > at.toISOString()) {
        await store.putErasure(request)
        throw new PrivacyError(
          'PRIVACY_RETENTION_ACTIVE',
          `retention rule ${rule.record} (${rule.years} years: ${rule.reason}) keeps this person's records until ${dueAt.slice(0, 10)}; the erasure is scheduled for then`,
          {
            issues: [
              {
                path: '/retention',
                code: rule.record,
                message: `kept until ${dueAt.slice(0, 10)}`,
              },
            ],
          },
        )
      }
      return apply(request, at)
    },
    async eraseDue(asOf = now()) {
      const due = (await store.erasures('pending')).filter((e) => e.dueAt <= asOf.toISOString())
      const done: ErasureRequest[] = []
      for (const request of due) done.push(await apply(request, asOf))
      return done
    },
    erasures: () => store.erasures(),
  }
}

function readPointer(document: unknown, pointer: string): string | null {
  let at: unknown = document
  for (const segment of pointer.split('/').slice(1)) {
    if (typeof at !== 'object' || at === null) return null
    at = (at as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')]
  }
  return typeof at === 'string' || typeof at === 'number' ? String(at) : null
}
