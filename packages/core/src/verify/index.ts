export {
  BUNDLE_FORMAT,
  parseBundle,
  type BundleAction,
  type BundleSigner,
  type EblBundle,
} from './bundle.js'
export { createBundle, publicJwkMembers } from './create-bundle.js'
export {
  verifyBundle,
  VERIFICATION_STEPS,
  type BundleVerification,
  type VerificationStep,
  type VerificationStepName,
  type VerifyBundleOptions,
} from './verify-bundle.js'
