import { randomBytes } from 'node:crypto'
import {
  computeDocumentChecksum,
  type EblRecord,
  type EblStore,
  type TransportDocument,
} from '@landsea/core/ebl'
import {
  commitPersonalValue,
  createSalt,
  erasedPlaceholder,
  findPersonalData,
  minimisePayload,
  type CommittedField,
  type PersonalDataLocator,
  type PersonalDisclosure,
  type PrivacyStore,
  type VaultEntry,
} from '@landsea/core/privacy'
import { subjectOfEach } from './subjects.js'
import { openValue as open, sealValue as seal } from './vault-cipher.js'

/**
 * Crypto-shredding (docs/privacy.md, docs/decisions/0011): a bill's personal values are kept out
 * of its stored document (which shows schema-valid placeholders) and in the vault, each value
 * with its salt sealed by AES-256-GCM under its data subject's own key. Erasure destroys the key:
 * the values are gone, their commitments (what the signed checksum covers) remain.
 */
export interface PersonalVault {
  /** Salts for a draft's personal values (the title registry's `commitPersonalData`). */
  commit(document: TransportDocument): readonly PersonalDisclosure[]
  /** The bill store with personal values sealed on write and opened on read. */
  eblStore(inner: EblStore): EblStore
  /**
   * The bill whose issued document, in clear, has this plain checksum: DCSA PINT's
   * `transportDocumentChecksum`, which is not the committed checksum the chain signs.
   */
  findByPlainChecksum(inner: EblStore, checksum: string): Promise<EblRecord | undefined>
  /** Destroys a subject's key; its values read as placeholders from now on. */
  erase(subjectHash: string, at: string): Promise<void>
}

const recordKey = (id: string) => `ebl:${id}`
/** The vault row that keeps an issued bill's plain checksum (not a personal value). */
const PLAIN_CHECKSUM = '#document'
/** Replaces the values at the fields' paths (a copy). */
export const replaceAt = (
  document: unknown,
  paths: readonly string[],
  value: (path: string) => unknown,
) =>
  minimisePayload(
    document,
    paths.map((path) => ({ path })),
    (_, path) => value(path),
  )

/** What a vault (of bills' or of tracking events' personal fields) works over. */
export interface VaultOptions {
  store: PrivacyStore
  /** Called on the first use that needs it: compiling it parses the standards' texts. */
  locator: () => PersonalDataLocator
  /** The node's keyed hash of a subject's identifier. */
  subjectHash: (identifier: string) => Promise<string>
  now?: () => Date
}

/** Creates the vault over the privacy store; `subjectHash` is the node's keyed hash. */
export function createPersonalVault({
  store,
  locator,
  subjectHash,
  now = () => new Date(),
}: VaultOptions): PersonalVault {
  async function keyFor(subject: string): Promise<Buffer | null> {
    const fresh = randomBytes(32).toString('base64')
    const key = await store.ensureSubjectKey(subject, fresh, now().toISOString())
    return key === null ? null : Buffer.from(key, 'base64')
  }

  /** Seals a new record's personal values; returns the document with placeholders. */
  async function sealRecord(record: EblRecord): Promise<EblRecord> {
    const disclosed = (record.personal ?? []).filter((f): f is PersonalDisclosure => 'salt' in f)
    if (disclosed.length === 0) return record
    const found = findPersonalData(record.document, locator())
    const subjects = subjectOfEach(found)
    const entries: VaultEntry[] = []
    for (const field of disclosed) {
      const i = found.findIndex((f) => f.path === field.path)
      const value = found[i]!.value
      const subject = await subjectHash(subjects[i]!)
      const key = await keyFor(subject)
      const aad = `${recordKey(record.id)}\n${field.path}`
      entries.push({
        recordId: recordKey(record.id),
        path: field.path,
        subjectHash: subject,
        commitment: commitPersonalValue(field.salt, value),
        sealed: key ? seal(key, aad, JSON.stringify({ value, salt: field.salt })) : null,
      })
    }
    await store.putVault(entries)
    return redact(record)
  }

  const redact = (record: EblRecord): EblRecord =>
    record.personal && record.personal.length > 0
      ? {
          ...record,
          document: replaceAt(
            record.document,
            record.personal.map((f) => f.path),
            erasedPlaceholder,
          ) as TransportDocument,
        }
      : record

  /** Opens the records' personal values: disclosed where the subject's key exists, else commitments. */
  async function openRecords<T extends EblRecord | undefined>(records: T[]): Promise<T[]> {
    const present = records.filter((r): r is NonNullable<T> => r !== undefined)
    const vault = (await store.vaultOf(present.map((r) => recordKey(r.id)))).filter(
      (v) => v.path !== PLAIN_CHECKSUM,
    )
    if (vault.length === 0) return records
    const keys = new Map<string, Buffer | null>()
    for (const subject of new Set(vault.map((v) => v.subjectHash))) {
      const key = await store.subjectKey(subject)
      keys.set(subject, key ? Buffer.from(key, 'base64') : null)
    }
    return records.map((record) => {
      if (!record) return record
      const rows = vault.filter((v) => v.recordId === recordKey(record.id))
      if (rows.length === 0) return record
      const values = new Map<string, unknown>()
      const personal: CommittedField[] = rows.map((row) => {
        const key = keys.get(row.subjectHash)
        if (!key || row.sealed === null) return { path: row.path, commitment: row.commitment }
        const { value, salt } = JSON.parse(
          open(key, `${row.recordId}\n${row.path}`, row.sealed),
        ) as {
          value: string
          salt: string
        }
        values.set(row.path, value)
        return { path: row.path, salt }
      })
      const document = replaceAt(record.document, [...values.keys()], (path) =>
        values.get(path),
      ) as TransportDocument
      return { ...record, document, personal }
    })
  }

  return {
    commit: (document) =>
      findPersonalData(document, locator()).map((f) => ({ path: f.path, salt: createSalt() })),
    erase: (subject, at) => store.destroySubjectKey(subject, at),
    async findByPlainChecksum(inner, checksum) {
      const id = await store.recordOfCommitment(checksum)
      return id ? (await openRecords([await inner.getById(id.slice('ebl:'.length))]))[0] : undefined
    },
    eblStore: (inner) => ({
      ...inner,
      async insertDraft(record) {
        await inner.insertDraft(await sealRecord(record))
      },
      getById: async (id) => (await openRecords([await inner.getById(id)]))[0],
      getByChecksum: async (checksum) =>
        (await openRecords([await inner.getByChecksum(checksum)]))[0],
      list: async (filter) => openRecords(await inner.list(filter)),
      async appendEntry(write) {
        await inner.appendEntry({ ...write, record: redact(write.record) })
        if (write.isDocumentFrozen && write.record.personal?.length) {
          await store.putVault([
            {
              recordId: recordKey(write.record.id),
              path: PLAIN_CHECKSUM,
              subjectHash: '',
              commitment: computeDocumentChecksum(write.record.document),
              sealed: null,
            },
          ])
        }
      },
    }),
  }
}
