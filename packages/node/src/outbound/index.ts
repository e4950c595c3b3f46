import type { OutboundPolicy } from './address-policy.js'
import { createGuardedFetch, createGuardedTextFetch } from './guarded-fetch.js'

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

/**
 * The node's guarded clients under one policy: `fetch` answers a standard `Response` (webhooks,
 * did:web, status lists); `peers` only status and text, what PINT platforms and witnesses are read
 * by, without a web `Response` and its stream per exchange.
 */
export function createOutbound(policy: OutboundPolicy) {
  return { fetch: createGuardedFetch(policy), peers: createGuardedTextFetch(policy) }
}
