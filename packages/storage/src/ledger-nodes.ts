import { hash } from 'node:crypto'
import {
  createMerkleHashes,
  nodeKey,
  nodesOfPlan,
  resolvePlan,
  type NodeId,
  type ProofPlan,
} from '@landsea/core/ledger'
import type { Executor } from './dialect.js'

/**
 * RFC 9162 hashes over Node's native SHA-256 (OpenSSL): storage runs only in Node, appends hash
 * every leaf and about one interior node per leaf, and proofs fold right-edge subtrees.
 */
export const merkle = createMerkleHashes((data) => hash('sha256', data, 'buffer'))

/** The stored hashes of these tree nodes (level 0 from the leaves), by `nodeKey`. */
export async function readNodes(
  executor: Executor,
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

/** The hashes a proof plan names, read in one query per table. */
export async function resolve(executor: Executor, plan: ProofPlan): Promise<Uint8Array[]> {
  return resolvePlan(plan, await readNodes(executor, nodesOfPlan(plan)), merkle.hashChildren)
}

// Nodes read per query when several plans are resolved together: the interior ones make one OR
// term each, and SQLite's expression depth is 1,000 by default.
const NODES_PER_QUERY = 200

/** The hashes of several proof plans, their nodes read together (each once). */
export async function resolveMany(
  executor: Executor,
  plans: readonly ProofPlan[],
): Promise<Uint8Array[][]> {
  const nodes = nodesOfPlan(plans.flat())
  const hashes = new Map<string, Uint8Array>()
  for (let i = 0; i < nodes.length; i += NODES_PER_QUERY) {
    const part = await readNodes(executor, nodes.slice(i, i + NODES_PER_QUERY))
    for (const [key, hash] of part) hashes.set(key, hash)
  }
  return plans.map((plan) => resolvePlan(plan, hashes, merkle.hashChildren))
}
