import type { ClaimStepName } from './claim-checks.js'
import type { GreenPledgeStepName } from './green-pledge-checks.js'

/** The checks of `verifyBundle`, in the order they are reported. */
export const VERIFICATION_STEPS = [
  'format',
  'documentChecksum',
  'signatures',
  'chainLinkage',
  'titleRules',
  'inclusion',
  'checkpoint',
  'witnesses',
  'signerIdentity',
] as const

/** One of {@link VERIFICATION_STEPS}. */
export type VerificationStepName = (typeof VERIFICATION_STEPS)[number]

/** The outcome of one check, with a reason a person can read. */
export interface VerificationStep {
  /**
   * A bill's step, an emissions claim's (`CLAIM_STEPS`, only when the bundle carries one), or
   * `greenPledge` (only when a pledge carries a green link).
   */
  readonly name: VerificationStepName | ClaimStepName | GreenPledgeStepName
  readonly status: 'pass' | 'fail' | 'skip'
  readonly reason: string
}

/** The outcome of one step while it is computed. */
export type StepResult = { status: VerificationStep['status']; reason: string }

/** A passed step. */
export const pass = (reason: string): StepResult => ({ status: 'pass', reason })
/** A failed step. */
export const fail = (reason: string): StepResult => ({ status: 'fail', reason })
/** A step that could not run. */
export const skip = (reason: string): StepResult => ({ status: 'skip', reason })
/** The message of anything thrown. */
export const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e))
