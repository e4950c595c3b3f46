import { verifyEd25519 } from '../crypto/ed25519.js'
import { parseCheckpoint } from '../ledger/checkpoint.js'
import { parseNote } from '../ledger/signed-note.js'
import { createBundleHashes } from './bundle-hashes.js'
import { CLAIM_STEPS, checkEmissionsClaim } from './claim-checks.js'
import type { BundleVerification, VerifyBundleOptions } from './verify-bundle.js'
import { messageOf } from './verification-steps.js'

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function parsedInput(input: unknown): unknown {
  try {
    if (input instanceof Uint8Array)
      return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(input))
    if (typeof input === 'string') return JSON.parse(input)
  } catch {
    return undefined
  }
  return input
}

/**
 * Adds the emissions claim's steps to a bill's verification when the bundle carries a claim (none
 * otherwise): the verification is `ok` only when the bill's steps and the claim's all pass. A
 * bundle that failed its format step is not read further.
 */
export function withEmissionsClaim(
  input: unknown,
  verification: BundleVerification,
  options: VerifyBundleOptions,
): BundleVerification {
  const format = verification.steps.find((s) => s.name === 'format')
  if (format?.status !== 'pass') return verification
  const bundle = parsedInput(input)
  if (!isObject(bundle) || !('emissionsClaim' in bundle)) return verification
  let checkpoint
  try {
    checkpoint = parseCheckpoint(parseNote(String(bundle.checkpoint)).text)
  } catch {
    checkpoint = undefined
  }
  let outcome: ReturnType<typeof checkEmissionsClaim>
  try {
    outcome = checkEmissionsClaim(bundle.emissionsClaim, checkpoint, {
      hashes: createBundleHashes(options.sha256),
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
  const claimSteps = CLAIM_STEPS.map((name) => ({
    name,
    ...(outcome.results.get(name) ?? { status: 'skip' as const, reason: 'not reached' }),
  }))
  const steps = [...verification.steps, ...claimSteps]
  const firstFailure = steps.find((s) => s.status === 'fail')
  const ok = verification.ok && claimSteps.every((s) => s.status === 'pass')
  if (!ok) {
    const { title: _t, signerIdentities: _s, ...rest } = verification
    return { ...rest, ok, steps, ...(firstFailure ? { firstFailure } : {}) }
  }
  return { ...verification, steps, ...(outcome.claim ? { emissionsClaim: outcome.claim } : {}) }
}
