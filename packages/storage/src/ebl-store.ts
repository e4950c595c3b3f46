import {
  EblError,
  type AcceptedEntry,
  type EblRecord,
  type EblStore,
  type TitleState,
} from '@landsea/core/ebl'
import { encodeLeaf } from '@landsea/core/ledger'
import type { Kysely, Selectable } from 'kysely'
import { appendLeaves } from './ledger-store.js'
import type { EblDocumentTable, EblEntryTable, Schema } from './schema.js'
import { uniqueViolation } from './storage-error.js'

/** The database implementation of core's {@link EblStore}. */
export function createEblStore(db: Kysely<Schema>): EblStore {
  return {
    async insertDraft(record) {
      try {
        await db.insertInto('ebl_documents').values(toRow(record)).execute()
      } catch (e) {
        if (uniqueViolation(e)) {
          throw new EblError(
            'EBL_DUPLICATE_REFERENCE',
            `a bill ${record.reference} v${record.version} exists`,
          )
        }
        throw e
      }
    },

    async getById(id) {
      const row = await db
        .selectFrom('ebl_documents')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()
      return row && toRecord(row)
    },

    async list({ party, status, q, limit = 100 }) {
      let query = db.selectFrom('ebl_documents').selectAll()
      if (party) {
        query = query.where((eb) =>
          eb.or([
            eb('issuer', '=', party),
            eb('possessor', '=', party),
            eb('holder', '=', party),
            eb('shipper', '=', party),
            eb('consignee', '=', party),
          ]),
        )
      }
      if (status) query = query.where('status', '=', status)
      if (q) query = query.where('reference', 'like', `%${q.replace(/[%_\\]/g, '')}%`)
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute()
      return rows.map(toRecord)
    },

    async listEntries(documentId) {
      const rows = await db
        .selectFrom('ebl_entries')
        .selectAll()
        .where('document_id', '=', documentId)
        .orderBy('seq')
        .execute()
      return rows.map(toEntry)
    },

    async appendEntry({ record, entry, expectedLastEntryChecksum, amendsId }) {
      try {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('ebl_entries')
            .values({
              document_id: entry.documentId,
              seq: entry.seq,
              jws: entry.jws,
              entry_checksum: entry.entryChecksum,
              previous_key: entry.previousEntryChecksum ?? `genesis:${entry.documentId}`,
              nonce: entry.payload.nonce,
              payload: JSON.stringify(entry.payload),
              signer_kid: entry.signerKid,
              accepted_at: entry.acceptedAt,
            })
            .execute()
          const { id: _id, created_at: _c, ...changes } = toRow(record)
          const result = await trx
            .updateTable('ebl_documents')
            .set(changes)
            .where('id', '=', record.id)
            .where((eb) =>
              expectedLastEntryChecksum === null
                ? eb('last_entry_checksum', 'is', null)
                : eb('last_entry_checksum', '=', expectedLastEntryChecksum),
            )
            .executeTakeFirst()
          if (Number(result.numUpdatedRows) !== 1) {
            throw new EblError(
              'EBL_CONFLICT',
              'the bill moved while this action was being recorded',
            )
          }
          // The action's leaf joins the Merkle log in the same transaction: an acknowledged action
          // always has its leaf, and a crash leaves neither (docs/ledger.md).
          await appendLeaves(trx, [encodeLeaf({ type: 'ebl-action', body: entry.jws })])
          if (amendsId) {
            await trx
              .updateTable('ebl_documents')
              .set({ amended_by_id: record.id })
              .where('id', '=', amendsId)
              .execute()
          }
        })
      } catch (e) {
        const violated = uniqueViolation(e)
        if (violated?.includes('nonce'))
          throw new EblError('EBL_REPLAY', 'this action was already submitted')
        if (violated)
          throw new EblError('EBL_CONFLICT', 'another action on this bill was accepted first')
        throw e
      }
    },
  }
}

function toRow(r: EblRecord): EblDocumentTable {
  return {
    id: r.id,
    reference: r.reference,
    version: r.version,
    document: JSON.stringify(r.document),
    document_checksum: r.documentChecksum,
    state: JSON.stringify(r.state),
    status: r.state.status,
    issuer: r.state.issuer,
    possessor: r.state.possessor,
    holder: r.state.holder,
    shipper: r.state.shipper,
    consignee: r.state.namedConsignee,
    last_entry_checksum: r.lastEntryChecksum,
    amends_id: r.amendsId,
    amended_by_id: r.amendedById,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  }
}

function toRecord(row: Selectable<EblDocumentTable>): EblRecord {
  return {
    id: row.id,
    reference: row.reference,
    version: row.version,
    document: JSON.parse(row.document),
    documentChecksum: row.document_checksum,
    state: JSON.parse(row.state) as TitleState,
    lastEntryChecksum: row.last_entry_checksum,
    amendsId: row.amends_id,
    amendedById: row.amended_by_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

function toEntry(row: Selectable<EblEntryTable>): AcceptedEntry {
  const payload = JSON.parse(row.payload)
  return {
    documentId: row.document_id,
    seq: row.seq,
    jws: row.jws,
    entryChecksum: row.entry_checksum,
    previousEntryChecksum: payload.previousEntryChecksum,
    payload,
    signerKid: row.signer_kid,
    acceptedAt: row.accepted_at,
  }
}
