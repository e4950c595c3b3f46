import { LandseaError } from '../errors/index.js'

/** Why an emissions computation or claim was refused. */
export type EmissionsErrorCode =
  /** The shipment is not finished, or its journey has gaps: no claim can be issued. */
  | 'EMISSIONS_INCOMPLETE'
  /** A factor table version this software does not hold. */
  | 'EMISSIONS_FACTOR_TABLE_UNKNOWN'
  /** No emissions claim was issued for the shipment. */
  | 'EMISSIONS_CLAIM_NOT_FOUND'
  /** A green-linked pledge cites a claim that is not the shipment's. */
  | 'EMISSIONS_CLAIM_MISMATCH'
  /** A report's period or other input is invalid. */
  | 'EMISSIONS_INPUT_INVALID'

/** An error of the emissions area. */
export class EmissionsError extends LandseaError<EmissionsErrorCode> {}
