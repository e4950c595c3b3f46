import {
  verifyBundle,
  type BundleVerification,
  type VerifyBundleOptions,
} from '@landsea/core/verify'
import { NATIVE_VERIFY_PRIMITIVES } from '@landsea/node/crypto'
import { expect } from 'vitest'

// The CLI's fast verification paths (native primitives, one memo shared by the bundles a
// multi-log bundle nests) must give the reference paths' verdict, step by step.

const NATIVE: VerifyBundleOptions = NATIVE_VERIFY_PRIMITIVES

const outcome = (result: BundleVerification) =>
  result.steps.map((step) => `${step.name}:${step.status}`).join(' ')

/** Verifies by the reference paths, checks the fast paths agree, and returns the reference verdict. */
export async function verifyBothWays(
  bundle: unknown,
  options: VerifyBundleOptions = {},
): Promise<BundleVerification> {
  const reference = await verifyBundle(bundle, options)
  const fast = await verifyBundle(bundle, { ...options, ...NATIVE })
  expect(outcome(fast)).toBe(outcome(reference))
  return reference
}

/**
 * Flips one bit of every `every`-th byte of a bundle's JSON text: the two paths must agree on each,
 * and some flips must fail (else the flips did not reach what the verifier checks).
 */
export async function expectAgreementOnFlips(
  bundle: unknown,
  options: VerifyBundleOptions,
  every: number,
): Promise<void> {
  const bytes = new TextEncoder().encode(JSON.stringify(bundle))
  let failed = 0
  for (let index = 0; index < bytes.length; index += every) {
    const mutated = bytes.slice()
    mutated[index] = mutated[index]! ^ 0x01
    if (!(await verifyBothWays(mutated, options)).ok) failed++
  }
  expect(failed).toBeGreaterThan(0)
}
