import type { EblRecord, TransportDocument } from '@landsea/core/ebl'
import type { PintDocumentMetadata, PintEnvelope } from '@landsea/core/pint'
import {
  commitPersonalValue,
  createSalt,
  erasedPlaceholder,
  findPersonalData,
  type CommittedField,
  type PersonalDataLocator,
  type PersonalDisclosure,
} from '@landsea/core/privacy'
import {
  committedFieldOf,
  replaceAt,
  withHeldValues,
  type OpenedValue,
  type PersonalVault,
} from './personal-vault.js'

/**
 * Personal data in what PINT receives (docs/privacy.md, "Bills that arrived by PINT"): nothing is
 * stored in clear. The envelope's transport document is committed on receipt with fresh salts, its
 * values and salts sealed under their subjects' keys and placeholders stored in their place; the bill
 * it makes is sealed as one drafted here; the sending node's bundle is stored in its erased form
 * (placeholders, `personalData` commitments), its values and salts sealed beside it.
 */
export interface PintVault {
  /** The envelope to store: its transport document's personal values sealed, placeholders in place. */
  sealEnvelope(reference: string, envelope: PintEnvelope): Promise<PintEnvelope>
  /** A stored envelope's transport document with its values put back while held, and its fields. */
  openEnvelope(reference: string, envelope: PintEnvelope): Promise<OpenedEnvelope>
  /**
   * The new bill a stored envelope makes, sealed as a bill drafted here (the salts drawn on
   * receipt) with DCSA's checksum of its document kept to find it by: the record to store.
   */
  sealBill(opened: OpenedEnvelope, record: EblRecord, plainChecksum: string): Promise<EblRecord>
  /**
   * An additional document as stored (base64): the sending node's bundle sealed, others as sent.
   * `bytes` are `base64` decoded, as the receiver checked them.
   */
  sealDocument(
    reference: string,
    meta: PintDocumentMetadata,
    content: { readonly base64: string; readonly bytes: Buffer },
  ): Promise<string>
  /** The sending node's bundle as stored, with its values and salts put back while held. */
  openBundle(reference: string, checksum: string, bundle: unknown): Promise<unknown>
}

/** A stored envelope's transport document, its values put back while held, and its fields. */
export interface OpenedEnvelope {
  readonly document: TransportDocument
  readonly personal: readonly CommittedField[]
  readonly values: readonly OpenedValue[]
  /** The subjects' keys that opened `values` (sealing the bill needs them again). */
  readonly keys: ReadonlyMap<string, Buffer>
}

/** The additional document that carries the sending node's bundle (docs/pint.md). */
const EVIDENCE = { name: 'landsea-ebl-bundle.json', mediaType: 'application/json' }

const envelopeKey = (reference: string) => `pint:${reference}`
/** One level of a stored bundle: the bundle itself (0), the sender it nests (1), and so on. */
const bundleKey = (reference: string, checksum: string, depth: number) =>
  `pint-doc:${reference}:${checksum}:${depth}`

interface BundleLevel {
  document?: unknown
  personalData?: { scheme: string; fields: CommittedField[] }
  crossing?: { sender?: unknown }
}

/** The bundle and each sending node's bundle it nests, outermost first (hostile: plain objects only). */
function levelsOf(bundle: unknown): BundleLevel[] {
  const levels: BundleLevel[] = []
  let at = bundle
  while (typeof at === 'object' && at !== null && !Array.isArray(at) && levels.length < 64) {
    levels.push(at as BundleLevel)
    at = (at as BundleLevel).crossing?.sender
  }
  return levels
}

const isFields = (fields: unknown): fields is CommittedField[] => Array.isArray(fields)

/** Creates the PINT side of the vault over the node's personal vault. */
export function createPintVault({
  vault,
  locator,
}: {
  vault: PersonalVault
  /** Called on the first use that needs it (the vault's locator). */
  locator: () => PersonalDataLocator
}): PintVault {
  async function sealLevel(recordId: string, level: BundleLevel) {
    const given = isFields(level.personalData?.fields) ? level.personalData.fields : undefined
    const found = findPersonalData(level.document, locator())
    // A value the sender committed is sealed with its salt (its field becomes the commitment);
    // one it did not (a bill from before) with a fresh one; an erased one shows a placeholder.
    const disclosed: PersonalDisclosure[] = []
    const fields = given ? [...given] : undefined
    for (const { path, value } of found) {
      const i = fields?.findIndex((f) => f.path === path) ?? -1
      const field = fields?.[i]
      if (field && !('salt' in field)) continue
      const salt = field && 'salt' in field ? field.salt : createSalt()
      disclosed.push({ path, salt })
      if (fields && field) fields[i] = { path, commitment: commitPersonalValue(salt, value) }
    }
    // The level was parsed here: its document is sealed in place rather than copied.
    level.document = await vault.seal(recordId, level.document, disclosed, { inPlace: true, found })
    if (fields) level.personalData = { ...level.personalData!, fields }
  }

  return {
    async sealEnvelope(reference, envelope) {
      const document = envelope.transportDocument
      // Found once: committed (fresh salts) and sealed.
      const found = findPersonalData(document, locator())
      const fields = vault.commit(document as unknown as TransportDocument, found)
      return {
        ...envelope,
        transportDocument: (await vault.seal(envelopeKey(reference), document, fields, {
          found,
        })) as Record<string, unknown>,
      } as PintEnvelope
    },

    async openEnvelope(reference, envelope) {
      const opened = await vault.openWithKeys([envelopeKey(reference)])
      const values = opened.values.get(envelopeKey(reference)) ?? []
      const document = withHeldValues(envelope.transportDocument, values) as TransportDocument
      return { document, personal: values.map(committedFieldOf), values, keys: opened.keys }
    },

    async sealBill({ values, keys }, record, plainChecksum) {
      await vault.sealBill(record.id, values, plainChecksum, keys)
      return {
        ...record,
        document: replaceAt(
          record.document,
          values.map((v) => v.path),
          erasedPlaceholder,
        ) as TransportDocument,
      }
    },

    async sealDocument(reference, meta, { base64, bytes }) {
      if (meta.name !== EVIDENCE.name || meta.mediaType !== EVIDENCE.mediaType) return base64
      let bundle: unknown
      try {
        bundle = JSON.parse(bytes.toString('utf8'))
      } catch {
        return base64 // not JSON: the verifier says so; no personal field can be found in it
      }
      for (const [depth, level] of levelsOf(bundle).entries())
        if (level.document !== undefined)
          await sealLevel(bundleKey(reference, meta.documentChecksum, depth), level)
      return Buffer.from(JSON.stringify(bundle)).toString('base64')
    },

    async openBundle(reference, checksum, bundle) {
      const levels = levelsOf(bundle)
      const opened = await vault.open(levels.map((_, d) => bundleKey(reference, checksum, d)))
      for (const [depth, level] of levels.entries()) {
        const held = (opened.get(bundleKey(reference, checksum, depth)) ?? []).filter((v) => v.held)
        if (held.length === 0) continue
        level.document = withHeldValues(level.document, held)
        const fields = level.personalData?.fields
        if (isFields(fields))
          level.personalData!.fields = fields.map((f) => {
            const v = held.find((h) => h.path === f.path)
            return v ? { path: f.path, salt: v.held!.salt } : f
          })
      }
      return bundle
    },
  }
}
