import { LandseaError } from '../errors/index.js'

/**
 * Stable codes of {@link PrivacyError}; documented in docs/privacy.md. A refused transfer's code
 * names the legal basis that is missing.
 */
export type PrivacyErrorCode =
  | 'PRIVACY_POLICY_INVALID'
  | 'PRIVACY_JURISDICTION_UNKNOWN'
  | 'PRIVACY_RECIPIENT_COUNTRY_UNKNOWN'
  | 'PRIVACY_BASIS_MISSING_PIPL_CONSENT'
  | 'PRIVACY_BASIS_MISSING_PIPL_STANDARD_CONTRACT_OR_CERTIFICATION'
  | 'PRIVACY_BASIS_MISSING_PIPL_SECURITY_ASSESSMENT'
  | 'PRIVACY_BASIS_MISSING_PDPA_TRANSFER_LIMITATION'
  | 'PRIVACY_SUBJECT_NOT_FOUND'
  | 'PRIVACY_RETENTION_ACTIVE'

/** Errors of the cross-border personal data rules. Callers branch on `code`. */
export class PrivacyError extends LandseaError<PrivacyErrorCode> {}
