import { verifyEd25519 } from '../crypto/ed25519.js'
import type { ParsedActionEntry } from '../ebl/action-entry.js'
import type { Checkpoint } from '../ledger/checkpoint.js'
import type { EblBundle } from './bundle.js'
import type { BundleHashes } from './bundle-hashes.js'
import { CLAIM_STEPS, checkEmissionsClaim } from './claim-checks.js'
import { checkGreenPledges, GREEN_PLEDGE_STEP } from './green-pledge-checks.js'
import type { BundleVerification, VerifyBundleOptions } from './verify-bundle.js'
import { messageOf, type VerificationStep } from './verification-steps.js'

/** What the bill's steps already read of the bundle, so the claim's steps read nothing twice. */
export interface ParsedBundleParts {
  readonly bundle?: EblBundle
  readonly entries?: readonly (ParsedActionEntry | Error)[]
  readonly checkpoint?: Checkpoint
  readonly hashes?: BundleHashes
}

/**
 * Adds the emissions claim's steps to a bill's verification when the bundle carries a claim, and
 * the green-linked pledge's step when an action carries a green link (none otherwise): the
 * verification is `ok` only when the bill's steps and these all pass. A bundle that failed its
 * format step is not read further.
 */
export function withEmissionsClaim(
  verification: BundleVerification,
  { bundle, entries = [], checkpoint, hashes }: ParsedBundleParts,
  options: VerifyBundleOptions,
): BundleVerification {
  if (!bundle || !hashes) return verification
  const hasClaim = bundle.emissionsClaim !== undefined
  let outcome: ReturnType<typeof checkEmissionsClaim> = { results: new Map() }
  if (hasClaim) {
    try {
      outcome = checkEmissionsClaim(bundle.emissionsClaim, checkpoint, {
        hashes,
        ed25519: options.ed25519 ?? verifyEd25519,
        ...(options.trustedClaimKeys ? { trustedClaimKeys: options.trustedClaimKeys } : {}),
        ...(options.factorTables ? { factorTables: options.factorTables } : {}),
      })
    } catch (error) {
      outcome = {
        results: new Map([
          ['claimSignature', { status: 'fail', reason: `verifier error: ${messageOf(error)}` }],
        ]),
      }
    }
  }
  const added: VerificationStep[] = hasClaim
    ? CLAIM_STEPS.map((name) => ({
        name,
        ...(outcome.results.get(name) ?? { status: 'skip' as const, reason: 'not reached' }),
      }))
    : []
  const credential = bundle.emissionsClaim?.credential
  const green = checkGreenPledges({
    entries,
    billReference: bundle.document.transportDocumentReference,
    credential: typeof credential === 'string' ? credential : undefined,
    claim: outcome.claim,
    sha256: hashes.sha256,
  })
  if (green) added.push({ name: GREEN_PLEDGE_STEP, ...green })
  if (added.length === 0) return verification
  const steps = [...verification.steps, ...added]
  const firstFailure = steps.find((s) => s.status === 'fail')
  const ok = verification.ok && added.every((s) => s.status === 'pass')
  if (!ok) {
    const { title: _t, signerIdentities: _s, ...rest } = verification
    return { ...rest, ok, steps, ...(firstFailure ? { firstFailure } : {}) }
  }
  return { ...verification, steps, ...(outcome.claim ? { emissionsClaim: outcome.claim } : {}) }
}
