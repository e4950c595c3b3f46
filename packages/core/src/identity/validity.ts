import { IdentityError } from './identity-error.js'

/**
 * Checks `validFrom` / `validUntil` (VC Data Model 2.0 §4.9) against `now`.
 * @throws IdentityError `IDENTITY_NOT_YET_VALID` or `IDENTITY_EXPIRED`.
 */
export function assertValidAt(
  credential: { readonly validFrom?: unknown; readonly validUntil?: unknown },
  now: Date,
): void {
  const at = now.getTime()
  const from = typeof credential.validFrom === 'string' ? Date.parse(credential.validFrom) : NaN
  const until = typeof credential.validUntil === 'string' ? Date.parse(credential.validUntil) : NaN
  if (!Number.isNaN(from) && at < from) {
    throw new IdentityError('IDENTITY_NOT_YET_VALID', `valid from ${String(credential.validFrom)}`)
  }
  if (!Number.isNaN(until) && at > until) {
    throw new IdentityError('IDENTITY_EXPIRED', `expired at ${String(credential.validUntil)}`)
  }
}
