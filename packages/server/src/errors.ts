import type { CryptoErrorCode } from '@landsea/core/crypto'
import type { EblErrorCode } from '@landsea/core/ebl'
import type { EmissionsErrorCode } from '@landsea/core/emissions'
import { LandseaError, type Issue } from '@landsea/core/errors'
import type { IdentityErrorCode } from '@landsea/core/identity'
import type { LedgerErrorCode } from '@landsea/core/ledger'
import type { PintErrorCode } from '@landsea/core/pint'
import type { PrivacyErrorCode } from '@landsea/core/privacy'
import type { TrackingErrorCode } from '@landsea/core/tracking'
import type { StorageErrorCode } from '@landsea/node'
import type { FastifyError, FastifyInstance } from 'fastify'

/** The error body every API error has. */
export interface ErrorBody {
  readonly error: {
    readonly code: string
    readonly message: string
    readonly issues?: readonly Issue[]
  }
}

/** Stable codes of {@link ApiError}: problems of the HTTP edge itself. */
export type ApiErrorCode =
  | 'AUTH_REQUIRED'
  | 'AUTH_INVALID'
  | 'AUTH_FORBIDDEN'
  | 'REQUEST_VALIDATION_FAILED'
  | 'REQUEST_MALFORMED'
  | 'REQUEST_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'ROUTE_NOT_FOUND'
  | 'NOT_FOUND'
  | 'INTERNAL_ERROR'
  | 'JSON_DUPLICATE_MEMBER'
  | 'JSON_FORBIDDEN_MEMBER'
  | 'JSON_NUMBER_OUT_OF_RANGE'
  | 'RATE_LIMITED'

/** An error raised by the HTTP edge (authentication, request shape). */
export class ApiError extends LandseaError<ApiErrorCode> {}

/**
 * Every stable code an error of ours can carry: a discriminated union over the areas' code unions.
 * {@link STATUS_BY_CODE} must give each a status, so a new code does not compile until it has one.
 */
export type ErrorCode =
  | ApiErrorCode
  | CryptoErrorCode
  | EblErrorCode
  | IdentityErrorCode
  | LedgerErrorCode
  | TrackingErrorCode
  | PrivacyErrorCode
  | EmissionsErrorCode
  | StorageErrorCode
  | PintErrorCode

/**
 * HTTP status per stable error code: the one place where domain codes become statuses. A 5xx
 * status is rendered as `INTERNAL_ERROR` and logged, never with the error's own message.
 */
export const STATUS_BY_CODE = {
  AUTH_REQUIRED: 401,
  AUTH_INVALID: 401,
  AUTH_FORBIDDEN: 403,
  REQUEST_VALIDATION_FAILED: 400,
  REQUEST_MALFORMED: 400,
  REQUEST_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ROUTE_NOT_FOUND: 404,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  JSON_DUPLICATE_MEMBER: 400,
  JSON_FORBIDDEN_MEMBER: 400,
  JSON_NUMBER_OUT_OF_RANGE: 400,
  EBL_VALIDATION_FAILED: 400,
  EBL_NOT_FOUND: 404,
  EBL_NOT_POSSESSOR: 403,
  EBL_NOT_HOLDER: 403,
  EBL_NOT_ISSUER: 403,
  EBL_ENDORSEMENT_RESTRICTED: 403,
  EBL_INVALID_STATE: 409,
  EBL_CONFLICT: 409,
  EBL_REPLAY: 409,
  EBL_DUPLICATE_REFERENCE: 409,
  EBL_CHAIN_BROKEN: 409,
  EBL_NOT_NEGOTIABLE: 422,
  EBL_RECIPIENT_NOT_ALLOWED: 422,
  EBL_SIGNATURE_INVALID: 422,
  EBL_CHECKSUM_MISMATCH: 422,
  EBL_UNKNOWN_PARTY: 422,
  EBL_UNKNOWN_KEY: 422,
  CRYPTO_JWS_MALFORMED: 400,
  CRYPTO_JWS_INVALID: 422,
  CRYPTO_ALG_NOT_ALLOWED: 422,
  CRYPTO_KEY_INVALID: 400,
  CRYPTO_NOT_CANONICALIZABLE: 400,
  IDENTITY_MALFORMED: 400,
  IDENTITY_UNSIGNED: 422,
  IDENTITY_ALG_NOT_ALLOWED: 422,
  IDENTITY_SIGNATURE_INVALID: 422,
  IDENTITY_WRONG_TYPE: 422,
  IDENTITY_WRONG_AUDIENCE: 422,
  IDENTITY_NONCE_MISMATCH: 422,
  IDENTITY_EXPIRED: 422,
  IDENTITY_NOT_YET_VALID: 422,
  IDENTITY_REVOKED: 422,
  IDENTITY_SUSPENDED: 422,
  IDENTITY_STATUS_UNAVAILABLE: 422,
  IDENTITY_ISSUER_MISMATCH: 422,
  IDENTITY_ISSUER_NOT_TRUSTED: 422,
  IDENTITY_JURISDICTION_NOT_RECOGNISED: 422,
  IDENTITY_DID_UNRESOLVABLE: 422,
  IDENTITY_KEY_NOT_FOUND: 404,
  IDENTITY_KEY_RETIRED: 422,
  IDENTITY_KEY_BINDING_INVALID: 422,
  IDENTITY_HOLDER_MISMATCH: 422,
  IDENTITY_IDENTIFIER_INVALID: 400,
  IDENTITY_TRUST_LIST_INVALID: 422,
  IDENTITY_NOT_VERIFIED: 403,
  IDENTITY_ALREADY_JOINED: 409,
  TRACKING_FIELD_REQUIRED: 400,
  TRACKING_FIELD_INVALID: 400,
  TRACKING_UNKNOWN_CODE: 400,
  TRACKING_UNKNOWN_LOCATION: 400,
  TRACKING_CONTAINER_CHECK_DIGIT: 400,
  TRACKING_TIME_INVALID: 400,
  TRACKING_TIME_IMPOSSIBLE: 400,
  TRACKING_EVENT_ID_CONFLICT: 409,
  TRACKING_BATCH_TOO_LARGE: 413,
  TRACKING_BATCH_MALFORMED: 400,
  TRACKING_EPCIS_UNSUPPORTED: 422,
  TRACKING_EPCIS_INVALID: 400,
  TRACKING_GS1_KEY_INVALID: 400,
  TRACKING_SUBSCRIPTION_INVALID: 400,
  TRACKING_SUBSCRIPTION_LIMIT: 429,
  TRACKING_NOT_FOUND: 404,
  PINT_VALIDATION_FAILED: 400,
  PINT_UNKNOWN_PLATFORM: 404,
  PINT_NOT_FOUND: 404,
  PINT_TRANSFER_IN_PROGRESS: 409,
  PINT_NOT_CONFIGURED: 409,
  LEDGER_SIZE_INVALID: 400,
  LEDGER_INDEX_OUT_OF_RANGE: 400,
  LEDGER_PROOF_MALFORMED: 400,
  LEDGER_INCLUSION_PROOF_INVALID: 422,
  LEDGER_CONSISTENCY_PROOF_INVALID: 422,
  LEDGER_LEAF_MALFORMED: 400,
  LEDGER_NOTE_MALFORMED: 400,
  LEDGER_NOTE_UNVERIFIED: 403,
  LEDGER_NOTE_SIGNATURE_INVALID: 403,
  LEDGER_KEY_MALFORMED: 400,
  LEDGER_CHECKPOINT_MALFORMED: 400,
  LEDGER_CHECKPOINT_NOT_FOUND: 404,
  LEDGER_ENTRY_NOT_FOUND: 404,
  LEDGER_WITNESS_REQUEST_MALFORMED: 400,
  LEDGER_WITNESS_UNKNOWN_LOG: 404,
  LEDGER_WITNESS_UNAUTHENTICATED: 403,
  LEDGER_WITNESS_OLD_SIZE_MISMATCH: 409,
  LEDGER_WITNESS_FORK: 422,
  LEDGER_WITNESS_EMPTY_TREE_ROOT: 422,
  LEDGER_WITNESS_UNAVAILABLE: 424,
  // A transfer refused for want of a legal basis: 451 Unavailable For Legal Reasons (RFC 7725).
  PRIVACY_POLICY_INVALID: 400,
  PRIVACY_JURISDICTION_UNKNOWN: 400,
  PRIVACY_RECIPIENT_COUNTRY_UNKNOWN: 451,
  PRIVACY_BASIS_MISSING_PIPL_CONSENT: 451,
  PRIVACY_BASIS_MISSING_PIPL_STANDARD_CONTRACT_OR_CERTIFICATION: 451,
  PRIVACY_BASIS_MISSING_PIPL_SECURITY_ASSESSMENT: 451,
  PRIVACY_BASIS_MISSING_PDPA_TRANSFER_LIMITATION: 451,
  PRIVACY_SUBJECT_NOT_FOUND: 404,
  PRIVACY_RETENTION_ACTIVE: 409,
  EMISSIONS_INCOMPLETE: 409,
  EMISSIONS_FACTOR_TABLE_UNKNOWN: 400,
  EMISSIONS_CLAIM_NOT_FOUND: 404,
  EMISSIONS_CLAIM_MISMATCH: 422,
  EMISSIONS_INPUT_INVALID: 400,
  STORAGE_MIGRATION_FAILED: 500,
  STORAGE_UNAVAILABLE: 500,
} as const satisfies Record<ErrorCode, number>

/** Whether a string is one of our stable codes. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(STATUS_BY_CODE, code)
}

/**
 * The status for a code: ours from {@link STATUS_BY_CODE}; another library's (an error that
 * escaped unwrapped) by its suffix, as before the table covered every code of ours.
 */
export function statusForCode(code: string): number | undefined {
  if (isErrorCode(code)) return STATUS_BY_CODE[code]
  if (code.endsWith('_NOT_FOUND')) return 404
  if (code.endsWith('_CONFLICT')) return 409
  if (
    code.endsWith('_VALIDATION_FAILED') ||
    code.endsWith('_INVALID') ||
    code.endsWith('_MALFORMED')
  )
    return 400
  return undefined
}

const FASTIFY_CODES: Readonly<Record<string, ApiErrorCode>> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST_MALFORMED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'REQUEST_MALFORMED',
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST_MALFORMED',
}

/** Renders every error as `{ error: { code, message, issues? } }`; no stack trace ever reaches a client. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply.status(STATUS_BY_CODE.ROUTE_NOT_FOUND).send({
      error: {
        code: 'ROUTE_NOT_FOUND',
        message: `no route ${request.method} ${request.url.split('?')[0]}`,
      },
    })
  })
  app.setErrorHandler((error: FastifyError & { issues?: readonly Issue[] }, request, reply) => {
    if (error.validation) {
      const issues = error.validation.map((v) => ({
        path: `${error.validationContext ?? ''}${v.instancePath}`,
        code: String(v.keyword).toUpperCase(),
        message: v.message ?? 'invalid',
      }))
      return reply.status(STATUS_BY_CODE.REQUEST_VALIDATION_FAILED).send({
        error: { code: 'REQUEST_VALIDATION_FAILED', message: 'the request is invalid', issues },
      })
    }
    const fastifyCode = typeof error.code === 'string' ? FASTIFY_CODES[error.code] : undefined
    if (fastifyCode) {
      return reply
        .status(STATUS_BY_CODE[fastifyCode])
        .send({ error: { code: fastifyCode, message: error.message } })
    }
    const status = typeof error.code === 'string' ? statusForCode(error.code) : undefined
    if (status !== undefined && status < 500) {
      const body: ErrorBody = {
        error: {
          code: error.code,
          message: error.message,
          ...(error.issues ? { issues: error.issues } : {}),
        },
      }
      return reply.status(status).send(body)
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .status(error.statusCode)
        .send({ error: { code: 'REQUEST_MALFORMED', message: error.message } })
    }
    request.log.error({ err: error }, 'unhandled error')
    return reply
      .status(STATUS_BY_CODE.INTERNAL_ERROR)
      .send({ error: { code: 'INTERNAL_ERROR', message: 'internal error' } })
  })
}
