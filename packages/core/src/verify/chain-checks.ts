import type { JWK } from 'jose'
import { verifyCompactJws } from '../crypto/compact-jws.js'
import { verifyP256Jws, type P256Verify } from '../crypto/p256-jws.js'
import type { Ed25519Verify } from '../crypto/ed25519.js'
import { createEd25519JwsVerifier, ed25519PublicKeyFromJwk } from '../crypto/ed25519-jws.js'
import { sha256Hex, type Sha256 } from '../crypto/sha256.js'
import type { PublicSigningKey } from '../crypto/signing-key.js'
import { SM2_JOSE_ALG, SM2_JWK_CRV } from '../crypto/sm2-jwk.js'
import { computeEntryChecksum, type ParsedActionEntry } from '../ebl/action-entry.js'
import { EblError } from '../ebl/ebl-error.js'
import { titleStateForDocument } from '../ebl/document-title-state.js'
import { applyTitleAction, type TitleState } from '../ebl/title-state.js'
import type { TransportDocument } from '../ebl/transport-document.js'
import type { ActionBytes } from './action-bytes.js'
import type { EblBundle } from './bundle.js'
import {
  fail,
  messageOf,
  pass,
  skip,
  type StepResult,
  type VerificationStepName,
} from './verification-steps.js'

// The steps over the signed action chain: documentChecksum, signatures, chainLinkage, titleRules.

/** The `documentChecksum` step. */
export function checkDocumentChecksum(
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
 * Verifies an action's JWS: synchronously with the fast verifier for Ed25519, without decoding
 * the payload that `parseActionEntry` has already decoded strictly; through `verifyCompactJws`
 * for ES256 and the SM2SM3 suite, which also checks that the key type fits the algorithm.
 */
function verifyAnyJws(
  jws: string,
  jwk: JWK,
  ed25519: Uint8Array | undefined,
  verifyEd25519Jws: (jws: string, publicKey: Uint8Array, jwsBytes?: Uint8Array) => void,
  p256: P256Verify | undefined,
  jwsBytes: Uint8Array | undefined,
): unknown {
  if (ed25519) return verifyEd25519Jws(jws, ed25519, jwsBytes)
  if (p256 && jwk.kty === 'EC' && jwk.crv === 'P-256') return verifyP256Jws(jws, jwk, p256)
  return verifyCompactJws(jws, jwk, { algorithms: ['ES256', SM2_JOSE_ALG] })
}

/**
 * The `signatures` step; `verify` checks the Ed25519 signatures, `p256` (when given) the ES256
 * ones synchronously.
 */
export async function checkSignatures(
  bundle: EblBundle,
  entries: readonly (ParsedActionEntry | Error)[],
  verify: Ed25519Verify,
  p256?: P256Verify,
  /** The actions' bytes, encoded once per verification (`encodeActionBytes`). */
  actionBytes?: readonly (ActionBytes | undefined)[],
): Promise<StepResult> {
  const used = new Set<string>()
  // Signers sign several actions each: decode each Ed25519 key once.
  const ed25519Keys = new Map<string, Uint8Array | undefined>()
  const verifyEd25519Jws = createEd25519JwsVerifier(verify)
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
    const kid = `${entry.signerOrganisationId}#${entry.signerKid}`
    if (!ed25519Keys.has(kid)) ed25519Keys.set(kid, ed25519PublicKeyFromJwk(key.publicJwk))
    try {
      const pending = verifyAnyJws(
        entry.jws,
        key.publicJwk,
        ed25519Keys.get(kid),
        verifyEd25519Jws,
        p256,
        actionBytes?.[i]?.jws,
      )
      if (pending instanceof Promise) await pending
    } catch (error) {
      return fail(
        `action ${i}: the signature of ${entry.signerOrganisationId} does not verify (${messageOf(error)})`,
      )
    }
    used.add(kid)
  }
  const unused = bundle.signers.find((s) => !used.has(s.kid))
  if (unused || used.size !== bundle.signers.length)
    return fail(`signer ${unused?.kid ?? '?'} signed nothing`)
  return pass(`${entries.length} signatures by ${used.size} keys verify`)
}

/** The `chainLinkage` step. */
export function checkLinkage(
  bundle: EblBundle,
  entries: readonly (ParsedActionEntry | Error)[],
  sha256?: Sha256,
  /** What the first action links to: nothing, or the last entry of the PINT chain it arrived with. */
  genesis: string | null = null,
  /** The actions' bytes, encoded once per verification (`encodeActionBytes`). */
  actionBytes?: readonly (ActionBytes | undefined)[],
): StepResult {
  let unreadable = -1
  for (const [i, entry] of entries.entries()) {
    if (entry instanceof Error) {
      if (unreadable < 0) unreadable = i
      continue
    }
    const previousBytes = actionBytes?.[i - 1]?.jws
    const previous =
      i === 0
        ? genesis
        : previousBytes
          ? sha256Hex(previousBytes, sha256)
          : computeEntryChecksum(bundle.actions[i - 1]!.jws, sha256)
    if (entry.payload.previousEntryChecksum !== previous) {
      const first = genesis === null ? 'nothing (it must be first)' : 'the last PINT chain entry'
      return fail(`action ${i} does not link to ${i === 0 ? first : `action ${i - 1}`}`)
    }
  }
  if (unreadable >= 0) return skip(`action ${unreadable} is unreadable (see signatures)`)
  return pass('each action carries the SHA-256 of the one before')
}

/**
 * Applies the title rules to the chain with `applyTitleAction`, the same pure function the title
 * registry applies to every action it accepts, reusing the entries parsed once above: parsing and hashing each action
 * a second time would cost a third of the verification budget.
 */
export function checkTitleRules(
  bundle: EblBundle,
  entries: readonly (ParsedActionEntry | Error)[],
  results: ReadonlyMap<VerificationStepName, StepResult>,
  /** The crossing step's result and state, for a bill that arrived by PINT. */
  crossing?: { readonly result: StepResult; readonly state?: TitleState },
): { result: StepResult; state?: TitleState } {
  const broken = (['documentChecksum', 'signatures', 'chainLinkage'] as const).find(
    (name) => results.get(name)?.status !== 'pass',
  )
  if (broken) return { result: skip(`the rules apply to a chain that passes ${broken}`) }
  if (crossing && !crossing.state)
    return { result: skip('the rules continue from a crossing that does not verify') }
  let state: TitleState
  try {
    state =
      crossing?.state ?? titleStateForDocument(bundle.document as unknown as TransportDocument)
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
