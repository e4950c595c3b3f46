import { hash } from 'node:crypto'
import {
  createMerkleHashes,
  nodeKey,
  nodesOfPlan,
  resolvePlan,
  type NodeId,
  type ProofPlan,
} from '@landsea/core/ledger'
import type { Kysely } from 'kysely'
import type { Executor } from './dialect.js'
import { precompiledQueriesByCount } from './precompiled-query.js'
import type { Schema } from './schema.js'

/**
 * RFC 9162 hashes over Node's native SHA-256 (OpenSSL): storage runs only in Node, appends hash
 * every leaf and about one interior node per leaf, and proofs fold right-edge subtrees.
 */
export const merkle = createMerkleHashes((data) => hash('sha256', data, 'buffer'))

/** The two reads of {@link readNodes}: leaves by index, interior nodes by (level, index) pairs. */
export interface NodeReads {
  leaves(indices: readonly number[]): Promise<{ leaf_index: number; leaf_hash: Uint8Array }[]>
  /** `levelsAndIndices`: level and index of each node, one after the other. */
  interior(
    levelsAndIndices: readonly number[],
  ): Promise<{ level: number; node_index: number; hash: Uint8Array }[]>
}

const leavesQuery = (executor: Executor, indices: readonly number[]) =>
  executor
    .selectFrom('ledger_leaves')
    .select(['leaf_index', 'leaf_hash'])
    .where('leaf_index', 'in', indices)

const interiorQuery = (executor: Executor, levelsAndIndices: readonly number[]) =>
  executor
    .selectFrom('ledger_nodes')
    .select(['level', 'node_index', 'hash'])
    .where((eb) =>
      eb.or(
        Array.from({ length: levelsAndIndices.length / 2 }, (_, i) =>
          eb.and([
            eb('level', '=', levelsAndIndices[2 * i]!),
            eb('node_index', '=', levelsAndIndices[2 * i + 1]!),
          ]),
        ),
      ),
    )

/** The reads built by Kysely on each call, on `executor` (a transaction's). */
export function nodeReadsOf(executor: Executor): NodeReads {
  return {
    leaves: (indices) => leavesQuery(executor, indices).execute(),
    interior: (levelsAndIndices) => interiorQuery(executor, levelsAndIndices).execute(),
  }
}

/**
 * The same reads of the handle `db`, compiled once per count of nodes (a proof's shape varies with
 * the tree, but within a few dozen counts): the same SQL text, only the values bound each time.
 */
export function createNodeReads(db: Kysely<Schema>): NodeReads {
  const leaves = precompiledQueriesByCount(db, (indices: number[]) => leavesQuery(db, indices))
  const interior = precompiledQueriesByCount(db, (levelsAndIndices: number[]) =>
    interiorQuery(db, levelsAndIndices),
  )
  return {
    leaves: (indices) => leaves.run(indices),
    interior: (levelsAndIndices) => interior.run(levelsAndIndices),
  }
}

/** The stored hashes of these tree nodes (level 0 from the leaves), by `nodeKey`. */
export async function readNodes(
  reads: NodeReads,
  nodes: readonly NodeId[],
): Promise<Map<string, Uint8Array>> {
  const hashes = new Map<string, Uint8Array>()
  const leafIndices = nodes.filter((n) => n.level === 0).map((n) => n.index)
  const interior = nodes.filter((n) => n.level > 0).flatMap((n) => [n.level, n.index])
  const [leafRows, nodeRows] = await Promise.all([
    leafIndices.length === 0 ? [] : reads.leaves(leafIndices),
    interior.length === 0 ? [] : reads.interior(interior),
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

/** The hashes a proof plan names, read in one query per table. */
export async function resolve(reads: NodeReads, plan: ProofPlan): Promise<Uint8Array[]> {
  return resolvePlan(plan, await readNodes(reads, nodesOfPlan(plan)), merkle.hashChildren)
}

// Nodes read per query when several plans are resolved together: the interior ones make one OR
// term each, and SQLite's expression depth is 1,000 by default.
const NODES_PER_QUERY = 200

/** The hashes of several proof plans, their nodes read together (each once). */
export async function resolveMany(
  reads: NodeReads,
  plans: readonly ProofPlan[],
): Promise<Uint8Array[][]> {
  const nodes = nodesOfPlan(plans.flat())
  const hashes = new Map<string, Uint8Array>()
  for (let i = 0; i < nodes.length; i += NODES_PER_QUERY) {
    const part = await readNodes(reads, nodes.slice(i, i + NODES_PER_QUERY))
    for (const [key, hash] of part) hashes.set(key, hash)
  }
  return plans.map((plan) => resolvePlan(plan, hashes, merkle.hashChildren))
}
