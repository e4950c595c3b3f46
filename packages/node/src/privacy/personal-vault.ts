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
  PLAIN_CHECKSUM_PATH,
  type CommittedField,
  type FoundPersonalValue,
  type PersonalDataLocator,
  type PersonalDisclosure,
  type PrivacyStore,
  type VaultEntry,
} from '@landsea/core/privacy'
import { subjectOfEach } from './subjects.js'
import { openValue, sealValue } from './vault-cipher.js'

/**
 * Crypto-shredding (docs/privacy.md, docs/decisions/0011): a bill's personal values are kept out
 * of its stored document (which shows schema-valid placeholders) and in the vault, each value
 * with its salt sealed by AES-256-GCM under its data subject's own key. Erasure destroys the key:
 * the values are gone, their commitments (what the signed checksum covers) remain.
 */
export interface PersonalVault {
  /**
   * Salts for a draft's personal values (the title registry's `commitPersonalData`); `found`: its
   * values as the caller just found them by the vault's locator.
   */
  commit(
    document: TransportDocument,
    found?: readonly FoundPersonalValue[],
  ): readonly PersonalDisclosure[]
  /** The bill store with personal values sealed on write and opened on read. */
  eblStore(inner: EblStore): EblStore
  /**
   * The bill whose issued document, in clear, has this plain checksum: DCSA PINT's
   * `transportDocumentChecksum`, which is not the committed checksum the chain signs.
   */
  findByPlainChecksum(inner: EblStore, checksum: string): Promise<EblRecord | undefined>
  /** Destroys a subject's key; its values read as placeholders from now on. */
  erase(subjectHash: string, at: string): Promise<void>
  /**
   * Seals the document's values at `fields`, each with its salt, under their subjects' keys as
   * record `recordId`'s; returns a copy of the document with placeholders at every field's path
   * (`inPlace`: the caller owns the document, which gets them instead of a copy). `found`: the
   * document's personal values as the caller just found them by the vault's locator.
   */
  seal(
    recordId: string,
    document: unknown,
    fields: readonly CommittedField[],
    options?: { inPlace?: boolean; found?: readonly FoundPersonalValue[] },
  ): Promise<unknown>
  /** What {@link seal} sealed for these records: each value and salt while held, else commitment. */
  open(recordIds: readonly string[]): Promise<Map<string, OpenedValue[]>>
  /** {@link open}, with the subjects' keys that opened the held values (for {@link sealBill}). */
  openWithKeys(recordIds: readonly string[]): Promise<OpenedRecords>
  /**
   * Seals a bill's values, already opened (of the envelope it came in: a copy), by their subjects,
   * and keeps DCSA's checksum of its document in clear beside them (the `#document` row): PINT
   * names the bill by it, and it cannot be computed once a value is erased. `keys` are those that
   * opened the values ({@link openWithKeys}): a held value's subject key is not read again.
   */
  sealBill(
    billId: string,
    values: readonly OpenedValue[],
    plainChecksum: string,
    keys?: ReadonlyMap<string, Buffer>,
  ): Promise<void>
}

/** Opened records' values by record, and the live subject keys that opened them. */
export interface OpenedRecords {
  readonly values: Map<string, OpenedValue[]>
  readonly keys: ReadonlyMap<string, Buffer>
}

/** One sealed personal value of a record, opened: value and salt while held, else only commitment. */
export interface OpenedValue {
  readonly path: string
  readonly subjectHash: string
  readonly commitment: string
  readonly held?: { readonly value: string; readonly salt: string }
}

/** A copy of the document with the held values put back at their paths (placeholders stay). */
export function withHeldValues(document: unknown, values: readonly OpenedValue[]): unknown {
  const held = new Map(values.flatMap((v) => (v.held ? [[v.path, v.held.value] as const] : [])))
  return replaceAt(document, [...held.keys()], (path) => held.get(path))
}

/** The committed field an opened value is: disclosed while held, else its commitment. */
export const committedFieldOf = (v: OpenedValue): CommittedField =>
  v.held ? { path: v.path, salt: v.held.salt } : { path: v.path, commitment: v.commitment }

const recordKey = (id: string) => `ebl:${id}`
/** Replaces the values at the fields' paths (a copy, unless `inPlace`: the caller owns it). */
export const replaceAt = (
  document: unknown,
  paths: readonly string[],
  value: (path: string) => unknown,
  { inPlace = false } = {},
) =>
  minimisePayload(
    document,
    paths.map((path) => ({ path })),
    (_, path) => value(path),
    { copy: inPlace ? 'none' : 'deep' },
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

  const aadOf = (recordId: string, path: string) => `${recordId}\n${path}`

  async function sealOpened(
    recordId: string,
    values: readonly OpenedValue[],
    extra: readonly VaultEntry[] = [],
    opened: ReadonlyMap<string, Buffer> = new Map(),
  ) {
    const entries: VaultEntry[] = [...extra]
    // One key per subject of the record, not one per value; a key that just opened the values is
    // live (were it erased since, the values sealed under it are shredded with it).
    const keys = new Map<string, Promise<Buffer | null>>(
      [...opened].map(([subject, key]) => [subject, Promise.resolve(key)]),
    )
    for (const v of values) {
      if (v.held && !keys.has(v.subjectHash)) keys.set(v.subjectHash, keyFor(v.subjectHash))
      const key = v.held ? await keys.get(v.subjectHash)! : null
      entries.push({
        recordId,
        path: v.path,
        subjectHash: v.subjectHash,
        commitment: v.commitment,
        sealed:
          key && v.held ? sealValue(key, aadOf(recordId, v.path), JSON.stringify(v.held)) : null,
      })
    }
    await store.putVault(entries)
  }

  async function sealFields(
    recordId: string,
    document: unknown,
    fields: readonly CommittedField[],
    {
      inPlace = false,
      found: given,
    }: { inPlace?: boolean; found?: readonly FoundPersonalValue[] } = {},
  ) {
    const disclosed = fields.filter((f): f is PersonalDisclosure => 'salt' in f)
    if (disclosed.length > 0) {
      const found = given ?? findPersonalData(document, locator())
      const subjects = subjectOfEach(found)
      const hashes = new Map<string, Promise<string>>()
      const hashOf = (subject: string) => {
        if (!hashes.has(subject)) hashes.set(subject, subjectHash(subject))
        return hashes.get(subject)!
      }
      const values: OpenedValue[] = []
      for (const field of disclosed) {
        const i = found.findIndex((f) => f.path === field.path)
        const value = found[i]!.value
        values.push({
          path: field.path,
          subjectHash: await hashOf(subjects[i]!),
          commitment: commitPersonalValue(field.salt, value),
          held: { value, salt: field.salt },
        })
      }
      await sealOpened(recordId, values)
    }
    return redact(document, fields, { inPlace })
  }

  const redact = (document: unknown, fields: readonly CommittedField[], options = {}) =>
    fields.length > 0
      ? replaceAt(
          document,
          fields.map((f) => f.path),
          erasedPlaceholder,
          options,
        )
      : document

  const openWithKeys = async (recordIds: readonly string[]) =>
    openRows(await store.vaultOf(recordIds))

  async function openRows(all: readonly VaultEntry[]): Promise<OpenedRecords> {
    const rows = all.filter((v) => v.path !== PLAIN_CHECKSUM_PATH)
    const keys = new Map<string, Buffer>()
    for (const subject of new Set(rows.map((v) => v.subjectHash))) {
      const key = await store.subjectKey(subject)
      if (key) keys.set(subject, Buffer.from(key, 'base64'))
    }
    const opened = new Map<string, OpenedValue[]>()
    for (const row of rows) {
      const key = keys.get(row.subjectHash)
      const value: OpenedValue = {
        path: row.path,
        subjectHash: row.subjectHash,
        commitment: row.commitment,
        ...(key && row.sealed !== null
          ? {
              held: JSON.parse(openValue(key, aadOf(row.recordId, row.path), row.sealed)) as {
                value: string
                salt: string
              },
            }
          : {}),
      }
      opened.set(row.recordId, [...(opened.get(row.recordId) ?? []), value])
    }
    return { values: opened, keys }
  }

  /** Opens the records' personal values: disclosed where the subject's key exists, else commitments. */
  async function openRecords<T extends EblRecord | undefined>(records: T[]): Promise<T[]> {
    const present = records.filter((r): r is NonNullable<T> => r !== undefined)
    if (present.length === 0) return records
    const rows = await store.vaultOf(present.map((r) => recordKey(r.id)))
    const vault = (await openRows(rows)).values
    if (vault.size === 0) return records
    return records.map((record) => {
      const values = record && vault.get(recordKey(record.id))
      if (!record || !values) return record
      const document = withHeldValues(record.document, values) as TransportDocument
      // Once a value is erased, DCSA's checksum of the document in clear can only be read.
      const plain = rows.find(
        (r) => r.recordId === recordKey(record.id) && r.path === PLAIN_CHECKSUM_PATH,
      )
      return {
        ...record,
        document,
        personal: values.map(committedFieldOf),
        ...(plain && values.some((v) => !v.held) ? { pintChecksum: plain.commitment } : {}),
      }
    })
  }

  const plainChecksumRow = (billId: string, checksum: string): VaultEntry => ({
    recordId: recordKey(billId),
    path: PLAIN_CHECKSUM_PATH,
    subjectHash: '',
    commitment: checksum,
    sealed: null,
  })

  return {
    commit: (document, found = findPersonalData(document, locator())) =>
      found.map((f) => ({ path: f.path, salt: createSalt() })),
    erase: (subject, at) => store.destroySubjectKey(subject, at),
    async findByPlainChecksum(inner, checksum) {
      const id = await store.recordOfCommitment(checksum)
      return id ? (await openRecords([await inner.getById(id.slice('ebl:'.length))]))[0] : undefined
    },
    seal: sealFields,
    open: async (recordIds) => (await openWithKeys(recordIds)).values,
    openWithKeys,
    sealBill: (billId, values, plainChecksum, keys) =>
      sealOpened(recordKey(billId), values, [plainChecksumRow(billId, plainChecksum)], keys),
    eblStore: (inner) => ({
      ...inner,
      async insertDraft(record) {
        await inner.insertDraft({
          ...record,
          document: (await sealFields(
            recordKey(record.id),
            record.document,
            record.personal ?? [],
          )) as TransportDocument,
        })
      },
      getById: async (id) => (await openRecords([await inner.getById(id)]))[0],
      getByChecksum: async (checksum) =>
        (await openRecords([await inner.getByChecksum(checksum)]))[0],
      list: async (filter) => openRecords(await inner.list(filter)),
      async appendEntry(write) {
        const { record } = write
        const document = redact(record.document, record.personal ?? []) as TransportDocument
        await inner.appendEntry({ ...write, record: { ...record, document } })
        if (write.isDocumentFrozen && record.personal?.length)
          await store.putVault([
            plainChecksumRow(record.id, computeDocumentChecksum(record.document)),
          ])
      },
    }),
  }
}
