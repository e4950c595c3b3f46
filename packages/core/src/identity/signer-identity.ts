import type { JWK } from 'jose'
import { sameCanonicalJson, type VerifyCompactJws } from '../crypto/index.js'
import { issuerIdOf } from './credential.js'
import { resolveDidKey } from './did-key.js'
import { createDidDocument } from './did-web.js'
import type { DidDocument } from './did-document.js'
import { jwkOfVerificationMethod, parseDidDocument } from './did-document.js'
import { createDidResolver, createMemoryDidCache } from './did-resolver.js'
import { createKeyLookup } from './key-lookup.js'
import type { TrustAnchor, TrustMaterial, TrustPathStep } from './trust-decision.js'
import {
  verifyCredential,
  type CredentialVerifierOptions,
  type Verdict,
} from './verify-credential.js'

/** The `type` of a bundle `credentials` entry that carries a signer's identity evidence. */
export const SIGNER_IDENTITY_TYPE = 'LandseaSignerIdentity'

/**
 * What a bundle carries so an offline verifier can say who signed and by whose authority: the
 * organisation's legal-entity credential, the DID documents that bind its DID to its signing key
 * and the issuer to its key, the trust lists and recognitions, and status list snapshots.
 */
export interface SignerIdentityEvidence {
  readonly type: typeof SIGNER_IDENTITY_TYPE
  readonly organisationId: string
  readonly did: string
  readonly credential: string
  readonly didDocuments: readonly DidDocument[]
  readonly trust: TrustMaterial
  /** Status list credentials (vc+jwt) by URL, as of the export. */
  readonly statusLists: Readonly<Record<string, string>>
  /** The exporting node's anchor; used only when the verifier pins none. */
  readonly anchor?: TrustAnchor
}

/** Who signed, by whose authority, as an offline verifier can establish it. */
export interface SignerIdentity {
  readonly organisationId: string
  readonly did?: string
  readonly legalName?: { readonly en?: string; readonly zh?: string }
  readonly jurisdiction?: string
  readonly identifier?: { readonly scheme: string; readonly value: string }
  readonly issuer?: string
  /** The organisation's DID document lists the key that signed its actions. */
  readonly isKeyBound: boolean
  /** The trust anchor was given by the verifier, not taken from the bundle. */
  readonly isAnchorPinned: boolean
  readonly verdicts: {
    readonly signature: Verdict
    readonly validity: Verdict
    readonly status: Verdict
    readonly trust: Verdict
  }
  readonly trustPath: readonly TrustPathStep[]
  readonly summary: string
  readonly ok: boolean
}

function isEvidence(value: unknown): value is SignerIdentityEvidence {
  const v = value as Record<string, unknown> | null
  return (
    typeof v === 'object' &&
    v !== null &&
    v.type === SIGNER_IDENTITY_TYPE &&
    typeof v.organisationId === 'string' &&
    typeof v.did === 'string' &&
    typeof v.credential === 'string' &&
    Array.isArray(v.didDocuments) &&
    typeof v.trust === 'object' &&
    v.trust !== null &&
    typeof v.statusLists === 'object' &&
    v.statusLists !== null
  )
}

function sameKey(a: JWK, b: JWK): boolean {
  return a.kty === b.kty && a.crv === b.crv && a.x === b.x && (a.y ?? null) === (b.y ?? null)
}

const NOT_CHECKED: Verdict = { ok: false, message: 'not checked' }

// Evidence DID documents are minimal and canonical: exactly the keys the verification uses, in the
// form Landsea emits (no rotation dates, no other keys). Nothing in them is then unused, so no
// byte can change without a check failing (the bundle is tamper-evident end to end).
function minimalDocument(
  did: string,
  keys: readonly { readonly kid: string; readonly publicJwk: JWK }[],
): DidDocument | undefined {
  try {
    if (did.startsWith('did:key:')) return resolveDidKey(did)
    return createDidDocument({
      did,
      keys: keys.map((key) => ({
        fragment: key.kid.slice(key.kid.indexOf('#') + 1),
        publicJwk: key.publicJwk,
      })),
    })
  } catch {
    return undefined
  }
}

function rawDocument(evidence: SignerIdentityEvidence, did: string): unknown {
  return evidence.didDocuments.find((d) => (d as { id?: unknown }).id === did)
}

function isSameDocument(raw: unknown, expected: DidDocument): boolean {
  return sameCanonicalJson(raw, expected)
}

/**
 * The verification methods a secured credential names: each proof's of a Data Integrity proof set
 * (JSON text, read by `readJson`), else undefined (a JWS names one, in its header). Never throws.
 */
export function proofMethodsOf(
  credential: string,
  readJson: (text: string) => unknown = JSON.parse,
): string[] | undefined {
  if (!credential.startsWith('{')) return undefined
  try {
    const { proof } = readJson(credential) as { proof?: unknown }
    const proofs: unknown[] = Array.isArray(proof) ? proof : [proof]
    return proofs.map((p) => String((p as { verificationMethod?: unknown })?.verificationMethod))
  } catch {
    return undefined
  }
}

/** Why the evidence holds more or other than what verified the credential, or undefined. */
function extraEvidence(
  evidence: SignerIdentityEvidence,
  issuerKey:
    { readonly id: string; readonly controller: string; readonly publicJwk: JWK } | undefined,
  issuerDocument: DidDocument | undefined,
  readJson: ((text: string) => unknown) | undefined,
): string | undefined {
  if (!issuerKey) return undefined
  const issuer = issuerKey.controller
  // Every key the credential names, in its order: the one that verified, and a dual signature's
  // other (unchecked by a verifier that skips its suite, but bound to the same DID all the same).
  const keys = (proofMethodsOf(evidence.credential, readJson) ?? [issuerKey.id]).map((kid) => {
    if (kid === issuerKey.id) return { kid, publicJwk: issuerKey.publicJwk }
    const method = issuerDocument?.verificationMethod.find((m) => m.id === kid)
    try {
      return method && { kid, publicJwk: jwkOfVerificationMethod(method) }
    } catch {
      return undefined
    }
  })
  if (keys.some((k) => k === undefined))
    return `the DID document of ${issuer} lacks a key the credential names`
  const expected = minimalDocument(issuer, keys as { kid: string; publicJwk: JWK }[])
  if (!expected || !isSameDocument(rawDocument(evidence, issuer), expected)) {
    return `the DID document of ${issuer} is not exactly the key that signed the credential`
  }
  const ids = evidence.didDocuments.map((d) => (d as { id?: unknown }).id)
  const allowed = new Set([evidence.did, issuer])
  if (ids.length !== allowed.size || ids.some((id) => !allowed.has(id as string))) {
    return 'the evidence holds DID documents other than the organisation’s and the issuer’s'
  }
  return undefined
}

/**
 * Verifies the identity evidence of a bundle's signers offline: for each organisation that signed
 * an action, its legal-entity credential (signature, validity, status snapshot, trust path from
 * `anchor`, else the bundle's own anchor, flagged as not pinned) and that its DID document lists
 * the signing key. `verifyJws` checks every JWS (default `verifyCompactJws`). Hostile input: never
 * throws.
 */
export async function verifySignerIdentities(
  credentials: readonly unknown[],
  signers: readonly { readonly kid: string; readonly publicJwk: JWK }[],
  {
    anchor,
    now = new Date(),
    verifyJws,
    cryptosuites,
    dataIntegrity,
    decodeStatusList,
    trustStatements,
    readJson,
  }: {
    anchor?: TrustAnchor
    now?: Date
    verifyJws?: VerifyCompactJws
    /** The Data Integrity suites this verifier checks (others in a proof set are skipped). */
    cryptosuites?: readonly string[]
    dataIntegrity?: CredentialVerifierOptions['dataIntegrity']
    decodeStatusList?: CredentialVerifierOptions['decodeStatusList']
    trustStatements?: CredentialVerifierOptions['trustStatements']
    readJson?: CredentialVerifierOptions['readJson']
  } = {},
): Promise<readonly SignerIdentity[]> {
  const organisations = [...new Set(signers.map((s) => s.kid.slice(0, s.kid.indexOf('#'))))]
  const results: SignerIdentity[] = []
  for (const organisationId of organisations) {
    const evidence = credentials.find(
      (c): c is SignerIdentityEvidence => isEvidence(c) && c.organisationId === organisationId,
    )
    if (!evidence) {
      results.push({
        organisationId,
        isKeyBound: false,
        isAnchorPinned: anchor !== undefined,
        verdicts: {
          signature: NOT_CHECKED,
          validity: NOT_CHECKED,
          status: NOT_CHECKED,
          trust: NOT_CHECKED,
        },
        trustPath: [],
        summary: `${organisationId}: no identity evidence in the bundle`,
        ok: false,
      })
      continue
    }
    const cache = createMemoryDidCache()
    const documents = new Map<string, DidDocument>()
    for (const raw of evidence.didDocuments) {
      try {
        const id = (raw as { id?: unknown }).id
        if (typeof id !== 'string') continue
        const document = parseDidDocument(raw, id)
        documents.set(id, document)
        await cache.set(id, { document, fetchedAt: now.toISOString() })
      } catch {
        // A malformed document is simply not available; the checks below then fail.
      }
    }
    const lookupKey = createKeyLookup(
      createDidResolver({ cache, maxAgeSeconds: Infinity, now: () => now }),
    )
    const effectiveAnchor = anchor ?? evidence.anchor
    const result = await verifyCredential(evidence.credential, {
      lookupKey,
      ...(effectiveAnchor ? { trust: { anchor: effectiveAnchor, material: evidence.trust } } : {}),
      fetchStatusList: async (url) => evidence.statusLists[url],
      now,
      expectedType: 'LegalEntityCredential',
      ...(verifyJws ? { verifyJws } : {}),
      ...(cryptosuites ? { cryptosuites } : {}),
      ...(dataIntegrity ? { dataIntegrity } : {}),
      ...(decodeStatusList ? { decodeStatusList } : {}),
      ...(trustStatements ? { trustStatements } : {}),
      ...(readJson ? { readJson } : {}),
    })
    const organisationKeys = signers.filter((s) => s.kid.startsWith(`${organisationId}#`))
    const orgDocument = documents.get(evidence.did)
    const expectedOrgDocument = minimalDocument(evidence.did, organisationKeys)
    const isKeyBound =
      result.credential?.credentialSubject.id === evidence.did &&
      orgDocument !== undefined &&
      expectedOrgDocument !== undefined &&
      isSameDocument(rawDocument(evidence, evidence.did), expectedOrgDocument) &&
      organisationKeys.every((signer) =>
        orgDocument.verificationMethod.some((method) => {
          try {
            return sameKey(jwkOfVerificationMethod(method), signer.publicJwk)
          } catch {
            return false
          }
        }),
      )
    const evidenceProblem = extraEvidence(
      evidence,
      result.signedBy,
      result.signedBy && documents.get(result.signedBy.controller),
      readJson &&
        ((text) => {
          const parsed = readJson(text)
          return parsed.error ? null : parsed.value
        }),
    )
    const subject = (result.credential?.credentialSubject ?? {}) as {
      legalName?: { en?: string; zh?: string }
      jurisdiction?: string
      identifier?: { scheme: string; value: string }
    }
    const ok = result.isValid && isKeyBound && evidenceProblem === undefined
    const name = subject.legalName?.en ?? organisationId
    const identifier = subject.identifier
      ? `${subject.identifier.scheme} ${subject.identifier.value}`
      : 'no identifier'
    const authority = result.trust.ok
      ? `${result.trust.message}${anchor ? '' : ' (anchor taken from the bundle, not pinned)'}`
      : `${result.trust.code ?? 'not trusted'}: ${result.trust.message}`
    results.push({
      organisationId,
      did: evidence.did,
      ...(subject.legalName ? { legalName: subject.legalName } : {}),
      ...(subject.jurisdiction ? { jurisdiction: subject.jurisdiction } : {}),
      ...(subject.identifier ? { identifier: subject.identifier } : {}),
      ...(result.credential ? { issuer: issuerIdOf(result.credential)! } : {}),
      isKeyBound,
      isAnchorPinned: anchor !== undefined,
      verdicts: {
        signature: result.signature,
        validity: result.validity,
        status: result.status,
        trust: result.trust,
      },
      trustPath: result.trust.path,
      summary: `signed by ${name} (${identifier})${isKeyBound ? '' : ' [signing key NOT in its DID document]'}; attested by ${result.issuer ?? 'unknown issuer'}; ${authority}${evidenceProblem ? ` [${evidenceProblem}]` : ''}`,
      ok,
    })
  }
  return results
}
