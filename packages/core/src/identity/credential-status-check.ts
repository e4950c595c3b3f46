import { issuerIdOf, type VerifiableCredential } from './credential.js'
import { IdentityError } from './identity-error.js'
import { checkStatusEntries, statusEntriesOf } from './status-list.js'
import { assertValidAt } from './validity.js'
import { verifySecuring } from './credential-securing.js'
import type { CredentialVerifierOptions, Verdict } from './verify-credential.js'

/**
 * The status step: each status list the credential names is fetched, must be its own issuer's
 * signed, valid BitstringStatusListCredential, and decides revoked, suspended or neither.
 */
export async function checkCredentialStatus(
  credential: VerifiableCredential,
  options: CredentialVerifierOptions,
  now: Date,
): Promise<Verdict> {
  const entries = statusEntriesOf(credential)
  if (entries.length === 0) return { ok: true, message: 'no status entry: not revocable' }
  if (!options.fetchStatusList) {
    return {
      ok: false,
      code: 'IDENTITY_STATUS_UNAVAILABLE',
      message: 'no status list source configured',
    }
  }
  const lists = new Map<string, VerifiableCredential>()
  for (const entry of entries) {
    if (lists.has(entry.statusListCredential)) continue
    let secured: unknown
    try {
      secured = await options.fetchStatusList(entry.statusListCredential)
    } catch (cause) {
      throw new IdentityError(
        'IDENTITY_STATUS_UNAVAILABLE',
        `cannot fetch ${entry.statusListCredential}`,
        { cause },
      )
    }
    const { credential: list, foreignKey } = await verifySecuring(secured, options)
    if (foreignKey) {
      throw new IdentityError(
        'IDENTITY_ISSUER_MISMATCH',
        `status list key ${foreignKey.id} is not controlled by its issuer`,
      )
    }
    // A status list only counts when the credential's own issuer signed it.
    if (
      issuerIdOf(list) !== issuerIdOf(credential) ||
      !list.type.includes('BitstringStatusListCredential')
    ) {
      throw new IdentityError(
        'IDENTITY_STATUS_UNAVAILABLE',
        'the status list is not the issuer’s BitstringStatusListCredential',
      )
    }
    assertValidAt(list, now)
    lists.set(entry.statusListCredential, list)
  }
  const checks = await checkStatusEntries(credential, lists, options.decodeStatusList)
  if (checks.some((c) => c.statusPurpose === 'revocation' && c.isSet)) {
    return {
      ok: false,
      code: 'IDENTITY_REVOKED',
      message: 'the issuer has revoked this credential',
    }
  }
  if (checks.some((c) => c.statusPurpose === 'suspension' && c.isSet)) {
    return {
      ok: false,
      code: 'IDENTITY_SUSPENDED',
      message: 'the issuer has suspended this credential',
    }
  }
  return {
    ok: true,
    message: `not revoked or suspended (${checks.map((c) => c.statusPurpose).join(', ')})`,
  }
}
