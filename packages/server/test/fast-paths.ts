import { parseStrictJson } from '@landsea/core/crypto'
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

/** A report's JSON with the verification's own time (a reason may say "at <now>") left out. */
const withoutNow = (report: BundleVerification) =>
  JSON.stringify(report).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, (iso) =>
    Math.abs(Date.parse(iso) - Date.now()) < 600_000 ? '(now)' : iso,
  )

/**
 * Flips one bit of every `every`-th byte of a bundle's JSON text and verifies each text that still
 * parses strictly in two ways: as text (the memo shares the checksums of nested bundles' equal
 * documents by their JSON text) and as the parsed object (each checksum computed alone). The
 * reports must be identical, member for member, and some flips must fail.
 */
export async function expectTextAgreesWithObjectOnFlips(
  bundle: unknown,
  options: VerifyBundleOptions,
  every: number,
): Promise<void> {
  const text = JSON.stringify(bundle)
  let failed = 0
  let compared = 0
  for (let index = -1; index < text.length; index += every) {
    const mutated =
      index < 0
        ? text
        : text.slice(0, index) +
          String.fromCharCode(text.charCodeAt(index) ^ 0x01) +
          text.slice(index + 1)
    const parsed = parseStrictJson(mutated)
    if (parsed.error) continue
    const asText = await verifyBundle(mutated, { ...options, ...NATIVE })
    const asObject = await verifyBundle(parsed.value, { ...options, ...NATIVE })
    expect(withoutNow(asText)).toBe(withoutNow(asObject))
    compared++
    if (!asText.ok) failed++
  }
  expect(compared).toBeGreaterThan(text.length / every / 2)
  expect(failed).toBeGreaterThan(0)
}
