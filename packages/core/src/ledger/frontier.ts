import { EMPTY_ROOT_HASH, hashChildren } from './merkle-hash.js'
import { foldSubtrees, type NodeId } from './proof-plan.js'

/** A stored node: a complete subtree and its hash. */
export interface MerkleNode extends NodeId {
  readonly hash: Uint8Array
}

/**
 * The right frontier of a tree: the complete subtrees of `[0, size)`, largest first (what
 * {@link rootPlan} names). It is all an appender needs to extend the tree, whatever its size.
 */
export type Frontier = readonly MerkleNode[]

/** The outcome of {@link appendToFrontier}. */
export interface FrontierAppend {
  readonly frontier: Frontier
  /** The interior nodes (level ≥ 1) completed by the append, to store. */
  readonly nodes: readonly MerkleNode[]
}

/**
 * Appends leaf hashes to a tree given by its frontier and returns the new frontier and the
 * interior nodes that became complete. Each leaf completes on average one interior node. `hashNode` is
 * {@link hashChildren} over another SHA-256 when given (a platform's native one, see `createMerkleHashes`).
 */
export function appendToFrontier(
  frontier: Frontier,
  treeSize: number,
  leafHashes: readonly Uint8Array[],
  hashNode: (left: Uint8Array, right: Uint8Array) => Uint8Array = hashChildren,
): FrontierAppend {
  const stack: MerkleNode[] = [...frontier]
  const nodes: MerkleNode[] = []
  let index = treeSize
  for (const hash of leafHashes) {
    let node: MerkleNode = { level: 0, index, hash }
    index++
    let top = stack[stack.length - 1]
    while (top && top.level === node.level) {
      stack.pop()
      node = {
        level: node.level + 1,
        index: top.index / 2,
        hash: hashNode(top.hash, node.hash),
      }
      nodes.push(node)
      top = stack[stack.length - 1]
    }
    stack.push(node)
  }
  return { frontier: stack, nodes }
}

/** The root hash of the tree a frontier describes (RFC 9162 §2.1.1 MTH). */
export function rootOfFrontier(frontier: Frontier): Uint8Array {
  return frontier.length === 0 ? EMPTY_ROOT_HASH : foldSubtrees(frontier.map((n) => n.hash))
}
