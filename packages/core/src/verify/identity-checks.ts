import type { JWK } from 'jose'
import { sha256 as portableSha256 } from '../crypto/sha256.js'
import { canonicalJson } from '../crypto/canonical-json.js'
import type { JwsVerifierSession } from '../crypto/jws-verifier.js'
import { fromBase64Url, toBase64, toBase64Url } from '../crypto/base64.js'
import type { Ed25519Verify } from '../crypto/ed25519.js'
import type { Sha256 } from '../crypto/sha256.js'
import {
  ALGORITHM_OF_CRYPTOSUITE,
  createProofSignatureCheck,
  SM2_CRYPTOSUITE,
  type Cryptosuite,
  type ProofSignatureCheck,
} from '../identity/data-integrity.js'
import { issuerIdOf, type VerifiableCredential } from '../identity/credential.js'
import { algorithmOfJwk, publicJwkOf } from '../identity/multikey.js'
import {
  SIGNER_IDENTITY_TYPE,
  verifySignerIdentities,
  type SignerIdentity,
  type SignerIdentityEvidence,
} from '../identity/signer-identity.js'
import { statusEntriesOf } from '../identity/status-list.js'
import type { TrustAnchor, TrustStatementVerifier } from '../identity/trust-decision.js'
import type { EblBundle } from './bundle.js'
import {
  createSharedStatements,
  createVerificationMemo,
  type VerificationMemo,
} from './verification-memo.js'
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
// Bounds on work: closing over recognitions verifies up to n² signatures for n statements.
const MAX_TRUST_STATEMENTS = 32

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
    !isStringList(trust.recognitions) ||
    trust.lists.length + trust.recognitions.length > MAX_TRUST_STATEMENTS
  )
    return `trust is not { lists, recognitions } of at most ${MAX_TRUST_STATEMENTS} statements`
  if (!isObject(statusLists) || !Object.values(statusLists).every((s) => typeof s === 'string'))
    return 'statusLists is not a map of status list credentials'
  if (
    anchor !== undefined &&
    (!isObject(anchor) ||
      Object.keys(anchor).length !== (anchor.companionJwk === undefined ? 3 : 4) ||
      typeof anchor.jurisdiction !== 'string' ||
      typeof anchor.authority !== 'string' ||
      !isObject(anchor.publicJwk) ||
      (anchor.companionJwk !== undefined && !isObject(anchor.companionJwk)))
  )
    return 'anchor is not { jurisdiction, authority, publicJwk, companionJwk? }'
  return undefined
}

// Keys are compared as text but used as bytes by lenient decoders (jose), and the last character
// of a base64url key has bits no decoder reads: such a key must be canonical, or one character
// could change unnoticed.
const isCanonicalKey = (jwk: unknown) =>
  isObject(jwk) &&
  ['x', 'y'].every(
    (m) =>
      jwk[m] === undefined || (typeof jwk[m] === 'string' && fromBase64Url(jwk[m]) !== undefined),
  )

const encoder = new TextEncoder()
// Without `stream`, each `decode` starts afresh: one decoder serves every call.
const utf8 = new TextDecoder()

/**
 * Whether a trust anchor's key carries only its public members, and a `kid` and `alg` that fit.
 * `sha256` is the platform's (native in the CLI), else the portable one.
 */
function isPlainAnchorKey(jwk: JWK, sha256: Sha256 = portableSha256): boolean {
  const { kid, alg, ...rest } = jwk
  const restForm = canonicalJson(rest)
  const publicForm = canonicalJson(publicJwkOf(jwk))
  if (restForm !== publicForm) return false
  if (alg !== undefined && alg !== algorithmOfJwk(jwk)) return false
  // RFC 7638: SHA-256 of the required members in lexicographic order without whitespace, which
  // for these string members is their RFC 8785 form. Synchronous, unlike jose's (WebCrypto).
  return kid === undefined || kid === toBase64Url(sha256(encoder.encode(publicForm)))
}

/**
 * The credential of a vc+jwt, or of Data Integrity JSON text (read strictly by `readJson`, as it
 * was to verify it), whose signature has verified.
 */
function credentialOf(
  jwt: string,
  readJson: VerificationMemo['readJson'],
): VerifiableCredential | undefined {
  try {
    if (jwt.startsWith('{')) {
      const parsed = readJson(jwt)
      return parsed.error ? undefined : (parsed.value as VerifiableCredential)
    }
    const payload = fromBase64Url(jwt.split('.')[1] ?? '')
    return payload && (JSON.parse(utf8.decode(payload)) as VerifiableCredential)
  } catch {
    return undefined
  }
}

/**
 * Why some part of verified evidence is not used by the verification, or undefined. Decisions
 * ignore what does not verify, so an unused part could be changed unnoticed: the anchor key must
 * hold only its public members, every key must be canonical base64url, every status list must be
 * one the credential refers to, and every trust list and recognition must verify under the
 * anchor or an authority it recognises (directly or through another recognition).
 * `verifySignerIdentities` itself holds the DID documents to exactly the keys that signed.
 */
async function unusedPart(
  evidence: SignerIdentityEvidence,
  identity: SignerIdentity,
  anchor: TrustAnchor | undefined,
  {
    statements,
    isPlainKey,
    readJson,
  }: {
    statements: TrustStatementVerifier
    isPlainKey: (jwk: JWK) => boolean
    readJson: VerificationMemo['readJson']
  },
): Promise<string | undefined> {
  const anchorKeys = evidence.anchor
    ? [evidence.anchor.publicJwk, evidence.anchor.companionJwk].filter((k) => k !== undefined)
    : []
  for (const key of anchorKeys)
    if (!isPlainKey(key)) return 'the anchor key carries more than its public members'
  const keys = evidence.didDocuments.flatMap((d) =>
    Array.isArray(d.verificationMethod) ? d.verificationMethod.map((m) => m?.publicKeyJwk) : [],
  )
  if (![...keys, ...anchorKeys].every((k) => k === undefined || isCanonicalKey(k)))
    return 'a key is not in canonical base64url'
  const credential = credentialOf(evidence.credential, readJson)
  const referenced = new Set(
    credential ? statusEntriesOf(credential).map((e) => e.statusListCredential) : [],
  )
  const strayList = Object.keys(evidence.statusLists).find((url) => !referenced.has(url))
  if (strayList) return `the status list ${strayList} is not the credential's`
  if (credential && issuerIdOf(credential) !== identity.issuer) return 'the issuer is inconsistent'

  const authorities: { authority: string; publicJwk: JWK; companionJwk?: JWK | undefined }[] =
    anchor ? [anchor] : []
  const pending = new Set(evidence.trust.recognitions)
  for (let grew = true; grew;) {
    grew = false
    for (const jws of pending) {
      for (const known of authorities) {
        const statement = await statements
          .verifyRecognition(jws, known.publicJwk, known.companionJwk)
          .catch(() => undefined)
        if (!statement || statement.recogniser.authority !== known.authority) continue
        authorities.push({
          authority: statement.recognised.authority,
          publicJwk: statement.recognised.authorityJwk,
          companionJwk: statement.recognised.authorityCompanionJwk,
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
      const list = await statements
        .verifyTrustList(jws, known.publicJwk, known.companionJwk)
        .catch(() => undefined)
      if (list?.authority === known.authority) {
        verified = true
        break
      }
    }
    if (!verified) return 'a trust list does not verify under a known authority'
  }
  return undefined
}

const CRYPTOSUITES: readonly Cryptosuite[] = ['eddsa-jcs-2022', SM2_CRYPTOSUITE]

// A proof's signature is checked once per verification (a status list is shown for every signer
// its issuer attests, and in every bundle a multi-log bundle nests) and counted in each session's
// report.
function proofCheckOnce(
  jws: JwsVerifierSession,
  check: ProofSignatureCheck,
  answers: Map<string, boolean>,
): ProofSignatureCheck {
  return (suite, key, data, signature) => {
    const id = `${suite}|${key.publicJwk.x}|${key.publicJwk.y}|${toBase64(data)}|${toBase64(signature)}`
    let answer = answers.get(id)
    if (answer === undefined) {
      answer = check(suite, key, data, signature)
      answers.set(id, answer)
    }
    if (answer) jws.record(id, ALGORITHM_OF_CRYPTOSUITE[suite], 'verified')
    return answer
  }
}

/**
 * The `signerIdentity` step over the bundle's `credentials`: passes when there are none (the
 * signers are then named by their keys only) or when every piece of evidence verifies (the
 * signer's legal-entity credential, its key in the organisation's DID document, the trust path)
 * and is used; fails otherwise. Organisations without evidence are named in the reason, and so are
 * the signature suites checked: `jws` checks each distinct JWS once and refuses the suites the
 * verifier does not require.
 */
export async function checkSignerIdentity(
  bundle: EblBundle,
  pinnedAnchor: TrustAnchor | undefined,
  jws: JwsVerifierSession,
  primitives: { readonly ed25519?: Ed25519Verify; readonly sha256?: Sha256 } = {},
  memo: VerificationMemo = createVerificationMemo(),
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
  const statements = createSharedStatements(jws, memo.statements)
  const isPlainKey = (key: JWK) =>
    memo.byJson('anchorKey', key, () => isPlainAnchorKey(key, primitives.sha256))
  let identities: readonly SignerIdentity[]
  try {
    identities = await verifySignerIdentities(evidence, bundle.signers, {
      ...(pinnedAnchor ? { anchor: pinnedAnchor } : {}),
      verifyJws: jws.verify,
      cryptosuites: CRYPTOSUITES.filter((suite) =>
        jws.algorithms.includes(ALGORITHM_OF_CRYPTOSUITE[suite]),
      ),
      dataIntegrity: {
        ...(primitives.sha256 ? { sha256: primitives.sha256 } : {}),
        checkSignature: proofCheckOnce(
          jws,
          createProofSignatureCheck(primitives.ed25519),
          memo.proofs,
        ),
        refuseUnknown: true,
        canonicalForms: memo.canonicalForms,
        onSkip: (value, suite) =>
          jws.record(value, ALGORITHM_OF_CRYPTOSUITE[suite as Cryptosuite] ?? suite, 'skipped'),
      },
      decodeStatusList: memo.decodeStatusList,
      trustStatements: statements,
      readJson: memo.readJson,
    })
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
    const unused = await unusedPart(item, identity, pinnedAnchor ?? item.anchor, {
      statements,
      isPlainKey,
      readJson: memo.readJson,
    })
    if (unused) return { result: fail(`${identity.organisationId}: ${unused}`), identities }
  }
  const verified = identities.length - without.length
  const anchor = pinnedAnchor ? 'a pinned trust anchor' : "the bundle's own anchor (not pinned)"
  const rest = without.length > 0 ? `; no evidence for ${without.join(', ')}` : ''
  const suites = [...jws.checked].map(([alg, n]) => `${n} ${alg}`).join(', ')
  const skipped = [...jws.skipped].map(([alg, n]) => `${n} ${alg}`).join(', ')
  return {
    result: pass(
      `the credentials of ${verified} signer(s) verify from ${anchor}${rest} (signatures checked: ${suites || 'none'}${skipped ? `; not checked, outside the suites required: ${skipped}` : ''})`,
    ),
    identities,
  }
}
