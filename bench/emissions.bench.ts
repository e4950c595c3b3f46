import { loadavg } from 'node:os'
import { nodeEd25519Verify, nodeSha256 } from '@landsea/node/crypto'
import { verifyBundle } from '@landsea/core/verify'
import { parseCheckpoint } from '../packages/core/src/ledger/checkpoint.js'
import { parseNote } from '../packages/core/src/ledger/signed-note.js'
import { createBundleHashes } from '../packages/core/src/verify/bundle-hashes.js'
import { checkEmissionsClaim } from '../packages/core/src/verify/claim-checks.js'
import { buildClaimBundle } from '../packages/core/src/verify/fixtures/sample-claim.js'
import { mainThreadCpuMs, round } from './stats.js'

const SECONDS = 1.5
// The CPU clock ticks every 10 ms: measure at least 600 ms of CPU time (±2%), at most 20 s of wall.
const CPU_MS = 600
const MAX_SECONDS = 20

/**
 * Runs `fn` for at least SECONDS of wall time and CPU_MS of the main thread's CPU time, twice
 * after a warm-up, and gives the best rate per second of wall time and per second of CPU time: on
 * a shared machine the thread waits for a core, and only the CPU-time rate says what one core does.
 */
async function rate(fn: () => unknown): Promise<{ wall: number; cpu: number | undefined }> {
  for (let i = 0; i < 200; i++) await fn()
  let wall = 0
  let cpu: number | undefined
  for (let r = 0; r < 2; r++) {
    let n = 0
    const cpuStart = mainThreadCpuMs()
    const start = performance.now()
    const isMeasured = () => {
      const wallMs = performance.now() - start
      const cpuMs = cpuStart === undefined ? CPU_MS : (mainThreadCpuMs() ?? 0) - cpuStart
      return wallMs >= MAX_SECONDS * 1000 || (wallMs >= SECONDS * 1000 && cpuMs >= CPU_MS)
    }
    while (!isMeasured()) {
      for (let i = 0; i < 20; i++) await fn()
      n += 20
    }
    const elapsed = performance.now() - start
    const cpuEnd = mainThreadCpuMs()
    wall = Math.max(wall, (n * 1000) / elapsed)
    if (cpuStart !== undefined && cpuEnd !== undefined && cpuEnd > cpuStart)
      cpu = Math.max(cpu ?? 0, (n * 1000) / (cpuEnd - cpuStart))
  }
  return { wall, cpu }
}

/**
 * Emissions claims verified per second offline, in the CLI's path (`landsea verify`: the bundle as
 * text, node:crypto SHA-256 and libsodium/OpenSSL Ed25519): the claim's three steps alone over the
 * four events of the corridor journey (target ≥ 2,000/s on one core), then whole bundles: one
 * action with the claim and without it, and a green-linked pledge carrying the claim.
 */
export async function run(): Promise<void> {
  const { bundle } = await buildClaimBundle({ greenPledge: {} })
  const options = { sha256: nodeSha256, ed25519: nodeEd25519Verify, witnessQuorum: 0 }
  const withClaim = JSON.stringify(bundle)
  const check = await verifyBundle(withClaim, options)
  if (!check.ok || !check.emissionsClaim)
    throw new Error(`the claim bundle does not verify: ${check.firstFailure?.reason}`)
  const { bundle: plain } = await buildClaimBundle()
  const plainWithClaim = JSON.stringify(plain)
  const { emissionsClaim: _, ...bill } = plain
  const without = JSON.stringify(bill)

  const checkpoint = parseCheckpoint(parseNote(bundle.checkpoint).text)
  const claimSteps = await rate(() =>
    checkEmissionsClaim(bundle.emissionsClaim, checkpoint, {
      hashes: createBundleHashes(nodeSha256),
      ed25519: nodeEd25519Verify,
    }),
  )
  const green = await rate(() => verifyBundle(withClaim, options))
  const full = await rate(() => verifyBundle(plainWithClaim, options))
  const base = await rate(() => verifyBundle(without, options))
  const per = (r: { cpu: number | undefined }) => (r.cpu === undefined ? '—' : round(r.cpu))
  console.table([
    {
      case: 'claim steps alone (signature, 4 inclusions, recomputation)',
      perCpuSecond: per(claimSteps),
      perWallSecond: round(claimSteps.wall),
      target: '≥ 2,000 on one core',
    },
    {
      case: 'bundle: 1 action + claim (bill steps + 3 claim steps)',
      perCpuSecond: per(full),
      perWallSecond: round(full.wall),
      target: '',
    },
    {
      case: 'the same bundle without the claim',
      perCpuSecond: per(base),
      perWallSecond: round(base.wall),
      target: '',
    },
    {
      case: 'bundle: issue, endorse, green-linked pledge + claim (+ greenPledge)',
      perCpuSecond: per(green),
      perWallSecond: round(green.wall),
      target: '',
    },
  ])
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ' ',
      )}: per CPU second is the main thread's CPU time (one core); per wall second counts the waits for a core`,
  )
}
