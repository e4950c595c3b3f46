import type { JWK } from 'jose'
import { fromBase64, toBase64 } from '../crypto/base64.js'
import { verifyCompactJws } from '../crypto/compact-jws.js'
import { SM2_JOSE_ALG, SM2_JWK_CRV } from '../crypto/sm2-jwk.js'
import { ed25519PublicKeyFromJwk, verifyEd25519Jws } from '../crypto/ed25519-jws.js'
import type { PublicSigningKey } from '../crypto/signing-key.js'
import {
  computeDocumentChecksum,
  computeEntryChecksum,
  parseActionEntry,
  type ParsedActionEntry,
} from '../ebl/action-entry.js'
import { EblError } from '../ebl/ebl-error.js'
import { titleStateForDocument } from '../ebl/replay-title-chain.js'
import { applyTitleAction, type TitleState, type TitleStatus } from '../ebl/title-state.js'
import type { TransportDocument } from '../ebl/transport-document.js'
import { parseCheckpoint, type Checkpoint } from '../ledger/checkpoint.js'
import { cosignatureTimestamp, createCosignatureVerifier } from '../ledger/cosignature.js'
import { verifyInclusionProof } from '../ledger/inclusion-proof.js'
import { encodeLeaf } from '../ledger/leaf-envelope.js'
import { hashLeaf } from '../ledger/merkle-hash.js'
import {
  createEd25519NoteVerifier,
  parseVerifierKey,
  type NotePublicKey,
} from '../ledger/note-keys.js'
import {
  NOTE_SIGNATURE_TYPE,
  parseNote,
  type Note,
  type NoteVerifier,
} from '../ledger/signed-note.js'
import { parseBundle, type EblBundle } from './bundle.js'
import { verifySignerIdentities, type SignerIdentity } from '../identity/signer-identity.js'
import type { TrustAnchor } from '../identity/trust-decision.js'

/** The checks of {@link verifyBundle}, in the order they are reported. */
export const VERIFICATION_STEPS = [
  'format',
  'documentChecksum',
  'signatures',
  'chainLinkage',
  'titleRules',
  'inclusion',
  'checkpoint',
  'witnesses',
] as const

/** One of {@link VERIFICATION_STEPS}. */
export type VerificationStepName = (typeof VERIFICATION_STEPS)[number]

/** The outcome of one check, with a reason a person can read. */
export interface VerificationStep {
  readonly name: VerificationStepName
  readonly status: 'pass' | 'fail' | 'skip'
  readonly reason: string
}

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
  /** When given, the bundle's log key must be one of these verifier keys. */
  readonly trustedLogKeys?: readonly string[]
  /** When given, only these witnesses count towards the quorum. */
  readonly trustedWitnessKeys?: readonly string[]
  /** Cosignatures required; default 1. */
  readonly witnessQuorum?: number
  /** The verifier's own trust anchor for signers' credentials; default: the bundle's (not pinned). */
  readonly identityAnchor?: TrustAnchor
}

type StepResult = { status: VerificationStep['status']; reason: string }
const pass = (reason: string): StepResult => ({ status: 'pass', reason })
const fail = (reason: string): StepResult => ({ status: 'fail', reason })
const skip = (reason: string): StepResult => ({ status: 'skip', reason })
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e))

function finish(
  results: Map<VerificationStepName, StepResult>,
  extra: Partial<BundleVerification>,
): BundleVerification {
  const steps = VERIFICATION_STEPS.map((name) => ({
    name,
    ...(results.get(name) ?? skip('not reached')),
  }))
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
 * signature and the witness quorum. The bundle is hostile input (bytes, text or parsed JSON):
 * nothing it contains makes this function throw; every problem is a failed step with a reason.
 * Call `initEd25519Verifier()` from `@landsea/core/crypto` first for the fast signature path.
 */
export async function verifyBundle(
  input: unknown,
  options: VerifyBundleOptions = {},
): Promise<BundleVerification> {
  const results = new Map<VerificationStepName, StepResult>()
  try {
    return await runSteps(input, options, results)
  } catch (error) {
    // Defence in depth: a bug must read as a failed verification, never as a pass or a crash.
    const running = VERIFICATION_STEPS.find((s) => !results.has(s)) ?? 'format'
    results.set(running, fail(`verifier error: ${messageOf(error)}`))
    return finish(results, {})
  }
}

async function runSteps(
  input: unknown,
  { trustedLogKeys, trustedWitnessKeys, witnessQuorum = 1, identityAnchor }: VerifyBundleOptions,
  results: Map<VerificationStepName, StepResult>,
): Promise<BundleVerification> {
  const parsed = parseBundle(input)
  if (!parsed.bundle) {
    const first = parsed.issues[0]!
    results.set('format', fail(`${first.path || 'bundle'}: ${first.message}`))
    return finish(results, {})
  }
  const bundle = parsed.bundle
  results.set('format', pass(`${bundle.actions.length} actions`))

  const entries = bundle.actions.map((a) => {
    try {
      return parseActionEntry(a.jws)
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error))
    }
  })

  let documentChecksum: string | undefined
  try {
    documentChecksum = computeDocumentChecksum(bundle.document)
  } catch (error) {
    results.set(
      'documentChecksum',
      fail(`the document cannot be canonicalised: ${messageOf(error)}`),
    )
  }
  if (documentChecksum)
    results.set('documentChecksum', checkDocumentChecksum(documentChecksum, entries))
  results.set('signatures', await checkSignatures(bundle, entries))
  results.set('chainLinkage', checkLinkage(bundle, entries))
  const rules = checkTitleRules(bundle, entries, results)
  results.set('titleRules', rules.result)

  let checkpoint: Checkpoint | undefined
  let note: Note | undefined
  try {
    note = parseNote(bundle.checkpoint)
    checkpoint = parseCheckpoint(note.text)
  } catch (error) {
    results.set('inclusion', fail(`no readable checkpoint: ${messageOf(error)}`))
  }
  if (checkpoint) results.set('inclusion', checkInclusion(bundle, checkpoint))
  const cosigners =
    note && checkpoint
      ? checkCheckpointAndWitnesses(bundle, note, checkpoint, results, {
          trustedLogKeys,
          trustedWitnessKeys,
          witnessQuorum,
        })
      : []
  if (!note || !checkpoint) {
    results.set('checkpoint', fail('the checkpoint is not a readable signed note'))
    results.set('witnesses', skip('no readable checkpoint'))
  }

  const state = rules.state
  const signerIdentities =
    bundle.credentials.length > 0
      ? await verifySignerIdentities(
          bundle.credentials,
          bundle.signers,
          identityAnchor ? { anchor: identityAnchor } : {},
        )
      : undefined
  return finish(results, {
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
  })
}

function checkDocumentChecksum(
  checksum: string,
  entries: readonly (ParsedActionEntry | Error)[],
): StepResult {
  let unreadable = -1
  for (const [i, entry] of entries.entries()) {
    // An unreadable action fails the signatures step; here it can only be skipped.
    if (entry instanceof Error) {
      if (unreadable < 0) unreadable = i
      continue
    }
    if (entry.payload.documentChecksum !== checksum) {
      return fail(
        `action ${i} signs document ${entry.payload.documentChecksum}, the bundle holds ${checksum}`,
      )
    }
  }
  if (unreadable >= 0) return skip(`action ${unreadable} is unreadable (see signatures)`)
  return pass(`every action signs document ${checksum}`)
}

function resolveSigner(
  bundle: EblBundle,
  organisationId: string,
  kid: string,
): PublicSigningKey | undefined {
  const signer = bundle.signers.find((s) => s.kid === `${organisationId}#${kid}`)
  if (!signer) return undefined
  const { kty, crv } = signer.publicJwk
  return {
    kid,
    alg: kty === 'OKP' ? 'EdDSA' : crv === SM2_JWK_CRV ? SM2_JOSE_ALG : 'ES256',
    publicJwk: signer.publicJwk,
  }
}

/**
 * Verifies a JWS: synchronously with the fast verifier for Ed25519; through `verifyCompactJws`
 * for ES256 and the SM2SM3 suite, which also checks that the key type fits the algorithm.
 */
function verifyAnyJws(jws: string, jwk: JWK): void | Promise<unknown> {
  const ed25519 = ed25519PublicKeyFromJwk(jwk)
  if (ed25519) {
    verifyEd25519Jws(jws, ed25519)
    return
  }
  return verifyCompactJws(jws, jwk, { algorithms: ['ES256', SM2_JOSE_ALG] })
}

async function checkSignatures(
  bundle: EblBundle,
  entries: readonly (ParsedActionEntry | Error)[],
): Promise<StepResult> {
  const used = new Set<string>()
  for (const [i, entry] of entries.entries()) {
    if (entry instanceof Error)
      return fail(`action ${i} is not a well-formed signed action: ${entry.message}`)
    if (entry.signerOrganisationId !== entry.payload.actor)
      return fail(`action ${i} is not signed by its actor`)
    const key = resolveSigner(bundle, entry.signerOrganisationId, entry.signerKid)
    if (!key)
      return fail(
        `action ${i}: the bundle has no key ${entry.signerOrganisationId}#${entry.signerKid}`,
      )
    try {
      const pending = verifyAnyJws(entry.jws, key.publicJwk)
      if (pending) await pending
    } catch (error) {
      return fail(
        `action ${i}: the signature of ${entry.signerOrganisationId} does not verify (${messageOf(error)})`,
      )
    }
    used.add(`${entry.signerOrganisationId}#${entry.signerKid}`)
  }
  const unused = bundle.signers.find((s) => !used.has(s.kid))
  if (unused || used.size !== bundle.signers.length)
    return fail(`signer ${unused?.kid ?? '?'} signed nothing`)
  return pass(`${entries.length} signatures by ${used.size} keys verify`)
}

function checkLinkage(
  bundle: EblBundle,
  entries: readonly (ParsedActionEntry | Error)[],
): StepResult {
  let unreadable = -1
  for (const [i, entry] of entries.entries()) {
    if (entry instanceof Error) {
      if (unreadable < 0) unreadable = i
      continue
    }
    const previous = i === 0 ? null : computeEntryChecksum(bundle.actions[i - 1]!.jws)
    if (entry.payload.previousEntryChecksum !== previous) {
      return fail(
        `action ${i} does not link to ${i === 0 ? 'nothing (it must be first)' : `action ${i - 1}`}`,
      )
    }
  }
  if (unreadable >= 0) return skip(`action ${unreadable} is unreadable (see signatures)`)
  return pass('each action carries the SHA-256 of the one before')
}

/**
 * Applies the title rules to the chain with `applyTitleAction`, the same pure function the node's
 * `replayTitleChain` uses, reusing the entries parsed once above: parsing and hashing each action
 * a second time would cost a third of the verification budget.
 */
function checkTitleRules(
  bundle: EblBundle,
  entries: readonly (ParsedActionEntry | Error)[],
  results: ReadonlyMap<VerificationStepName, StepResult>,
): { result: StepResult; state?: TitleState } {
  const broken = (['documentChecksum', 'signatures', 'chainLinkage'] as const).find(
    (name) => results.get(name)?.status !== 'pass',
  )
  if (broken) return { result: skip(`the rules apply to a chain that passes ${broken}`) }
  let state: TitleState
  try {
    state = titleStateForDocument(bundle.document as unknown as TransportDocument)
  } catch (error) {
    return { result: fail(`the document names no issuing carrier: ${messageOf(error)}`) }
  }
  for (const [i, entry] of entries.entries()) {
    const p = (entry as ParsedActionEntry).payload
    try {
      state = applyTitleAction(state, {
        action: p.action,
        actor: p.actor,
        recipient: p.recipient,
        ...(p.pledge ? { pledge: p.pledge } : {}),
        ...(p.reasonCode ? { reasonCode: p.reasonCode } : {}),
      })
    } catch (error) {
      const code = error instanceof EblError ? ` (${error.code})` : ''
      return { result: fail(`action ${i} (${p.action} by ${p.actor}): ${messageOf(error)}${code}`) }
    }
  }
  return { result: pass(`${entries.length} actions follow the title rules`), state }
}

function checkInclusion(bundle: EblBundle, checkpoint: Checkpoint): StepResult {
  for (const [i, action] of bundle.actions.entries()) {
    const hashes = action.inclusionProof.map((h) => fromBase64(h))
    if (hashes.some((h) => h === undefined)) return fail(`action ${i}: a proof hash is not base64`)
    try {
      const leafHash = hashLeaf(encodeLeaf({ type: 'ebl-action', body: action.jws }))
      verifyInclusionProof(
        {
          leafIndex: action.leafIndex,
          treeSize: checkpoint.treeSize,
          hashes: hashes as Uint8Array[],
        },
        leafHash,
        checkpoint.rootHash,
      )
    } catch (error) {
      return fail(
        `action ${i} (leaf ${action.leafIndex}) is not proved in the log: ${messageOf(error)}`,
      )
    }
  }
  return pass(`${bundle.actions.length} actions are in the log at tree size ${checkpoint.treeSize}`)
}

// Verifier keys repeat from bundle to bundle (one log, a few witnesses), and parsing one and
// deriving its key ID costs SHA-256 runs. The cache holds public keys only, keyed by their text.
const noteVerifiers = new Map<string, { key: NotePublicKey; verifier: NoteVerifier }>()
function noteVerifierFor(vkey: string): { key: NotePublicKey; verifier: NoteVerifier } {
  let entry = noteVerifiers.get(vkey)
  if (!entry) {
    const key = parseVerifierKey(vkey)
    const verifier =
      key.type === NOTE_SIGNATURE_TYPE.cosignatureV1
        ? createCosignatureVerifier(key)
        : createEd25519NoteVerifier(key)
    entry = { key, verifier }
    if (noteVerifiers.size >= 64) noteVerifiers.clear()
    noteVerifiers.set(vkey, entry)
  }
  return entry
}

function checkCheckpointAndWitnesses(
  bundle: EblBundle,
  note: Note,
  checkpoint: Checkpoint,
  results: Map<VerificationStepName, StepResult>,
  policy: Required<Pick<VerifyBundleOptions, 'witnessQuorum'>> & VerifyBundleOptions,
): { name: string; at: string | null }[] {
  const cosigners: { name: string; at: string | null }[] = []
  let logSignatureLine = -1
  try {
    const { key, verifier } = noteVerifierFor(bundle.logKey)
    if (key.type !== NOTE_SIGNATURE_TYPE.ed25519)
      throw new Error('the log key is not an Ed25519 note key')
    logSignatureLine = note.signatures.findIndex(
      (s) => s.name === verifier.name && s.keyId === verifier.keyId,
    )
    const trusted = policy.trustedLogKeys
    if (key.name !== checkpoint.origin)
      results.set('checkpoint', fail(`the log key is for ${key.name}, not ${checkpoint.origin}`))
    else if (trusted && !trusted.includes(bundle.logKey))
      results.set('checkpoint', fail(`the log key of ${key.name} is not trusted`))
    else if (logSignatureLine < 0)
      results.set('checkpoint', fail('the log did not sign the checkpoint'))
    else if (!verifier.verify(note.text, note.signatures[logSignatureLine]!.signature)) {
      results.set('checkpoint', fail('the log signature does not verify'))
    } else {
      const source = trusted ? 'a trusted key' : 'the key in the bundle (pass --log-key to pin it)'
      results.set(
        'checkpoint',
        pass(`${checkpoint.origin} signed tree size ${checkpoint.treeSize} with ${source}`),
      )
    }
  } catch (error) {
    results.set('checkpoint', fail(`the log key is unusable: ${messageOf(error)}`))
  }

  const counted = new Set<number>([logSignatureLine])
  try {
    let valid = 0
    // A witness listed twice must not count twice towards the quorum.
    if (new Set(bundle.witnessKeys).size !== bundle.witnessKeys.length) {
      throw new Error('a witness is listed twice')
    }
    for (const vkey of bundle.witnessKeys) {
      const { key, verifier } = noteVerifierFor(vkey)
      if (key.type !== NOTE_SIGNATURE_TYPE.cosignatureV1)
        throw new Error(`${key.name} is not a cosignature key`)
      const line = note.signatures.findIndex(
        (s) => s.name === verifier.name && s.keyId === verifier.keyId,
      )
      if (line < 0) throw new Error(`${key.name} has no cosignature on the checkpoint`)
      const signature = note.signatures[line]!.signature
      if (!verifier.verify(note.text, signature))
        throw new Error(`the cosignature of ${key.name} does not verify`)
      counted.add(line)
      const at = cosignatureTimestamp(signature)
      cosigners.push({
        name: key.name,
        at: at === undefined ? null : new Date(at * 1000).toISOString(),
      })
      if (!policy.trustedWitnessKeys || policy.trustedWitnessKeys.includes(vkey)) valid++
    }
    // Every signature line must belong to a key the bundle names: no byte goes unchecked.
    if (counted.size !== note.signatures.length)
      throw new Error('the checkpoint carries signatures of unknown keys')
    if (valid < policy.witnessQuorum) {
      results.set(
        'witnesses',
        fail(`${valid} trusted cosignatures, ${policy.witnessQuorum} required`),
      )
    } else {
      const names = cosigners.map((c) => c.name).join(', ')
      results.set(
        'witnesses',
        pass(
          `${valid} of ${policy.witnessQuorum} required cosignatures${names ? ` (${names})` : ''}`,
        ),
      )
    }
  } catch (error) {
    results.set('witnesses', fail(messageOf(error)))
  }
  return cosigners
}
