import type { ConsistencyProof } from './consistency-proof.js'
import { appendToFrontier, rootOfFrontier, type Frontier, type MerkleNode } from './frontier.js'
import type { InclusionProof } from './inclusion-proof.js'
import { LedgerError } from './ledger-error.js'
import { hashLeaf } from './merkle-hash.js'
import {
  consistencyProofPlan,
  inclusionProofPlan,
  nodeKey,
  resolvePlan,
  rootPlan,
  type NodeId,
  type ProofPlan,
} from './proof-plan.js'
import { assertTreeSize } from './tree-size.js'

/** A Merkle log held in memory: for tests, the browser demo and small tools. */
export interface MemoryLedger {
  readonly treeSize: number
  /** Appends leaf bytes and returns the index of the first one. */
  append(leaves: readonly Uint8Array[]): number
  rootHash(treeSize?: number): Uint8Array
  inclusionProof(leafIndex: number, treeSize?: number): InclusionProof
  consistencyProof(size1: number, size2?: number): ConsistencyProof
}

/** Creates an empty {@link MemoryLedger} that stores every complete subtree, as the SQL stores do. */
export function createMemoryLedger(): MemoryLedger {
  const nodes = new Map<string, Uint8Array>()
  let frontier: Frontier = []
  let size = 0

  const store = (node: MerkleNode) => nodes.set(nodeKey(node), node.hash)
  const resolve = (plan: ProofPlan) => resolvePlan(plan, nodes)
  const checkSize = (treeSize: number) => {
    assertTreeSize(treeSize)
    if (treeSize > size) throw new LedgerError('LEDGER_SIZE_INVALID', `the log has ${size} leaves`)
    return treeSize
  }

  return {
    get treeSize() {
      return size
    },
    append(leaves) {
      const first = size
      const leafHashes = leaves.map(hashLeaf)
      leafHashes.forEach((hash, i) => store({ level: 0, index: first + i, hash }))
      const result = appendToFrontier(frontier, size, leafHashes)
      result.nodes.forEach(store)
      frontier = result.frontier
      size += leaves.length
      return first
    },
    rootHash(treeSize = size) {
      const plan: NodeId[] = rootPlan(checkSize(treeSize))
      if (treeSize === size) return rootOfFrontier(frontier)
      return resolve([plan])[0]!
    },
    inclusionProof(leafIndex, treeSize = size) {
      const hashes = resolve(inclusionProofPlan(leafIndex, checkSize(treeSize)))
      return { leafIndex, treeSize, hashes }
    },
    consistencyProof(size1, size2 = size) {
      const hashes = resolve(consistencyProofPlan(size1, checkSize(size2)))
      return { size1, size2, hashes }
    },
  }
}
