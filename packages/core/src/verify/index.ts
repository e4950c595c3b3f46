export {
  BUNDLE_FORMAT,
  parseBundle,
  type BundleAction,
  type BundleCrossing,
  type BundleSigner,
  type EblBundle,
} from './bundle.js'
export { createBundle, publicJwkMembers } from './create-bundle.js'
export { verifyBundle, type BundleVerification, type VerifyBundleOptions } from './verify-bundle.js'
export { type CrossingSummary } from './crossing-checks.js'
export {
  CROSSING_STEP,
  VERIFICATION_STEPS,
  type VerificationStep,
  type VerificationStepName,
} from './verification-steps.js'
export {
  CLAIM_STEPS,
  type BundleEmissionsClaim,
  type ClaimStepName,
  type VerifiedEmissionsClaim,
} from './claim-checks.js'
export { GREEN_PLEDGE_STEP, type GreenPledgeStepName } from './green-pledge-checks.js'
