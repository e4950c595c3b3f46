import { readFileSync } from 'node:fs'
import { fromBase64, initEd25519Verifier } from '@landsea/core/crypto'
import { documentChecksumOf } from '@landsea/core/privacy'
import {
  createEd25519NoteVerifier,
  openCheckpoint,
  parseCheckpoint,
  parseNote,
  parseVerifierKey,
  verifyConsistencyProof,
} from '@landsea/core/ledger'
import { parseBundle, verifyBundle, type BundleVerification } from '@landsea/core/verify'
import { Command, InvalidArgumentError } from 'commander'
import { CliError } from '../cli-error.js'
import { NATIVE_VERIFY_PRIMITIVES } from '@landsea/node/crypto'
import { print, table } from '../output.js'

/** The outcome of `--online`: is the bundle's checkpoint a prefix of the log now, and has the bill moved? */
export interface FreshnessCheck {
  readonly status: 'pass' | 'fail'
  readonly reason: string
  readonly latestTreeSize?: number
  readonly actionsNow?: number
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url)
  const body = (await response.json()) as { error?: { code: string; message: string } }
  if (!response.ok)
    throw new Error(`${url}: ${body.error?.code ?? response.status} ${body.error?.message ?? ''}`)
  return body
}

/**
 * Asks the node at `baseUrl` for its latest checkpoint and a consistency proof from the bundle's
 * checkpoint to it, and for the bill's current number of actions. Everything it answers is
 * checked against the keys in the bundle, never trusted.
 */
export async function checkFreshness(bundleText: string, baseUrl: string): Promise<FreshnessCheck> {
  try {
    const parsed = parseBundle(bundleText)
    if (!parsed.bundle) return { status: 'fail', reason: 'the bundle is malformed' }
    const { bundle } = parsed
    const base = baseUrl.replace(/\/$/, '')
    const logVerifier = createEd25519NoteVerifier(parseVerifierKey(bundle.logKey))
    const ours = parseCheckpoint(parseNote(bundle.checkpoint).text)
    const keys = (await getJson(`${base}/api/ledger/keys`)) as { origin: string; logKey: string }
    if (keys.logKey !== bundle.logKey) {
      return {
        status: 'fail',
        reason: `this node's log is not the bundle's log: ${base} runs ${keys.origin}, the bundle was logged by ${ours.origin}; ask the node that exported it`,
      }
    }
    const latest = (await getJson(`${base}/api/ledger/checkpoint`)) as { note: string }
    const theirs = openCheckpoint(latest.note, [logVerifier]).checkpoint
    if (theirs.origin !== ours.origin)
      return { status: 'fail', reason: `${base} runs log ${theirs.origin}, not ${ours.origin}` }
    if (theirs.treeSize < ours.treeSize) {
      return {
        status: 'fail',
        reason: `the node's latest checkpoint (${theirs.treeSize}) is older than the bundle's (${ours.treeSize})`,
      }
    }
    const proof = (await getJson(
      `${base}/api/ledger/proofs/consistency?from=${ours.treeSize}&to=${theirs.treeSize}`,
    )) as { hashes: string[] }
    const hashes = proof.hashes.map((h) => fromBase64(h))
    if (hashes.some((h) => !h))
      return { status: 'fail', reason: 'the consistency proof is not base64' }
    verifyConsistencyProof(
      { size1: ours.treeSize, size2: theirs.treeSize, hashes: hashes as Uint8Array[] },
      ours.rootHash,
      theirs.rootHash,
    )
    const checksum = documentChecksumOf(bundle.document, bundle.personalData?.fields)
    const head = (await getJson(`${base}/api/ledger/documents/${checksum}/head`)) as {
      actions: number
    }
    const moved = head.actions - bundle.actions.length
    return {
      status: moved === 0 ? 'pass' : 'fail',
      reason:
        `log grew consistently from ${ours.treeSize} to ${theirs.treeSize}; ` +
        (moved === 0
          ? 'the bill has not moved since'
          : `the bill has ${moved} newer action(s): fetch a new bundle`),
      latestTreeSize: theirs.treeSize,
      actionsNow: head.actions,
    }
  } catch (error) {
    return { status: 'fail', reason: error instanceof Error ? error.message : String(error) }
  }
}

function parseQuorum(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a quorum is a whole number')
  return n
}

const collect = (value: string, previous: string[] = []) => [...previous, value]

function render(result: BundleVerification, freshness: FreshnessCheck | undefined): string {
  const rows: string[][] = result.steps.map((s) => [
    s.status === 'pass' ? 'PASS' : s.status === 'fail' ? 'FAIL' : 'skip',
    s.name,
    s.reason,
  ])
  if (freshness)
    rows.push([freshness.status === 'pass' ? 'PASS' : 'FAIL', 'freshness', freshness.reason])
  const ok = result.ok && freshness?.status !== 'fail'
  const lines = [table(rows), '']
  if (result.title) {
    lines.push(
      `Title: ${result.title.status}; possessor ${result.title.possessor}; holder ${result.title.holder ?? '—'} (${result.title.actions} actions)`,
    )
  }
  if (result.asOf) {
    const by =
      result.asOf.cosignedBy.map((c) => `${c.name}${c.at ? ` at ${c.at}` : ''}`).join(', ') ||
      'nobody'
    lines.push(`As of: ${result.asOf.origin} tree size ${result.asOf.treeSize}, cosigned by ${by}`)
  }
  if (result.emissionsClaim) {
    const c = result.emissionsClaim
    lines.push(
      `Emissions claim: ${c.shipmentKey} ${c.co2eKg} kg CO2e (factor table ${c.factorTableVersion}), recomputed from ${c.events} ledgered events, issued by ${c.issuer}`,
    )
  }
  for (const signer of result.signerIdentities ?? []) {
    lines.push(`${signer.ok ? 'Signer' : 'Signer NOT VERIFIED'}: ${signer.summary}`)
  }
  lines.push(ok ? 'VALID' : `INVALID: ${result.firstFailure?.name ?? 'freshness'} failed`)
  return lines.join('\n')
}

/** `landsea verify`: check an eBL bundle offline (and optionally its freshness against the node). */
export function verifyCommand(): Command {
  return new Command('verify')
    .argument('<bundle>', 'bundle JSON file (from landsea ebl export or GET /api/ebl/{id}/bundle)')
    .option('--json', 'print the result as JSON')
    .option('--online <url>', 'also ask this node for a consistency proof to its latest checkpoint')
    .option('--log-key <vkey>', 'trust only this log verifier key (default: the key in the bundle)')
    .option('--witness-key <vkey>', 'count only these witnesses (repeatable)', collect)
    .option('--quorum <n>', 'cosignatures required', parseQuorum, 1)
    .option(
      '--trust-anchor <file>',
      'your trust anchor for signers’ credentials, JSON { jurisdiction, authority, publicJwk } (default: the bundle’s, not pinned)',
    )
    .option(
      '--identity-suite <alg>',
      'check identity evidence in these suites only (repeatable: EdDSA, ES256, SM2SM3): a dual signature is checked in the suites given and its other half skipped (the report names both); evidence signed only in another suite fails; default all three, every signature checked',
      collect,
    )
    .action(async (file: string, options) => {
      let bytes: Uint8Array
      try {
        bytes = readFileSync(file)
      } catch (cause) {
        throw new CliError(
          'VERIFY_FILE_UNREADABLE',
          `cannot read ${file}: ${(cause as Error).message}`,
        )
      }
      // Every Ed25519 check of the bundle goes through nodeEd25519Verify; libsodium's wasm, slow to
      // load, is only for the note checks of --online.
      if (options.online) await initEd25519Verifier()
      const result = await verifyBundle(bytes, {
        ...NATIVE_VERIFY_PRIMITIVES,
        witnessQuorum: options.quorum,
        ...(options.logKey ? { trustedLogKeys: [options.logKey] } : {}),
        ...(options.witnessKey ? { trustedWitnessKeys: options.witnessKey } : {}),
        ...(options.identitySuite ? { identityAlgorithms: options.identitySuite } : {}),
        ...(options.trustAnchor
          ? { identityAnchor: JSON.parse(readFileSync(options.trustAnchor, 'utf8')) }
          : {}),
      })
      const freshness = options.online
        ? await checkFreshness(new TextDecoder().decode(bytes), options.online)
        : undefined
      print(options.json, { ...result, ...(freshness ? { freshness } : {}) }, () =>
        render(result, freshness),
      )
      if (!result.ok || freshness?.status === 'fail') process.exitCode = 1
    })
}
