import { nodeEd25519Verify, nodeSha256 } from '@landsea/node/crypto'
import { verifyBundle } from '@landsea/core/verify'
import { buildClaimBundle } from '../packages/core/src/verify/fixtures/sample-claim.js'
import { round } from './stats.js'

const SECONDS = 1.5

async function rate(fn: () => Promise<unknown>): Promise<number> {
  // Warm-up, then the best of two timed runs (the machine is shared).
  for (let i = 0; i < 50; i++) await fn()
  let best = 0
  for (let r = 0; r < 2; r++) {
    let n = 0
    const start = performance.now()
    while (performance.now() - start < SECONDS * 1000) {
      for (let i = 0; i < 10; i++) await fn()
      n += 10
    }
    best = Math.max(best, (n * 1000) / (performance.now() - start))
  }
  return best
}

/**
 * Emissions claims verified per second offline, in the CLI's path (`landsea verify`: the bundle as
 * text, node:crypto SHA-256 and Ed25519): a one-action bill carrying a claim over the four events
 * of the corridor journey, against the same bill without the claim. Target ≥ 2,000/s on one core.
 */
export async function run(): Promise<void> {
  const { bundle } = await buildClaimBundle()
  const withClaim = JSON.stringify(bundle)
  const { emissionsClaim: _, ...bill } = bundle
  const without = JSON.stringify(bill)
  const options = { sha256: nodeSha256, ed25519: nodeEd25519Verify, witnessQuorum: 0 }
  const check = await verifyBundle(withClaim, options)
  if (!check.ok || !check.emissionsClaim)
    throw new Error(`the claim bundle does not verify: ${check.firstFailure?.reason}`)
  const full = await rate(() => verifyBundle(withClaim, options))
  const base = await rate(() => verifyBundle(without, options))
  // Time of the claim's steps alone: the difference of the two per-bundle times.
  const claimOnly = 1 / (1 / full - 1 / base)
  console.table([
    { case: 'bundle with claim (bill + 3 claim steps)', perSecond: round(full), target: '≥ 2,000' },
    { case: 'same bundle without the claim', perSecond: round(base), target: '' },
    { case: 'claim steps alone (derived)', perSecond: round(claimOnly), target: '' },
  ])
}
