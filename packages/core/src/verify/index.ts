export {
  BUNDLE_FORMAT,
  parseBundle,
  type BundleAction,
  type BundleSigner,
  type EblBundle,
} from './bundle.js'
export { createBundle, publicJwkMembers } from './create-bundle.js'
export { verifyBundle, type BundleVerification, type VerifyBundleOptions } from './verify-bundle.js'
export {
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
