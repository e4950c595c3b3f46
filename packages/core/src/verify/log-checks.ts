import { fromBase64 } from '../crypto/base64.js'
import type { Ed25519Verify } from '../crypto/ed25519.js'
import type { Checkpoint } from '../ledger/checkpoint.js'
import { cosignatureTimestamp, createCosignatureVerifier } from '../ledger/cosignature.js'
import { createInclusionProofVerifier } from '../ledger/inclusion-proof-set.js'
import { encodeLeaf } from '../ledger/leaf-envelope.js'
import {
  createEd25519NoteVerifier,
  parseVerifierKey,
  type NotePublicKey,
} from '../ledger/note-keys.js'
import { NOTE_SIGNATURE_TYPE, type Note, type NoteVerifier } from '../ledger/signed-note.js'
import type { ActionBytes } from './action-bytes.js'
import type { EblBundle } from './bundle.js'
import type { BundleHashes } from './bundle-hashes.js'
import {
  fail,
  messageOf,
  pass,
  type StepResult,
  type VerificationStepName,
} from './verification-steps.js'

// The steps over the log: inclusion, checkpoint, witnesses.

/** Which log and witness keys a verifier trusts, and how many cosignatures it needs. */
export interface LogPolicy {
  readonly trustedLogKeys?: readonly string[]
  readonly trustedWitnessKeys?: readonly string[]
  readonly witnessQuorum: number
  /** The Ed25519 verifier to check the log's signature and the cosignatures with. */
  readonly ed25519: Ed25519Verify
}

/**
 * The `inclusion` step. Every action's RFC 9162 proof is checked to the checkpoint; proofs that
 * meet a path already proved share its upper walk, with the per-leaf answer
 * (`createInclusionProofVerifier`).
 */
export function checkInclusion(
  bundle: EblBundle,
  checkpoint: Checkpoint,
  hashes: BundleHashes,
  /** The proofs' verifier: the shared walk, or in tests the per-leaf reference. */
  createVerifier = createInclusionProofVerifier,
  /** The actions' bytes, encoded once per verification (`encodeActionBytes`). */
  actionBytes?: readonly (ActionBytes | undefined)[],
): StepResult {
  const verify = createVerifier(checkpoint, hashes.hashChildren)
  for (const [i, action] of bundle.actions.entries()) {
    const proof = action.inclusionProof.map((h) => fromBase64(h))
    if (proof.some((h) => h === undefined)) return fail(`action ${i}: a proof hash is not base64`)
    try {
      const encoded = actionBytes?.[i]
      const leafHash = encoded
        ? hashes.sha256(encoded.leafHashInput)
        : hashes.hashLeaf(encodeLeaf({ type: 'ebl-action', body: action.jws }))
      verify(
        {
          leafIndex: action.leafIndex,
          treeSize: checkpoint.treeSize,
          hashes: proof as Uint8Array[],
        },
        leafHash,
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
// deriving its key ID costs SHA-256 runs. The cache holds public keys only, keyed by their text
// (per Ed25519 verifier, which the note verifiers close over).
type CachedVerifier = { key: NotePublicKey; verifier: NoteVerifier }
const noteVerifiers = new WeakMap<Ed25519Verify, Map<string, CachedVerifier>>()
function noteVerifierFor(vkey: string, verify: Ed25519Verify): CachedVerifier {
  let cache = noteVerifiers.get(verify)
  if (!cache) noteVerifiers.set(verify, (cache = new Map()))
  let entry = cache.get(vkey)
  if (!entry) {
    const key = parseVerifierKey(vkey)
    const verifier =
      key.type === NOTE_SIGNATURE_TYPE.cosignatureV1
        ? createCosignatureVerifier({ ...key, verify })
        : createEd25519NoteVerifier({ ...key, verify })
    entry = { key, verifier }
    if (cache.size >= 64) cache.clear()
    cache.set(vkey, entry)
  }
  return entry
}

/** The `checkpoint` and `witnesses` steps; returns who cosigned when. */
export function checkCheckpointAndWitnesses(
  bundle: EblBundle,
  note: Note,
  checkpoint: Checkpoint,
  results: Map<VerificationStepName, StepResult>,
  policy: LogPolicy,
): { name: string; at: string | null }[] {
  const cosigners: { name: string; at: string | null }[] = []
  let logSignatureLine = -1
  try {
    const { key, verifier } = noteVerifierFor(bundle.logKey, policy.ed25519)
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
      const { key, verifier } = noteVerifierFor(vkey, policy.ed25519)
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
