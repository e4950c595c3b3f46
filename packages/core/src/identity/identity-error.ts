import { LandseaError } from '../errors/index.js'

/** Stable codes of {@link IdentityError} and of identity validation issues. */
export type IdentityErrorCode =
  | 'IDENTITY_MALFORMED'
  | 'IDENTITY_UNSIGNED'
  | 'IDENTITY_ALG_NOT_ALLOWED'
  | 'IDENTITY_SIGNATURE_INVALID'
  | 'IDENTITY_WRONG_TYPE'
  | 'IDENTITY_WRONG_AUDIENCE'
  | 'IDENTITY_NONCE_MISMATCH'
  | 'IDENTITY_EXPIRED'
  | 'IDENTITY_NOT_YET_VALID'
  | 'IDENTITY_REVOKED'
  | 'IDENTITY_SUSPENDED'
  | 'IDENTITY_STATUS_UNAVAILABLE'
  | 'IDENTITY_ISSUER_MISMATCH'
  | 'IDENTITY_ISSUER_NOT_TRUSTED'
  | 'IDENTITY_JURISDICTION_NOT_RECOGNISED'
  | 'IDENTITY_DID_UNRESOLVABLE'
  | 'IDENTITY_KEY_NOT_FOUND'
  | 'IDENTITY_KEY_RETIRED'
  | 'IDENTITY_KEY_BINDING_INVALID'
  | 'IDENTITY_HOLDER_MISMATCH'
  | 'IDENTITY_IDENTIFIER_INVALID'
  | 'IDENTITY_TRUST_LIST_INVALID'
  | 'IDENTITY_NOT_VERIFIED'
  | 'IDENTITY_ALREADY_JOINED'

/** Errors of DIDs, credentials, presentations and trust decisions. Callers branch on `code`. */
export class IdentityError extends LandseaError<IdentityErrorCode, IdentityIssue> {}

/** One validation finding, as everywhere in Landsea: where, what (a stable code), and why. */
export interface IdentityIssue {
  readonly path: string
  readonly code: IdentityErrorCode | IdentifierIssueCode
  readonly message: string
}

/** Codes of identifier checks; `*_CHECK_WARNING` findings do not reject the identifier. */
export type IdentifierIssueCode =
  | 'IDENTIFIER_FORMAT'
  | 'IDENTIFIER_CHECK_CHARACTER'
  | 'IDENTIFIER_CHECK_WARNING'
  | 'IDENTIFIER_SCHEME_UNKNOWN'

/**
 * Throws the first error-level issue as an {@link IdentityError} (identifier findings become
 * `IDENTITY_IDENTIFIER_INVALID`); warnings pass.
 */
export function assertNoIssues(issues: readonly IdentityIssue[]): void {
  const first = issues.find((issue) => issue.code !== 'IDENTIFIER_CHECK_WARNING')
  if (!first) return
  const code = first.code.startsWith('IDENTIFIER_') ? 'IDENTITY_IDENTIFIER_INVALID' : first.code
  throw new IdentityError(code as IdentityErrorCode, `${first.path}: ${first.message}`)
}
