import type { ConsistencyProof } from './consistency-proof.js'
import type { InclusionProof } from './inclusion-proof.js'

/** Where an append landed. */
export interface AppendResult {
  /** Index of the first appended leaf. */
  readonly firstIndex: number
  /** Tree size after the append. */
  readonly treeSize: number
}

/** A checkpoint the log signed, with the cosignatures collected so far. */
export interface StoredCheckpoint {
  readonly treeSize: number
  readonly rootHash: Uint8Array
  /** The signed note: log signature first, then witness cosignatures. */
  readonly note: string
  readonly createdAt: string
}

/**
 * The port through which the node keeps its Merkle log: leaves, the hashes of every complete
 * subtree (so proofs are O(log n) reads at any size), and signed checkpoints. Implemented on
 * SQLite and PostgreSQL by the storage package; appends are durable when the promise resolves.
 */
export interface LedgerStore {
  appendLeaves(leaves: readonly Uint8Array[]): Promise<AppendResult>
  treeSize(): Promise<number>
  rootHash(treeSize: number): Promise<Uint8Array>
  inclusionProof(leafIndex: number, treeSize: number): Promise<InclusionProof>
  /** The inclusion proofs of several leaves in one tree, read together (a bill's bundle). */
  inclusionProofs(leafIndices: readonly number[], treeSize: number): Promise<InclusionProof[]>
  consistencyProof(size1: number, size2: number): Promise<ConsistencyProof>
  /** The index of the first leaf with this leaf hash, if any. */
  findLeafIndex(leafHash: Uint8Array): Promise<number | undefined>
  /** {@link findLeafIndex} of several leaf hashes at once, in their order. */
  findLeafIndices(leafHashes: readonly Uint8Array[]): Promise<(number | undefined)[]>
  readLeaves(start: number, end: number): Promise<readonly Uint8Array[]>
  saveCheckpoint(checkpoint: StoredCheckpoint): Promise<void>
  latestCheckpoint(): Promise<StoredCheckpoint | undefined>
  checkpointAt(treeSize: number): Promise<StoredCheckpoint | undefined>
}
