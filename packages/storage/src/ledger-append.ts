import {
  appendToFrontier,
  decodeLeaf,
  HASH_SIZE,
  LedgerError,
  nodeKey,
  rootPlan,
  type AppendResult,
  type MerkleNode,
  type NodeId,
} from '@landsea/core/ledger'
import type { Transaction } from 'kysely'
import { bulkInsert } from './bulk-insert.js'
import type { SqlDialect } from './dialect.js'
import { merkle, nodeReadsOf, readNodes } from './ledger-nodes.js'
import type { Schema } from './schema.js'

/** The columns of `ledger_leaves` and `ledger_nodes`, in the order appends write them. */
export const LEDGER_LEAF_COLUMNS: readonly string[] = [
  'leaf_index',
  'leaf_hash',
  'leaf_type',
  'data',
]
export const LEDGER_NODE_COLUMNS: readonly string[] = ['level', 'node_index', 'hash']

/** The rows one append writes: leaves and nodes (in the column orders above) and the new frontier. */
export interface LedgerAppendRows {
  readonly leafRows: readonly (readonly unknown[])[]
  readonly nodeRows: readonly (readonly unknown[])[]
  /** The new frontier's hashes, concatenated, for the head row. */
  readonly frontier: Uint8Array
}

/** How a database writes an append's rows. */
export interface LedgerDialect {
  /** Writes the rows of an append in the caller's transaction, which holds the head row. */
  writeAppendRows(trx: Transaction<Schema>, rows: LedgerAppendRows): Promise<void>
}

/** {@link LedgerDialect.writeAppendRows} written once: the leaves, the nodes, the head's frontier. */
export async function writeAppendRows(
  trx: Transaction<Schema>,
  dialect: SqlDialect,
  { leafRows, nodeRows, frontier }: LedgerAppendRows,
): Promise<void> {
  await bulkInsert(trx, dialect, 'ledger_leaves', LEDGER_LEAF_COLUMNS, leafRows)
  await bulkInsert(trx, dialect, 'ledger_nodes', LEDGER_NODE_COLUMNS, nodeRows)
  await trx.updateTable('ledger_head').set({ frontier }).where('id', '=', 1).execute()
}

// Not fatal: a tail may begin inside a multi-byte character, which only touches text before the match.
const decoder = new TextDecoder('utf-8')

/** The leaf kind, read from the envelope's last bytes without a full decode (bulk appends stay fast). */
function leafType(leaf: Uint8Array): string {
  // Encoded envelopes are canonical JSON whose keys sort as body, type, v, so the kind is in the
  // tail; a full decode costs a parse and a re-encode per leaf, so only unrecognised shapes pay it.
  const match = /,"type":"([a-z-]+)","v":1}$/.exec(decoder.decode(leaf.subarray(-64)))
  return match ? match[1]! : decodeLeaf(leaf).type
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
  const known = await readNodes(nodeReadsOf(trx), plan)
  return plan.map((node) => {
    const hash = known.get(nodeKey(node))
    if (!hash)
      throw new LedgerError('LEDGER_ENTRY_NOT_FOUND', `frontier node ${nodeKey(node)} is missing`)
    return { ...node, hash }
  })
}

/**
 * Appends encoded leaves (see `encodeLeaf`) to the log in the caller's transaction, so that the
 * rows that made them (title actions, tracking events) and the leaves commit together or not at all.
 */
export async function appendLeaves(
  trx: Transaction<Schema>,
  dialect: LedgerDialect,
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
  return appendAfterHead(trx, dialect, head, leaves)
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
  dialect: LedgerDialect,
  head: { readonly tree_size: number | string; readonly frontier: Uint8Array | null },
  leaves: readonly Uint8Array[],
): Promise<AppendResult> {
  const treeSize = Number(head.tree_size)
  const firstIndex = treeSize - leaves.length
  if (leaves.length === 0) return { firstIndex, treeSize }

  const frontier = await readFrontier(trx, rootPlan(firstIndex), head.frontier)
  const leafHashes = leaves.map(merkle.hashLeaf)
  const appended = appendToFrontier(frontier, firstIndex, leafHashes, merkle.hashChildren)
  await dialect.writeAppendRows(trx, {
    leafRows: leaves.map((data, i) => [firstIndex + i, leafHashes[i], leafType(data), data]),
    nodeRows: appended.nodes.map((n) => [n.level, n.index, n.hash]),
    frontier: Buffer.concat(appended.frontier.map((n) => n.hash)),
  })
  return { firstIndex, treeSize }
}
