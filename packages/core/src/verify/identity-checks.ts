import { calculateJwkThumbprint, type JWK } from 'jose'
import { canonicalJson } from '../crypto/canonical-json.js'
import { fromBase64Url } from '../crypto/base64.js'
import { issuerIdOf, type VerifiableCredential } from '../identity/credential.js'
import type { DidDocument } from '../identity/did-document.js'
import { createDidDocument } from '../identity/did-web.js'
import { algorithmOfJwk, publicJwkOf } from '../identity/multikey.js'
import { verifyRecognition } from '../identity/recognition.js'
import {
  SIGNER_IDENTITY_TYPE,
  verifySignerIdentities,
  type SignerIdentity,
  type SignerIdentityEvidence,
} from '../identity/signer-identity.js'
import { statusEntriesOf } from '../identity/status-list.js'
import type { TrustAnchor } from '../identity/trust-decision.js'
import { verifyTrustList } from '../identity/trust-list.js'
import type { EblBundle } from './bundle.js'
import { fail, messageOf, pass, type StepResult } from './verification-steps.js'

// The signerIdentity step: the credentials part of a bundle, checked like every other byte.

const EVIDENCE_MEMBERS = [
  'type',
  'organisationId',
  'did',
  'credential',
  'didDocuments',
  'trust',
  'statusLists',
  'anchor',
]
const REQUIRED_MEMBERS = EVIDENCE_MEMBERS.filter((m) => m !== 'anchor')

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const isStringList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string')

/** Why one `credentials` entry is not well-formed evidence of a signer, or undefined. */
function shapeProblem(value: unknown, signers: ReadonlySet<string>, seen: Set<string>) {
  if (!isObject(value) || value.type !== SIGNER_IDENTITY_TYPE)
    return `is not ${SIGNER_IDENTITY_TYPE} evidence`
  const unknown = Object.keys(value).find((k) => !EVIDENCE_MEMBERS.includes(k))
  if (unknown) return `has an unknown member ${unknown}`
  const missing = REQUIRED_MEMBERS.find((k) => !(k in value))
  if (missing) return `lacks ${missing}`
  const { organisationId, did, credential, didDocuments, trust, statusLists, anchor } = value
  if (typeof organisationId !== 'string' || !signers.has(organisationId))
    return `is for ${String(organisationId)}, which signed no action`
  if (seen.has(organisationId)) return `repeats the evidence of ${organisationId}`
  seen.add(organisationId)
  if (typeof did !== 'string' || typeof credential !== 'string') return 'lacks a DID or credential'
  if (
    !Array.isArray(didDocuments) ||
    !didDocuments.every((d) => isObject(d) && typeof d.id === 'string')
  )
    return 'didDocuments is not a list of DID documents'
  if (
    !isObject(trust) ||
    Object.keys(trust).length !== 2 ||
    !isStringList(trust.lists) ||
    !isStringList(trust.recognitions)
  )
    return 'trust is not { lists, recognitions }'
  if (!isObject(statusLists) || !Object.values(statusLists).every((s) => typeof s === 'string'))
    return 'statusLists is not a map of status list credentials'
  if (
    anchor !== undefined &&
    (!isObject(anchor) ||
      Object.keys(anchor).length !== 3 ||
      typeof anchor.jurisdiction !== 'string' ||
      typeof anchor.authority !== 'string' ||
      !isObject(anchor.publicJwk))
  )
    return 'anchor is not { jurisdiction, authority, publicJwk }'
  return undefined
}

/**
 * Whether a DID document is exactly the form Landsea nodes publish (`createDidDocument`): the
 * verifier reads only the keys, their IDs and expiry, so any other content (another context,
 * controller or relationship) would be bytes no check covers.
 */
function isPublishedForm(document: DidDocument): boolean {
  try {
    const keys = document.verificationMethod.map((method) => {
      if (!method.id.startsWith(`${document.id}#`) || !method.publicKeyJwk) throw new Error()
      return {
        fragment: method.id.slice(document.id.length + 1),
        publicJwk: method.publicKeyJwk,
        ...(method.expires ? { expires: method.expires } : {}),
      }
    })
    return canonicalJson(document) === canonicalJson(createDidDocument({ did: document.id, keys }))
  } catch {
    return false
  }
}

/** Whether a trust anchor's key carries only its public members, and a `kid` and `alg` that fit. */
async function isPlainAnchorKey(jwk: JWK): Promise<boolean> {
  const { kid, alg, ...rest } = jwk
  if (canonicalJson(rest) !== canonicalJson(publicJwkOf(jwk))) return false
  if (alg !== undefined && alg !== algorithmOfJwk(jwk)) return false
  try {
    return kid === undefined || kid === (await calculateJwkThumbprint(publicJwkOf(jwk)))
  } catch {
    return false
  }
}

/** The payload of a vc+jwt whose signature has verified. */
function credentialOf(jwt: string): VerifiableCredential | undefined {
  try {
    const payload = fromBase64Url(jwt.split('.')[1] ?? '')
    return payload && (JSON.parse(new TextDecoder().decode(payload)) as VerifiableCredential)
  } catch {
    return undefined
  }
}

/**
 * Why some part of verified evidence is not used by the verification, or undefined. Decisions
 * ignore what does not verify, so an unused part could be changed unnoticed: every DID document
 * must be the organisation's or the issuer's, every status list one the credential refers to,
 * and every trust list and recognition must verify under the anchor or an authority it
 * recognises (directly or through another recognition).
 */
async function unusedPart(
  evidence: SignerIdentityEvidence,
  identity: SignerIdentity,
  anchor: TrustAnchor | undefined,
): Promise<string | undefined> {
  const dids = evidence.didDocuments.map((d) => d.id)
  if (new Set(dids).size !== dids.length) return 'a DID document is listed twice'
  const stray = dids.find((id) => id !== evidence.did && id !== identity.issuer)
  if (stray) return `the DID document of ${stray} is neither the organisation's nor the issuer's`
  const unusual = evidence.didDocuments.find((d) => !isPublishedForm(d))
  if (unusual) return `the DID document of ${unusual.id} carries more than its keys`
  if (evidence.anchor && !(await isPlainAnchorKey(evidence.anchor.publicJwk)))
    return 'the anchor key carries more than its public members'
  const credential = credentialOf(evidence.credential)
  const referenced = new Set(
    credential ? statusEntriesOf(credential).map((e) => e.statusListCredential) : [],
  )
  const strayList = Object.keys(evidence.statusLists).find((url) => !referenced.has(url))
  if (strayList) return `the status list ${strayList} is not the credential's`
  if (credential && issuerIdOf(credential) !== identity.issuer) return 'the issuer is inconsistent'

  const authorities: { authority: string; publicJwk: JWK }[] = anchor ? [anchor] : []
  const pending = new Set(evidence.trust.recognitions)
  for (let grew = true; grew;) {
    grew = false
    for (const jws of pending) {
      for (const known of authorities) {
        const statement = await verifyRecognition(jws, known.publicJwk).catch(() => undefined)
        if (!statement || statement.recogniser.authority !== known.authority) continue
        authorities.push({
          authority: statement.recognised.authority,
          publicJwk: statement.recognised.authorityJwk,
        })
        pending.delete(jws)
        grew = true
        break
      }
    }
  }
  if (pending.size > 0) return 'a recognition statement does not verify under a known authority'
  for (const jws of evidence.trust.lists) {
    let verified = false
    for (const known of authorities) {
      const list = await verifyTrustList(jws, known.publicJwk).catch(() => undefined)
      if (list?.authority === known.authority) {
        verified = true
        break
      }
    }
    if (!verified) return 'a trust list does not verify under a known authority'
  }
  return undefined
}

/**
 * The `signerIdentity` step over the bundle's `credentials`: passes when there are none (the
 * signers are then named by their keys only) or when every piece of evidence verifies (the
 * signer's legal-entity credential, its key in the organisation's DID document, the trust path)
 * and is used; fails otherwise. Organisations without evidence are named in the reason.
 */
export async function checkSignerIdentity(
  bundle: EblBundle,
  pinnedAnchor: TrustAnchor | undefined,
): Promise<{ result: StepResult; identities?: readonly SignerIdentity[] }> {
  if (bundle.credentials.length === 0)
    return {
      result: pass('the bundle carries no identity evidence: signers are named by key only'),
    }
  const organisations = new Set(bundle.signers.map((s) => s.kid.slice(0, s.kid.indexOf('#'))))
  const seen = new Set<string>()
  for (const [i, value] of bundle.credentials.entries()) {
    const problem = shapeProblem(value, organisations, seen)
    if (problem) return { result: fail(`credentials/${i} ${problem}`) }
  }
  const evidence = bundle.credentials as readonly SignerIdentityEvidence[]
  let identities: readonly SignerIdentity[]
  try {
    identities = await verifySignerIdentities(
      evidence,
      bundle.signers,
      pinnedAnchor ? { anchor: pinnedAnchor } : {},
    )
  } catch (error) {
    return { result: fail(`the identity evidence cannot be checked: ${messageOf(error)}`) }
  }
  const without: string[] = []
  for (const identity of identities) {
    const item = evidence.find((e) => e.organisationId === identity.organisationId)
    if (!item) {
      without.push(identity.organisationId)
      continue
    }
    if (!identity.ok) return { result: fail(identity.summary), identities }
    const unused = await unusedPart(item, identity, pinnedAnchor ?? item.anchor)
    if (unused) return { result: fail(`${identity.organisationId}: ${unused}`), identities }
  }
  const verified = identities.length - without.length
  const anchor = pinnedAnchor ? 'a pinned trust anchor' : "the bundle's own anchor (not pinned)"
  const rest = without.length > 0 ? `; no evidence for ${without.join(', ')}` : ''
  return {
    result: pass(`the credentials of ${verified} signer(s) verify from ${anchor}${rest}`),
    identities,
  }
}
