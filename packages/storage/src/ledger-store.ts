import {
  inclusionProofPlan,
  consistencyProofPlan,
  LedgerError,
  rootOfFrontier,
  rootPlan,
  type LedgerStore,
  type StoredCheckpoint,
} from '@landsea/core/ledger'
import { sql, type Kysely } from 'kysely'
import { dialectOf } from './dialect.js'
import { appendLeaves } from './ledger-append.js'
import { resolve } from './ledger-nodes.js'
import type { Schema } from './schema.js'

/** Creates the database {@link LedgerStore} of the node's Merkle log. */
export function createLedgerStore(db: Kysely<Schema>): LedgerStore {
  const dialect = dialectOf(db)
  const treeSize = async () => {
    const row = await db
      .selectFrom('ledger_head')
      .select('tree_size')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow()
    return Number(row.tree_size)
  }
  const requireSize = async (size: number) => {
    const current = await treeSize()
    if (!Number.isSafeInteger(size) || size < 0 || size > current) {
      throw new LedgerError('LEDGER_SIZE_INVALID', `the log has ${current} leaves, not ${size}`)
    }
  }
  const toCheckpoint = (row: {
    tree_size: number
    root_hash: Uint8Array
    note: string
    created_at: string
  }): StoredCheckpoint => ({
    treeSize: Number(row.tree_size),
    rootHash: new Uint8Array(row.root_hash),
    note: row.note,
    createdAt: row.created_at,
  })

  return {
    appendLeaves: (leaves) => db.transaction().execute((trx) => appendLeaves(trx, dialect, leaves)),
    treeSize,
    async rootHash(size) {
      await requireSize(size)
      const plan = rootPlan(size)
      if (plan.length === 0) return rootOfFrontier([])
      return (await resolve(db, [plan]))[0]!
    },
    async inclusionProof(leafIndex, size) {
      await requireSize(size)
      const hashes = await resolve(db, inclusionProofPlan(leafIndex, size))
      return { leafIndex, treeSize: size, hashes }
    },
    async consistencyProof(size1, size2) {
      await requireSize(size2)
      const hashes = await resolve(db, consistencyProofPlan(size1, size2))
      return { size1, size2, hashes }
    },
    async findLeafIndex(leafHash) {
      const row = await db
        .selectFrom('ledger_leaves')
        .select('leaf_index')
        .where('leaf_hash', '=', leafHash)
        .orderBy('leaf_index')
        .limit(1)
        .executeTakeFirst()
      return row ? Number(row.leaf_index) : undefined
    },
    async readLeaves(start, end) {
      const rows = await db
        .selectFrom('ledger_leaves')
        .select('data')
        .where('leaf_index', '>=', start)
        .where('leaf_index', '<', end)
        .orderBy('leaf_index')
        .execute()
      return rows.map((r) => new Uint8Array(r.data))
    },
    async saveCheckpoint({ treeSize: size, rootHash, note, createdAt }) {
      await db
        .insertInto('ledger_checkpoints')
        .values({ tree_size: size, root_hash: rootHash, note, created_at: createdAt })
        // Several processes may save the same checkpoint: the log key signs deterministically, so
        // notes differ only in cosignature lines; the one with more of them stays (never fewer).
        .onConflict((oc) =>
          oc
            .column('tree_size')
            .doUpdateSet({ note })
            .where(sql`length(excluded.note)`, '>', sql`length(ledger_checkpoints.note)`),
        )
        .execute()
    },
    async latestCheckpoint() {
      const row = await db
        .selectFrom('ledger_checkpoints')
        .selectAll()
        .orderBy('tree_size', 'desc')
        .limit(1)
        .executeTakeFirst()
      return row && toCheckpoint(row)
    },
    async checkpointAt(size) {
      const row = await db
        .selectFrom('ledger_checkpoints')
        .selectAll()
        .where('tree_size', '=', size)
        .executeTakeFirst()
      return row && toCheckpoint(row)
    },
  }
}
