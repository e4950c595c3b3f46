import {
  appendToFrontier,
  consistencyProofPlan,
  createMerkleHashes,
  decodeLeaf,
  HASH_SIZE,
  inclusionProofPlan,
  LedgerError,
  nodeKey,
  nodesOfPlan,
  resolvePlan,
  rootOfFrontier,
  rootPlan,
  type AppendResult,
  type LedgerStore,
  type MerkleNode,
  type NodeId,
  type ProofPlan,
  type StoredCheckpoint,
} from '@landsea/core/ledger'
import { CompiledQuery, type Kysely, type Transaction } from 'kysely'
import { hash } from 'node:crypto'
import { bulkInsert, insertText, isPostgres, MAX_PARAMETERS } from './bulk-insert.js'
import type { Schema } from './schema.js'

/** A database handle or an open transaction, for {@link appendLeaves}. */
export type LedgerExecutor = Kysely<Schema> | Transaction<Schema>

/** The database implementation of core's {@link LedgerStore}. */
export interface SqlLedgerStore extends LedgerStore {
  /**
   * Appends leaves inside the caller's transaction, so that the row that made them (a title
   * action, a tracking event) and its leaves commit or roll back together.
   */
  appendLeavesIn(trx: Transaction<Schema>, leaves: readonly Uint8Array[]): Promise<AppendResult>
}

// RFC 9162 hashes over Node's native SHA-256 (OpenSSL): storage runs only in Node, and appends hash
// every leaf and about one interior node per leaf.
const merkle = createMerkleHashes((data) => hash('sha256', data, 'buffer'))

/** The columns of `ledger_leaves` and `ledger_nodes`, in the order appends write them. */
export const LEDGER_LEAF_COLUMNS: readonly string[] = [
  'leaf_index',
  'leaf_hash',
  'leaf_type',
  'data',
]
export const LEDGER_NODE_COLUMNS: readonly string[] = ['level', 'node_index', 'hash']

// Not fatal: a tail may begin inside a multi-byte character, which only touches text before the match.
const decoder = new TextDecoder('utf-8')

/** The leaf kind, read from the envelope's last bytes without a full decode (bulk appends stay fast). */
function leafType(leaf: Uint8Array): string {
  // Encoded envelopes are canonical JSON whose keys sort as body, type, v, so the kind is in the
  // tail; a full decode costs a parse and a re-encode per leaf, so only unrecognised shapes pay it.
  const match = /,"type":"([a-z-]+)","v":1}$/.exec(decoder.decode(leaf.subarray(-64)))
  return match ? match[1]! : decodeLeaf(leaf).type
}

async function readNodes(
  executor: LedgerExecutor,
  nodes: readonly NodeId[],
): Promise<Map<string, Uint8Array>> {
  const hashes = new Map<string, Uint8Array>()
  const leafIndices = nodes.filter((n) => n.level === 0).map((n) => n.index)
  const interior = nodes.filter((n) => n.level > 0)
  const [leafRows, nodeRows] = await Promise.all([
    leafIndices.length === 0
      ? []
      : executor
          .selectFrom('ledger_leaves')
          .select(['leaf_index', 'leaf_hash'])
          .where('leaf_index', 'in', leafIndices)
          .execute(),
    interior.length === 0
      ? []
      : executor
          .selectFrom('ledger_nodes')
          .select(['level', 'node_index', 'hash'])
          .where((eb) =>
            eb.or(
              interior.map((n) =>
                eb.and([eb('level', '=', n.level), eb('node_index', '=', n.index)]),
              ),
            ),
          )
          .execute(),
  ])
  for (const row of leafRows)
    hashes.set(nodeKey({ level: 0, index: Number(row.leaf_index) }), new Uint8Array(row.leaf_hash))
  for (const row of nodeRows) {
    hashes.set(
      nodeKey({ level: row.level, index: Number(row.node_index) }),
      new Uint8Array(row.hash),
    )
  }
  return hashes
}

async function resolve(executor: LedgerExecutor, plan: ProofPlan): Promise<Uint8Array[]> {
  return resolvePlan(plan, await readNodes(executor, nodesOfPlan(plan)))
}

/** The frontier nodes named by `plan`, from the hashes kept in the head row or else from the nodes. */
async function readFrontier(
  trx: Transaction<Schema>,
  plan: readonly NodeId[],
  kept: Uint8Array | null,
): Promise<MerkleNode[]> {
  if (kept !== null && kept.length === plan.length * HASH_SIZE) {
    const bytes = new Uint8Array(kept)
    return plan.map((node, i) => ({
      ...node,
      hash: bytes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE),
    }))
  }
  const known = await readNodes(trx, plan)
  return plan.map((node) => {
    const hash = known.get(nodeKey(node))
    if (!hash)
      throw new LedgerError('LEDGER_ENTRY_NOT_FOUND', `frontier node ${nodeKey(node)} is missing`)
    return { ...node, hash }
  })
}

async function appendInTransaction(
  trx: Transaction<Schema>,
  leaves: readonly Uint8Array[],
): Promise<AppendResult> {
  // Taking the head row first serialises appenders: a row lock on PostgreSQL, the write lock on
  // SQLite. Leaf indices are therefore dense and the frontier read with it is current.
  const head = await trx
    .updateTable('ledger_head')
    .set((eb) => ({ tree_size: eb('tree_size', '+', leaves.length) }))
    .where('id', '=', 1)
    .returning(['tree_size', 'frontier'])
    .executeTakeFirstOrThrow()
  return appendAfterHead(trx, head, leaves)
}

/**
 * The head update of an append of `count` leaves, as a CTE body for a statement of the caller's (on
 * PostgreSQL, to take the head with other writes in one round trip): it returns `tree_size` and
 * `frontier`, which go to {@link appendAfterHead} with the leaves.
 */
export function headUpdateSql(count: number): string {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`bad leaf count ${count}`)
  return `update ledger_head set tree_size = tree_size + ${count} where id = 1 returning tree_size, frontier`
}

/**
 * The rest of an append once the caller's transaction holds the head, updated by `leaves.length`
 * (see {@link headUpdateSql}): hashes the leaves onto the frontier and writes leaves, nodes and the
 * new frontier.
 */
export async function appendAfterHead(
  trx: Transaction<Schema>,
  head: { readonly tree_size: number | string; readonly frontier: Uint8Array | null },
  leaves: readonly Uint8Array[],
): Promise<AppendResult> {
  const treeSize = Number(head.tree_size)
  const firstIndex = treeSize - leaves.length
  if (leaves.length === 0) return { firstIndex, treeSize }

  const frontier = await readFrontier(trx, rootPlan(firstIndex), head.frontier)
  const leafHashes = leaves.map(merkle.hashLeaf)
  const appended = appendToFrontier(frontier, firstIndex, leafHashes, merkle.hashChildren)
  const leafRows = leaves.map((data, i) => [firstIndex + i, leafHashes[i], leafType(data), data])
  const nodeRows = appended.nodes.map((n) => [n.level, n.index, n.hash])
  const kept = Buffer.concat(appended.frontier.map((n) => n.hash))

  const parameters =
    leafRows.length * LEDGER_LEAF_COLUMNS.length + nodeRows.length * LEDGER_NODE_COLUMNS.length
  if (isPostgres(trx) && parameters < MAX_PARAMETERS) {
    // A small append (a group of title actions) is one round trip on PostgreSQL: both inserts and
    // the new frontier in one statement.
    const nodes = nodeRows.length
      ? `, n as (${insertText(true, 'ledger_nodes', LEDGER_NODE_COLUMNS, nodeRows.length, leafRows.length * LEDGER_LEAF_COLUMNS.length)})`
      : ''
    const text = `with l as (${insertText(true, 'ledger_leaves', LEDGER_LEAF_COLUMNS, leafRows.length)})${nodes} update ledger_head set frontier = $${parameters + 1} where id = 1`
    await trx.executeQuery(CompiledQuery.raw(text, [...leafRows.flat(), ...nodeRows.flat(), kept]))
  } else {
    await bulkInsert(trx, 'ledger_leaves', LEDGER_LEAF_COLUMNS, leafRows)
    await bulkInsert(trx, 'ledger_nodes', LEDGER_NODE_COLUMNS, nodeRows)
    await trx.updateTable('ledger_head').set({ frontier: kept }).where('id', '=', 1).execute()
  }
  return { firstIndex, treeSize }
}

/**
 * Appends encoded leaves (see `encodeLeaf`) to the log, durably and atomically, in the caller's
 * transaction when `executor` is one, else in a new transaction.
 *
 * @example await appendLeaves(trx, events.map((e) => encodeLeaf({ type: 'tracking-event', body: e })))
 */
export async function appendLeaves(
  executor: LedgerExecutor,
  leaves: readonly Uint8Array[],
): Promise<AppendResult> {
  if (executor.isTransaction) return appendInTransaction(executor as Transaction<Schema>, leaves)
  return executor.transaction().execute((trx) => appendInTransaction(trx, leaves))
}

/** Creates the database {@link LedgerStore} of the node's Merkle log. */
export function createLedgerStore(db: Kysely<Schema>): SqlLedgerStore {
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
    appendLeaves: (leaves) => appendLeaves(db, leaves),
    appendLeavesIn: (trx, leaves) => appendInTransaction(trx, leaves),
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
        .onConflict((oc) => oc.column('tree_size').doUpdateSet({ note }))
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
