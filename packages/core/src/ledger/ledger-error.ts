import { LandseaError } from '../errors/index.js'

/** Stable codes of {@link LedgerError}; documented in docs/ledger.md. */
export type LedgerErrorCode =
  | 'LEDGER_SIZE_INVALID'
  | 'LEDGER_INDEX_OUT_OF_RANGE'
  | 'LEDGER_PROOF_MALFORMED'
  | 'LEDGER_INCLUSION_PROOF_INVALID'
  | 'LEDGER_CONSISTENCY_PROOF_INVALID'
  | 'LEDGER_LEAF_MALFORMED'
  | 'LEDGER_NOTE_MALFORMED'
  | 'LEDGER_NOTE_UNVERIFIED'
  | 'LEDGER_NOTE_SIGNATURE_INVALID'
  | 'LEDGER_KEY_MALFORMED'
  | 'LEDGER_CHECKPOINT_MALFORMED'
  | 'LEDGER_CHECKPOINT_NOT_FOUND'
  | 'LEDGER_ENTRY_NOT_FOUND'
  | 'LEDGER_WITNESS_REQUEST_MALFORMED'
  | 'LEDGER_WITNESS_UNKNOWN_LOG'
  | 'LEDGER_WITNESS_UNAUTHENTICATED'
  | 'LEDGER_WITNESS_OLD_SIZE_MISMATCH'
  | 'LEDGER_WITNESS_FORK'
  | 'LEDGER_WITNESS_EMPTY_TREE_ROOT'
  | 'LEDGER_WITNESS_UNAVAILABLE'

/** Errors of the Merkle log, its proofs, checkpoints and witnesses. Callers branch on `code`. */
export class LedgerError extends LandseaError<LedgerErrorCode> {}
