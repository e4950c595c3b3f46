export {
  formatAddCheckpointRequest,
  parseAddCheckpointRequest,
  type AddCheckpointRequest,
} from './add-checkpoint.js'
export {
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  type Checkpoint,
  type OpenedCheckpoint,
} from './checkpoint.js'
export { verifyConsistencyProof, type ConsistencyProof } from './consistency-proof.js'
export { cosignatureTimestamp, createCosignatureVerifier, createCosigner } from './cosignature.js'
export {
  appendToFrontier,
  rootOfFrontier,
  type Frontier,
  type FrontierAppend,
  type MerkleNode,
} from './frontier.js'
export {
  rootFromInclusionProof,
  verifyInclusionProof,
  type InclusionProof,
} from './inclusion-proof.js'
export { createInclusionProofVerifier, type InclusionTreeHead } from './inclusion-proof-set.js'
export {
  decodeLeaf,
  encodeLeaf,
  encodeLeafWithCanonicalBody,
  LEAF_TYPES,
  type LeafEnvelope,
  type LeafType,
} from './leaf-envelope.js'
export { LedgerError, type LedgerErrorCode } from './ledger-error.js'
export type { AppendResult, LedgerStore, StoredCheckpoint } from './ledger-store.js'
export { createMemoryLedger, type MemoryLedger } from './memory-ledger.js'
export {
  createMerkleHashes,
  EMPTY_ROOT_HASH,
  equalHashes,
  hashChildren,
  hashLeaf,
  HASH_SIZE,
  isHash,
  type MerkleHashes,
} from './merkle-hash.js'
export {
  createEd25519NoteSigner,
  createEd25519NoteVerifier,
  formatVerifierKey,
  parseVerifierKey,
  type NotePublicKey,
} from './note-keys.js'
export {
  consistencyProofPlan,
  foldSubtrees,
  inclusionProofPlan,
  nodeKey,
  nodesOfPlan,
  resolvePlan,
  rootPlan,
  subtreesOfRange,
  type NodeId,
  type ProofPlan,
} from './proof-plan.js'
export {
  formatNote,
  formatSignatureLine,
  isValidKeyName,
  NOTE_SIGNATURE_TYPE,
  noteKeyId,
  openNote,
  parseNote,
  signNote,
  type Note,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  type OpenedNote,
} from './signed-note.js'
export { assertTreeSize } from './tree-size.js'
export {
  createMemoryWitnessStore,
  createWitness,
  type AddCheckpointOutcome,
  type ForkEvidence,
  type Witness,
  type WitnessedLog,
  type WitnessRecord,
  type WitnessStore,
} from './witness.js'
