import { randomUUID } from 'node:crypto'
import type {
  AccessLogEntry,
  ErasureRequest,
  PrivacyStore,
  TransferIntent,
  VaultEntry,
} from '@landsea/core/privacy'
import { PLAIN_CHECKSUM_PATH } from '@landsea/core/privacy'
import type { SecretCipher } from '@landsea/core/settings'
import { sql, type Kysely, type Selectable } from 'kysely'
import type {
  PrivacyAccessLogTable,
  PrivacyTransferIntentTable,
  PrivacyVaultTable,
  Schema,
} from './schema.js'
import { precompiledQueriesByCount, precompiledQuery } from './precompiled-query.js'
import { CLEAR } from './secrets-at-rest.js'

/** Columns of a `privacy_vault` row. */
const VAULT_WIDTH = 5
const vaultEntry = (r: Selectable<PrivacyVaultTable>): VaultEntry => ({
  recordId: r.record_id,
  path: r.path,
  subjectHash: r.subject_hash,
  commitment: r.commitment,
  sealed: r.sealed,
})
const intentOf = (r: Selectable<PrivacyTransferIntentTable>): TransferIntent => ({
  intentId: r.intent_id,
  recordId: r.record_id,
  leafIndex: Number(r.leaf_index),
  state: r.state as TransferIntent['state'],
})
const sealedLeaf = (intent: TransferIntent): number => {
  // The gate seals the register before it settles an intent.
  if (intent.leafIndex === null) throw new Error(`intent ${intent.intentId} has no leaf yet`)
  return intent.leafIndex
}
const accessEntry = (r: Selectable<PrivacyAccessLogTable>): AccessLogEntry => ({
  at: r.at,
  reader: r.reader,
  what: r.what,
  recordIds: JSON.parse(r.record_ids) as string[],
  subjectHashes: JSON.parse(r.subject_hashes) as string[],
})

/**
 * The record whose `#document` row holds this commitment (a bill's plain checksum). Only those rows
 * are looked up by commitment, and only they are indexed by it (migration 0015): the path is a
 * literal, not a parameter, so that the planners use the partial index.
 */
export const plainChecksumRecord = (db: Kysely<Schema>, commitment: string) =>
  db
    .selectFrom('privacy_vault')
    .select('record_id')
    .where('commitment', '=', commitment)
    .where('path', '=', sql.lit(PLAIN_CHECKSUM_PATH))

/**
 * The database implementation of {@link PrivacyStore}. Subject keys are sealed by `cipher` (the
 * node's master key) like the node's other secrets; erasure nulls the key and every value sealed
 * under it in one transaction.
 */
export function createPrivacyStore(
  db: Kysely<Schema>,
  { cipher = CLEAR }: { cipher?: SecretCipher } = {},
): PrivacyStore {
  const keyRow = precompiledQuery(db, (subjectHash: string) =>
    db.selectFrom('privacy_subject_keys').select('key').where('subject_hash', '=', subjectHash),
  )
  const keyOf = async (subjectHash: string) => {
    const [row] = await keyRow.run(subjectHash)
    if (!row) return undefined
    return row.key === null ? null : cipher.open(row.key)
  }
  const recordOf = precompiledQuery(db, (commitment: string) => plainChecksumRecord(db, commitment))
  // A record's vault rows, one statement per count of rows (of values in the `in` list).
  const insertVault = precompiledQueriesByCount(db, (values: (string | null)[]) =>
    db
      .insertInto('privacy_vault')
      .values(
        Array.from({ length: values.length / VAULT_WIDTH }, (_, r) => {
          const [record_id, path, subject_hash, commitment, sealed] = values.slice(
            r * VAULT_WIDTH,
            (r + 1) * VAULT_WIDTH,
          ) as [string, string, string, string, string | null]
          return { record_id, path, subject_hash, commitment, sealed }
        }),
      )
      .onConflict((oc) => oc.columns(['record_id', 'path']).doNothing()),
  )
  const vaultOfRecords = precompiledQueriesByCount(db, (recordIds: string[]) =>
    db
      .selectFrom('privacy_vault')
      .selectAll()
      .where('record_id', 'in', recordIds)
      .orderBy('record_id')
      .orderBy('path'),
  )
  return {
    subjectKey: (subjectHash) => keyOf(subjectHash),
    async ensureSubjectKey(subjectHash, key, at) {
      // A subject's next record finds its key live: one read. Else the key is stored (or an erased
      // one replaced) and returned by the write; a racer's live key wins and is read back.
      const live = await keyOf(subjectHash)
      if (live) return live
      const sealed = cipher.seal(key)
      const written = await db
        .insertInto('privacy_subject_keys')
        .values({ subject_hash: subjectHash, key: sealed, created_at: at, erased_at: null })
        .onConflict((oc) =>
          oc
            .column('subject_hash')
            .doUpdateSet({ key: sealed, erased_at: null })
            .where('privacy_subject_keys.key', 'is', null),
        )
        .returning('subject_hash')
        .executeTakeFirst()
      return written ? key : ((await keyOf(subjectHash)) ?? null)
    },
    async destroySubjectKey(subjectHash, at) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('privacy_subject_keys')
          .values({ subject_hash: subjectHash, key: null, created_at: at, erased_at: at })
          .onConflict((oc) => oc.column('subject_hash').doUpdateSet({ key: null, erased_at: at }))
          .execute()
        await trx
          .updateTable('privacy_vault')
          .set({ sealed: null })
          .where('subject_hash', '=', subjectHash)
          .execute()
      })
    },
    async putVault(entries) {
      if (entries.length === 0) return
      await insertVault.run(
        entries.flatMap((e) => [e.recordId, e.path, e.subjectHash, e.commitment, e.sealed]),
      )
    },
    async vaultOf(recordIds) {
      if (recordIds.length === 0) return []
      return (await vaultOfRecords.run(recordIds)).map(vaultEntry)
    },
    async vaultBySubject(subjectHash) {
      const rows = await db
        .selectFrom('privacy_vault')
        .selectAll()
        .where('subject_hash', '=', subjectHash)
        .orderBy('record_id')
        .orderBy('path')
        .execute()
      return rows.map(vaultEntry)
    },
    async recordOfCommitment(commitment) {
      const [row] = await recordOf.run(commitment)
      return row?.record_id
    },
    async logAccess(entries) {
      if (entries.length === 0) return
      await db
        .insertInto('privacy_access_log')
        .values(
          entries.map((e) => ({
            id: randomUUID(),
            at: e.at,
            reader: e.reader,
            what: e.what,
            record_ids: JSON.stringify(e.recordIds),
            subject_hashes: JSON.stringify(e.subjectHashes),
          })),
        )
        .execute()
    },
    async accessLog({ year, subjectHash, limit = 1000 }) {
      let query = db.selectFrom('privacy_access_log').selectAll()
      if (year !== undefined)
        query = query.where('at', '>=', `${year}-01-01`).where('at', '<', `${year + 1}-01-01`)
      if (subjectHash !== undefined)
        query = query.where(
          'subject_hashes',
          'like',
          `%"${subjectHash.replace(/[^0-9a-f]/g, '')}"%`,
        )
      const rows = await query.orderBy('at', 'desc').limit(limit).execute()
      return rows.map(accessEntry)
    },
    async putErasure(request) {
      const row = {
        subject_hash: request.subjectHash,
        requested_at: request.requestedAt,
        due_at: request.dueAt,
        rule: request.rule,
        status: request.status,
        erased_at: request.erasedAt,
      }
      await db
        .insertInto('privacy_erasures')
        .values(row)
        .onConflict((oc) => oc.column('subject_hash').doUpdateSet(row))
        .execute()
    },
    async erasures(status) {
      let query = db.selectFrom('privacy_erasures').selectAll()
      if (status) query = query.where('status', '=', status)
      const rows = await query.orderBy('requested_at').execute()
      return rows.map((r): ErasureRequest => ({
        subjectHash: r.subject_hash,
        requestedAt: r.requested_at,
        dueAt: r.due_at,
        rule: r.rule,
        status: r.status as ErasureRequest['status'],
        erasedAt: r.erased_at,
      }))
    },
    async putIntent(intent) {
      await db
        .insertInto('privacy_transfer_intents')
        .values({
          intent_id: intent.intentId,
          record_id: intent.recordId,
          leaf_index: sealedLeaf(intent),
          state: intent.state,
        })
        .onConflict((oc) => oc.column('intent_id').doUpdateSet({ state: intent.state }))
        .execute()
    },
    async intentsIn(state) {
      const rows = await db
        .selectFrom('privacy_transfer_intents')
        .selectAll()
        .where('state', '=', state)
        .execute()
      return rows.map(intentOf)
    },
  }
}
