import { hashChildren, type MerkleHashes } from './merkle-hash.js'
import { assertTreeSize, largestPowerOfTwoBelow } from './tree-size.js'
import { LedgerError } from './ledger-error.js'

/**
 * A complete subtree of the log: the `2^level` leaves starting at leaf `index * 2^level`. Stores
 * keep these hashes, so a proof costs O(log n) reads at any tree size.
 */
export interface NodeId {
  readonly level: number
  readonly index: number
}

/**
 * How to build a proof from stored nodes: one entry per proof hash, each the complete subtrees
 * whose hashes fold (see {@link foldSubtrees}) into that proof hash. Subtrees on the right edge of
 * a tree that is not a power of two are incomplete; they are never stored, only folded.
 */
export type ProofPlan = readonly (readonly NodeId[])[]

/** Splits the leaf range `[start, end)` into complete subtrees, largest first. */
export function subtreesOfRange(start: number, end: number): NodeId[] {
  const nodes: NodeId[] = []
  while (start < end) {
    let size = 1
    let level = 0
    while (start % (size * 2) === 0 && start + size * 2 <= end) {
      size *= 2
      level++
    }
    nodes.push({ level, index: start / size })
    start += size
  }
  return nodes
}

/**
 * The hash of a range from the hashes of its complete subtrees (as {@link subtreesOfRange} lists
 * them), folded right to left: this is MTH of RFC 9162 §2.1.1 for a right-edge subtree. `hashNode`
 * replaces {@link hashChildren}, e.g. with `createMerkleHashes` over a platform's native SHA-256.
 */
export function foldSubtrees(
  hashes: readonly Uint8Array[],
  hashNode: MerkleHashes['hashChildren'] = hashChildren,
): Uint8Array {
  let i = hashes.length - 1
  if (i < 0) throw new LedgerError('LEDGER_PROOF_MALFORMED', 'nothing to fold')
  let hash = hashes[i]!
  while (--i >= 0) hash = hashNode(hashes[i]!, hash)
  return hash
}

/** The nodes whose fold is the root hash of a tree of `treeSize` leaves (empty for size 0). */
export function rootPlan(treeSize: number): NodeId[] {
  assertTreeSize(treeSize)
  return subtreesOfRange(0, treeSize)
}

/** The plan of the inclusion proof of leaf `leafIndex` in a tree of `treeSize` (RFC 9162 §2.1.3.1 PATH). */
export function inclusionProofPlan(leafIndex: number, treeSize: number): ProofPlan {
  assertTreeSize(treeSize)
  assertTreeSize(leafIndex, 'leaf index')
  if (leafIndex >= treeSize) {
    throw new LedgerError(
      'LEDGER_INDEX_OUT_OF_RANGE',
      `leaf ${leafIndex} is not in a tree of ${treeSize}`,
    )
  }
  const siblings: NodeId[][] = []
  let start = 0
  let end = treeSize
  let m = leafIndex
  while (end - start > 1) {
    const k = largestPowerOfTwoBelow(end - start)
    if (m < k) {
      siblings.push(subtreesOfRange(start + k, end))
      end = start + k
    } else {
      siblings.push(subtreesOfRange(start, start + k))
      start += k
      m -= k
    }
  }
  return siblings.reverse()
}

/**
 * The plan of the consistency proof from `size1` to `size2` (RFC 9162 §2.1.4.1 PROOF/SUBPROOF).
 * Empty when `size1` is 0 or equal to `size2`.
 */
export function consistencyProofPlan(size1: number, size2: number): ProofPlan {
  assertTreeSize(size1, 'old size')
  assertTreeSize(size2, 'new size')
  if (size1 > size2) {
    throw new LedgerError('LEDGER_SIZE_INVALID', `old size ${size1} exceeds new size ${size2}`)
  }
  if (size1 === 0 || size1 === size2) return []
  const proof: NodeId[][] = []
  let start = 0
  let end = size2
  let m = size1
  let isWholeOldTree = true
  for (;;) {
    const size = end - start
    if (m === size) {
      if (!isWholeOldTree) proof.push(subtreesOfRange(start, end))
      break
    }
    const k = largestPowerOfTwoBelow(size)
    if (m <= k) {
      proof.push(subtreesOfRange(start + k, end))
      end = start + k
    } else {
      proof.push(subtreesOfRange(start, start + k))
      start += k
      m -= k
      isWholeOldTree = false
    }
  }
  return proof.reverse()
}

/** The distinct nodes a plan reads, to fetch them in one query. */
export function nodesOfPlan(plan: ProofPlan): NodeId[] {
  const seen = new Map<string, NodeId>()
  for (const element of plan) for (const node of element) seen.set(nodeKey(node), node)
  return [...seen.values()]
}

/** A string key for a node, for maps. */
export function nodeKey(node: NodeId): string {
  return `${node.level}/${node.index}`
}

/**
 * Builds the proof hashes of a plan from node hashes looked up by {@link nodeKey}, folded with
 * `hashNode` (see {@link foldSubtrees}).
 *
 * @throws LedgerError `LEDGER_ENTRY_NOT_FOUND` when a node is missing from the lookup.
 */
export function resolvePlan(
  plan: ProofPlan,
  hashes: ReadonlyMap<string, Uint8Array>,
  hashNode: MerkleHashes['hashChildren'] = hashChildren,
): Uint8Array[] {
  return plan.map((element) =>
    foldSubtrees(
      element.map((node) => {
        const hash = hashes.get(nodeKey(node))
        if (!hash) {
          throw new LedgerError('LEDGER_ENTRY_NOT_FOUND', `node ${nodeKey(node)} is not stored`)
        }
        return hash
      }),
      hashNode,
    ),
  )
}
