import type { ForkEvidence, WitnessStore } from '@landsea/core/ledger'
import type { Kysely } from 'kysely'
import { dialectOf } from './dialect.js'
import type { Schema } from './schema.js'

/**
 * The database implementation of core's {@link WitnessStore}. `advance` is a compare-and-set on
 * the stored tree size, so two concurrent add-checkpoint requests cannot roll the record back
 * (the race C2SP tlog-witness warns about).
 */
export function createWitnessStore(db: Kysely<Schema>): WitnessStore {
  const dialect = dialectOf(db)
  return {
    async latest(origin) {
      const row = await db
        .selectFrom('witness_checkpoints')
        .selectAll()
        .where('origin', '=', origin)
        .executeTakeFirst()
      return (
        row && {
          origin: row.origin,
          treeSize: Number(row.tree_size),
          rootHash: new Uint8Array(row.root_hash),
          checkpoint: row.checkpoint,
        }
      )
    },
    async advance(record, expectedSize) {
      const values = {
        tree_size: record.treeSize,
        root_hash: record.rootHash,
        checkpoint: record.checkpoint,
        updated_at: new Date().toISOString(),
      }
      const updated = await db
        .updateTable('witness_checkpoints')
        .set(values)
        .where('origin', '=', record.origin)
        .where('tree_size', '=', expectedSize)
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) === 1) return true
      if (expectedSize !== 0) return false
      try {
        await db
          .insertInto('witness_checkpoints')
          .values({ origin: record.origin, ...values })
          .execute()
        return true
      } catch (error) {
        if (dialect.uniqueViolation(error)) return false
        throw error
      }
    },
    async recordEvidence(evidence) {
      await db
        .insertInto('witness_evidence')
        .values({
          id: crypto.randomUUID(),
          origin: evidence.origin,
          reason: evidence.reason,
          evidence: JSON.stringify(evidence),
          observed_at: evidence.observedAt,
        })
        .execute()
    },
    async listEvidence() {
      const rows = await db
        .selectFrom('witness_evidence')
        .select('evidence')
        .orderBy('observed_at')
        .execute()
      return rows.map((r) => JSON.parse(r.evidence) as ForkEvidence)
    },
  }
}
