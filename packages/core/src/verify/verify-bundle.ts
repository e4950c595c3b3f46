import { toBase64 } from '../crypto/base64.js'
import { verifyEd25519, type Ed25519Verify } from '../crypto/ed25519.js'
import { createDeferredEd25519, type Ed25519VerifyAsync } from '../crypto/ed25519-async.js'
import { createJwsVerifierSession } from '../crypto/jws-verifier.js'
import type { JwsHeader } from '../crypto/compact-jws.js'
import type { SigningAlgorithm } from '../crypto/signing-key.js'
import type { P256Verify } from '../crypto/p256-jws.js'
import type { Sha256 } from '../crypto/sha256.js'
import { parseActionEntry } from '../ebl/action-entry.js'
import { isCommitmentOnly } from '../privacy/commitments.js'
import type { TitleStatus } from '../ebl/title-state.js'
import type { SignerIdentity } from '../identity/signer-identity.js'
import type { TrustAnchor } from '../identity/trust-decision.js'
import type { Gunzip } from '../identity/status-list.js'
import { parseCheckpoint, type Checkpoint } from '../ledger/checkpoint.js'
import { parseNote, type Note } from '../ledger/signed-note.js'
import type { JWK } from 'jose'
import type { FactorTable } from '../emissions/factor-tables.js'
import { encodeActionBytes } from './action-bytes.js'
import { parseBundle } from './bundle.js'
import { withEmissionsClaim, type ParsedBundleParts } from './claim-verification.js'
import type { VerifiedEmissionsClaim } from './claim-checks.js'
import { createBundleHashes } from './bundle-hashes.js'
import {
  checkDocumentChecksum,
  checkLinkage,
  checkSignatures,
  checkTitleRules,
} from './chain-checks.js'
import { checkSignerIdentity } from './identity-checks.js'
import { checkCrossing, type CrossingSummary } from './crossing-checks.js'
import { checkCheckpointAndWitnesses, checkInclusion } from './log-checks.js'
import { createVerificationMemo, type VerificationMemo } from './verification-memo.js'
import {
  fail,
  messageOf,
  pass,
  skip,
  CROSSING_STEP,
  VERIFICATION_STEPS,
  type StepResult,
  type VerificationStep,
  type VerificationStepName,
} from './verification-steps.js'

/** The outcome of {@link verifyBundle}. `ok` only when every step passed. */
export interface BundleVerification {
  readonly ok: boolean
  readonly steps: readonly VerificationStep[]
  /** The first step that failed, to report a tampered bundle in one line. */
  readonly firstFailure?: VerificationStep
  /** The bill's title after the last action; only when `ok`. */
  readonly title?: {
    readonly status: TitleStatus
    readonly possessor: string
    readonly holder: string | null
    readonly actions: number
  }
  /** Who signed, by whose authority (identity evidence in `credentials`); only when `ok`. */
  readonly signerIdentities?: readonly SignerIdentity[]
  /** What the bundle's emissions claim states; only when `ok` and the bundle carries one. */
  readonly emissionsClaim?: VerifiedEmissionsClaim
  /** A multi-log bundle's journey across platforms and logs; only when `ok` and it has a crossing. */
  readonly crossing?: CrossingSummary
  /** The checkpoint the bundle is proved against: how fresh it is. */
  readonly asOf?: {
    readonly origin: string
    readonly treeSize: number
    readonly rootHash: string
    readonly cosignedBy: readonly { readonly name: string; readonly at: string | null }[]
  }
}

/** Verifier policy: which keys to trust beyond the ones the bundle carries. */
export interface VerifyBundleOptions {
  /**
   * When given, the bundle's log key must be one of these verifier keys, and so must the log key of
   * every other node's bundle a multi-log bundle carries.
   */
  readonly trustedLogKeys?: readonly string[]
  /** When given, only these witnesses count towards the quorum. */
  readonly trustedWitnessKeys?: readonly string[]
  /**
   * When given, each PINT chain entry of a multi-log bundle must be signed by one of these platform
   * keys (public JWKs); by default the platform keys the bundle carries are used (not pinned).
   */
  readonly trustedPlatformKeys?: readonly JWK[]
  /** Cosignatures required (of each log's checkpoint in a multi-log bundle); default 1. */
  readonly witnessQuorum?: number
  /** The verifier's own trust anchor for signers' credentials; default: the bundle's (not pinned). */
  readonly identityAnchor?: TrustAnchor
  /**
   * The signature suites this verifier requires of identity evidence (credentials, status lists,
   * trust lists, recognitions): a JWS in another suite fails the signerIdentity step. Default: all
   * Landsea supports (EdDSA, ES256, SM2SM3).
   */
  readonly identityAlgorithms?: readonly SigningAlgorithm[]
  /**
   * A platform's native SHA-256 (in Node: `(data) => hash('sha256', data, 'buffer')` from
   * `node:crypto`); default: the pure-JS one, which runs anywhere.
   */
  readonly sha256?: Sha256
  /**
   * A platform's Ed25519 verifier with the contract of `verifyEd25519` (in Node: OpenSSL through
   * `node:crypto`, wrapped by `createStrictEd25519Verifier`); default: `verifyEd25519`.
   */
  readonly ed25519?: Ed25519Verify
  /**
   * A platform's asynchronous Ed25519 verifier (in browsers: `createWebCryptoEd25519Verifier()`);
   * when given, it checks every Ed25519 signature and `ed25519` only answers what it did not see
   * (see {@link verifyBundle}).
   */
  readonly ed25519Async?: Ed25519VerifyAsync
  /**
   * A platform's synchronous P-256 verifier for ES256 identity evidence (in Node:
   * `nodeP256Verify`); default: WebCrypto through jose, asynchronous.
   */
  readonly p256?: P256Verify
  /**
   * A platform's synchronous GZIP decompressor for status lists (in Node: `nodeGunzip`); default:
   * `DecompressionStream`, asynchronous.
   */
  readonly gunzip?: Gunzip
  /** When given, an emissions claim must be signed by one of these Ed25519 public JWKs. */
  readonly trustedClaimKeys?: readonly JWK[]
  /** The factor tables a claim may name; default the ones this software holds (FACTOR_TABLES). */
  readonly factorTables?: Readonly<Record<string, FactorTable>>
}

function finish(
  results: Map<VerificationStepName, StepResult>,
  extra: Partial<BundleVerification>,
  crossing?: StepResult,
): BundleVerification {
  const steps: VerificationStep[] = VERIFICATION_STEPS.map((name) => ({
    name,
    ...(results.get(name) ?? skip('not reached')),
  }))
  if (crossing) steps.push({ name: CROSSING_STEP, ...crossing })
  const firstFailure = steps.find((s) => s.status === 'fail')
  const ok = steps.every((s) => s.status === 'pass')
  return {
    ok,
    steps,
    ...(firstFailure ? { firstFailure } : {}),
    ...(ok ? extra : { asOf: extra.asOf }),
  }
}

/**
 * Verifies an eBL bundle offline, as named steps: the document checksum, every signature, the
 * chain linkage, the title rules, each action's inclusion in the log, the log's checkpoint
 * signature, the witness quorum and the signers' identity evidence. The bundle is hostile input
 * (bytes, text or parsed JSON): nothing it contains makes this function throw; every problem is a
 * failed step with a reason.
 * Call `initEd25519Verifier()` from `@landsea/core/crypto` first for the fast signature path.
 */
export async function verifyBundle(
  input: unknown,
  options: VerifyBundleOptions = {},
): Promise<BundleVerification> {
  // A fresh memo per run: answers computed from the optimistic run's provisional "valid"
  // signatures must never reach the settled run.
  const run = (o: VerifyBundleOptions) =>
    verifyAtDepth(
      input,
      o,
      0,
      createVerificationMemo({
        ...(o.ed25519 ? { ed25519: o.ed25519 } : {}),
        ...(o.gunzip ? { gunzip: o.gunzip } : {}),
        jsonData: typeof input === 'string' || input instanceof Uint8Array,
      }),
    )
  const { ed25519Async, ...sync } = options
  if (!ed25519Async) return run(options)
  // The steps call Ed25519 synchronously. They run once with every well-formed signature taken
  // as valid while the asynchronous checks run beside them: if every check agrees, that run is
  // the verdict; if one does not (a tampered bundle), the steps run again on the checks' answers.
  const deferred = createDeferredEd25519(ed25519Async, sync.ed25519)
  const optimistic = await run({ ...sync, ed25519: deferred.optimistic })
  if (await deferred.allValid()) return optimistic
  return run({ ...sync, ed25519: deferred.settled })
}

/** A multi-log bundle nests the sending node's bundle; a bill crosses at most this many times. */
const MAX_CROSSINGS = 32

async function verifyAtDepth(
  input: unknown,
  options: VerifyBundleOptions,
  depth: number,
  memo: VerificationMemo,
): Promise<BundleVerification> {
  const results = new Map<VerificationStepName, StepResult>()
  const parts: { -readonly [K in keyof ParsedBundleParts]: ParsedBundleParts[K] } = {}
  try {
    return withEmissionsClaim(
      await runSteps(input, options, results, parts, depth, memo),
      parts,
      options,
    )
  } catch (error) {
    // Defence in depth: a bug must read as a failed verification, never as a pass or a crash.
    const running = VERIFICATION_STEPS.find((s) => !results.has(s)) ?? 'format'
    results.set(running, fail(`verifier error: ${messageOf(error)}`))
    return finish(results, {})
  }
}

async function runSteps(
  input: unknown,
  options: VerifyBundleOptions,
  results: Map<VerificationStepName, StepResult>,
  parts: { -readonly [K in keyof ParsedBundleParts]: ParsedBundleParts[K] },
  depth: number,
  memo: VerificationMemo,
): Promise<BundleVerification> {
  const {
    trustedLogKeys,
    trustedWitnessKeys,
    witnessQuorum = 1,
    identityAnchor,
    identityAlgorithms,
    sha256,
    ed25519 = verifyEd25519,
    p256,
    trustedPlatformKeys,
  } = options
  const parsed = parseBundle(input)
  if (!parsed.bundle) {
    const first = parsed.issues[0]!
    results.set('format', fail(`${first.path || 'bundle'}: ${first.message}`))
    return finish(results, {})
  }
  const bundle = parsed.bundle
  results.set('format', pass(`${bundle.actions.length} actions`))
  const hashes = createBundleHashes(sha256)
  parts.bundle = bundle
  parts.hashes = hashes

  const headers = new Map<string, JwsHeader>()
  const entries = bundle.actions.map((a) => {
    try {
      return parseActionEntry(a.jws, headers)
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error))
    }
  })

  parts.entries = entries
  // Each action's bytes, encoded once for its signature, its link and its leaf hash.
  const actionBytes = bundle.actions.map((a) => encodeActionBytes(a.jws))
  // A document is met again only in a multi-log bundle (each log's bundle carries it).
  const checksumOf =
    bundle.crossing || depth > 0 ? memo.documentChecksum : memo.documentChecksumOnce
  let documentChecksum: string | undefined
  try {
    documentChecksum = checksumOf(bundle.document, bundle.personalData?.fields, hashes.sha256)
  } catch (error) {
    results.set(
      'documentChecksum',
      fail(`the document cannot be canonicalised: ${messageOf(error)}`),
    )
  }
  if (documentChecksum)
    results.set('documentChecksum', checkDocumentChecksum(documentChecksum, entries))
  // PINT names a bill by DCSA's checksum of the document itself, not of its committed form
  // (docs/privacy.md): a crossing is checked against that one, which erased values leave unknown.
  const personalFields = bundle.personalData?.fields
  const pintChecksum =
    !documentChecksum || personalFields?.some(isCommitmentOnly)
      ? undefined
      : personalFields
        ? checksumOf(bundle.document, undefined, hashes.sha256)
        : documentChecksum
  const crossing = bundle.crossing
    ? depth >= MAX_CROSSINGS
      ? { result: fail(`more than ${MAX_CROSSINGS} crossings`), lastEntryChecksum: '' }
      : await checkCrossing(
          bundle.crossing,
          {
            documentChecksum: pintChecksum,
            document: bundle.document,
            personalFields,
            isToOrder: bundle.document.isToOrder === true,
            sha256: hashes.sha256,
            verifyPint: memo.verifyPint,
            peekPint: memo.peekPint,
            checksumOf: (document, sha) => memo.documentChecksum(document, undefined, sha),
            ...(trustedPlatformKeys ? { trustedPlatformKeys } : {}),
          },
          (sender) => verifyAtDepth(sender, options, depth + 1, memo),
        )
    : undefined
  let checkpoint: Checkpoint | undefined
  let note: Note | undefined
  try {
    note = parseNote(bundle.checkpoint)
    checkpoint = parseCheckpoint(note.text)
    parts.checkpoint = checkpoint
  } catch (error) {
    results.set('inclusion', fail(`no readable checkpoint: ${messageOf(error)}`))
  }
  // Every Ed25519 check back to back (the actions', the log's, the witnesses'), before the
  // hashing steps: measured ~3% faster per bundle than with the proofs in between, as the
  // verifier's code and tables stay in the CPU caches.
  results.set('signatures', await checkSignatures(bundle, entries, ed25519, p256, actionBytes))
  const cosigners =
    note && checkpoint
      ? checkCheckpointAndWitnesses(bundle, note, checkpoint, results, {
          trustedLogKeys,
          trustedWitnessKeys,
          witnessQuorum,
          ed25519,
        })
      : []
  if (!note || !checkpoint) {
    results.set('checkpoint', fail('the checkpoint is not a readable signed note'))
    results.set('witnesses', skip('no readable checkpoint'))
  }
  results.set(
    'chainLinkage',
    checkLinkage(bundle, entries, hashes.sha256, crossing?.lastEntryChecksum ?? null, actionBytes),
  )
  const rules = checkTitleRules(bundle, entries, results, crossing)
  results.set('titleRules', rules.result)
  if (checkpoint)
    results.set('inclusion', checkInclusion(bundle, checkpoint, hashes, undefined, actionBytes))

  const identity = await checkSignerIdentity(
    bundle,
    identityAnchor,
    createJwsVerifierSession({
      ...(identityAlgorithms ? { algorithms: identityAlgorithms } : {}),
      ed25519,
      ...(p256 ? { p256 } : {}),
      answers: memo.jws,
    }),
    { ed25519, ...(sha256 ? { sha256 } : {}) },
    memo,
  )
  results.set('signerIdentity', identity.result)
  const signerIdentities = identity.identities
  const state = rules.state
  return finish(
    results,
    {
      ...(crossing?.summary ? { crossing: crossing.summary } : {}),
      ...(signerIdentities ? { signerIdentities } : {}),
      ...(state
        ? {
            title: {
              status: state.status,
              possessor: state.possessor,
              holder: state.holder,
              actions: state.sequence,
            },
          }
        : {}),
      ...(checkpoint
        ? {
            asOf: {
              origin: checkpoint.origin,
              treeSize: checkpoint.treeSize,
              rootHash: toBase64(checkpoint.rootHash),
              cosignedBy: cosigners,
            },
          }
        : {}),
    },
    crossing?.result,
  )
}
