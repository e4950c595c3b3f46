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
import { precompiledQueriesByCount, precompiledQuery } from './precompiled-query.js'
import { createNodeReads, resolve, resolveMany } from './ledger-nodes.js'
import type { Schema } from './schema.js'

// Leaf hashes looked up per query (bound parameters; SQLite allows 32,766, PostgreSQL 65,535).
const HASHES_PER_QUERY = 500

/** Creates the database {@link LedgerStore} of the node's Merkle log. */
export function createLedgerStore(db: Kysely<Schema>): LedgerStore {
  const dialect = dialectOf(db)
  const reads = createNodeReads(db)
  const leavesByHash = precompiledQueriesByCount(db, (hashes: Uint8Array[]) =>
    db
      .selectFrom('ledger_leaves')
      .select(['leaf_index', 'leaf_hash'])
      .where('leaf_hash', 'in', hashes),
  )
  const head = precompiledQuery(db, () =>
    db.selectFrom('ledger_head').select('tree_size').where('id', '=', 1),
  )
  const latest = precompiledQuery(db, () =>
    db.selectFrom('ledger_checkpoints').selectAll().orderBy('tree_size', 'desc').limit(1),
  )
  const treeSize = async () => {
    const [row] = await head.run()
    if (!row) throw new Error('the ledger has no head row (migration 0002 writes it)')
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
      return (await resolve(reads, [plan]))[0]!
    },
    async inclusionProof(leafIndex, size) {
      await requireSize(size)
      const hashes = await resolve(reads, inclusionProofPlan(leafIndex, size))
      return { leafIndex, treeSize: size, hashes }
    },
    async inclusionProofs(leafIndices, size) {
      await requireSize(size)
      const plans = leafIndices.map((leafIndex) => inclusionProofPlan(leafIndex, size))
      const proofs = await resolveMany(reads, plans)
      return leafIndices.map((leafIndex, i) => ({ leafIndex, treeSize: size, hashes: proofs[i]! }))
    },
    async consistencyProof(size1, size2) {
      await requireSize(size2)
      const hashes = await resolve(reads, consistencyProofPlan(size1, size2))
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
    async findLeafIndices(leafHashes) {
      const first = new Map<string, number>()
      for (let i = 0; i < leafHashes.length; i += HASHES_PER_QUERY) {
        const rows = await leavesByHash.run(leafHashes.slice(i, i + HASHES_PER_QUERY))
        for (const row of rows) {
          const key = Buffer.from(row.leaf_hash).toString('hex')
          const index = Number(row.leaf_index)
          const known = first.get(key)
          if (known === undefined || index < known) first.set(key, index)
        }
      }
      return leafHashes.map((hash) => first.get(Buffer.from(hash).toString('hex')))
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
      const [row] = await latest.run()
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
