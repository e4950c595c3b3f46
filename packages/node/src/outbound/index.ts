export { refusalOf, type OutboundPolicy } from './address-policy.js'
export {
  createGuardedFetch,
  createGuardedRequest,
  createGuardedTextFetch,
  OutboundRefusedError,
  type GuardedAnswer,
  type GuardedFetchOptions,
  type GuardedInit,
} from './guarded-fetch.js'

/**
 * The operator's outbound allowances from `LANDSEA_OUTBOUND_ALLOW`, a comma list of `loopback`
 * and `private` (docs/deploy.md); by default the node reaches public addresses only.
 */
export function outboundPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): {
  allowLoopback: boolean
  allowPrivate: boolean
} {
  const allowed = new Set((env.LANDSEA_OUTBOUND_ALLOW ?? '').split(',').map((s) => s.trim()))
  return { allowLoopback: allowed.has('loopback'), allowPrivate: allowed.has('private') }
}
