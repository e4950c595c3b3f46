import { LandseaError, type Issue } from '../errors/index.js'

/** Stable codes of {@link PintError}. Documented in docs/pint.md. */
export type PintErrorCode =
  | 'PINT_VALIDATION_FAILED'
  | 'PINT_UNKNOWN_PLATFORM'
  | 'PINT_NOT_FOUND'
  | 'PINT_TRANSFER_IN_PROGRESS'
  | 'PINT_NOT_CONFIGURED'

/** Errors of platform interoperability (DCSA PINT 3.0): the directory, sending and receiving. */
export class PintError extends LandseaError<PintErrorCode, Issue> {}
