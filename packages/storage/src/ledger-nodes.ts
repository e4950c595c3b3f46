import {
  nodeKey,
  nodesOfPlan,
  resolvePlan,
  type NodeId,
  type ProofPlan,
} from '@landsea/core/ledger'
import type { Executor } from './dialect.js'

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
  return resolvePlan(plan, await readNodes(executor, nodesOfPlan(plan)))
}
