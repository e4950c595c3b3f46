import { LandseaError, type Issue } from '../errors/index.js'

/** A problem found in input, as a path into it, a stable code and a human message. */
export type ValidationIssue = Issue

/** Stable codes of {@link EblError}. Documented in docs/ebl.md. */
export type EblErrorCode =
  | 'EBL_VALIDATION_FAILED'
  | 'EBL_NOT_FOUND'
  | 'EBL_NOT_POSSESSOR'
  | 'EBL_NOT_HOLDER'
  | 'EBL_NOT_ISSUER'
  | 'EBL_INVALID_STATE'
  | 'EBL_NOT_NEGOTIABLE'
  | 'EBL_RECIPIENT_NOT_ALLOWED'
  | 'EBL_ENDORSEMENT_RESTRICTED'
  | 'EBL_CONFLICT'
  | 'EBL_REPLAY'
  | 'EBL_SIGNATURE_INVALID'
  | 'EBL_CHAIN_BROKEN'
  | 'EBL_CHECKSUM_MISMATCH'
  | 'EBL_UNKNOWN_PARTY'
  | 'EBL_UNKNOWN_KEY'
  | 'EBL_DUPLICATE_REFERENCE'

/** Errors of the title registry: document validation, title rules and the signed action chain. */
export class EblError extends LandseaError<EblErrorCode, ValidationIssue> {}
