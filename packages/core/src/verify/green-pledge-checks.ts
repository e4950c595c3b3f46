import { sha256Hex, type Sha256 } from '../crypto/sha256.js'
import type { ParsedActionEntry } from '../ebl/action-entry.js'
import type { VerifiedEmissionsClaim } from './claim-checks.js'
import { fail, pass, type StepResult } from './verification-steps.js'

// A green-linked pledge (docs/emissions.md): a pledge entry whose signed payload cites the
// shipment's emissions claim by id and digest. Our extension, checked as a step of its own.

/** The step of a green-linked pledge, reported after the claim's when a pledge carries a link. */
export const GREEN_PLEDGE_STEP = 'greenPledge'

/** The name of {@link GREEN_PLEDGE_STEP}. */
export type GreenPledgeStepName = typeof GREEN_PLEDGE_STEP

/**
 * Checks every green-linked pledge of a bill: the cited claim is the one the bundle carries (same
 * `id`, SHA-256 of its `vc+jwt` equal to the cited digest), it verified in the claim's steps, and
 * it is the claim of this bill's shipment (its `shipmentKey` is the bill's reference). Returns
 * undefined when no action carries a green link (no step is reported then).
 */
export function checkGreenPledges({
  entries,
  billReference,
  credential,
  claim,
  sha256,
}: {
  entries: readonly (ParsedActionEntry | Error)[]
  billReference: unknown
  /** The `vc+jwt` of the bundle's claim, when it carries one. */
  credential: string | undefined
  /** What the claim states, when all its steps passed. */
  claim: VerifiedEmissionsClaim | undefined
  sha256: Sha256
}): StepResult | undefined {
  const linked = entries.flatMap((e, i) =>
    e instanceof Error || !e.payload.greenLink ? [] : [{ i, entry: e, link: e.payload.greenLink }],
  )
  if (linked.length === 0) return undefined
  const digest = credential === undefined ? undefined : sha256Hex(credential, sha256)
  for (const { i, entry, link } of linked) {
    const at = `action ${i} (pledge by ${entry.payload.actor})`
    if (credential === undefined)
      return fail(`${at} cites claim ${link.claimId}, the bundle carries no emissions claim`)
    if (digest !== link.claimDigest)
      return fail(`${at} cites a claim of digest ${link.claimDigest}, the bundle's is ${digest}`)
    if (!claim) return fail(`${at} cites a claim that does not verify`)
    if (claim.id !== link.claimId)
      return fail(`${at} cites claim ${link.claimId}, the bundle's is ${String(claim.id)}`)
    if (claim.shipmentKey !== billReference)
      return fail(
        `${at} cites the claim of shipment ${claim.shipmentKey}, not of this bill ${String(billReference)}`,
      )
  }
  return pass(
    `${linked.length === 1 ? 'the pledge is' : `${linked.length} pledges are`} green-linked to the verified claim of ${String(billReference)} (${claim!.co2eKg} kg CO2e)`,
  )
}
