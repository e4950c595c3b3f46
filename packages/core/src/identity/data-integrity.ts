import { ed25519 } from '@noble/curves/ed25519.js'
import { base64url, type JWK } from 'jose'
import {
  canonicalJsonBytes,
  sha256,
  sm2PrivateKeyFromJwk,
  sm2PublicKeyFromJwk,
  sm2Sign,
  sm2Verify,
  sm3,
  verifyEd25519,
  type Sha256,
} from '../crypto/index.js'
import type { ResolvedKey } from './did-resolver.js'
import { IdentityError } from './identity-error.js'
import { decodeMultibase, encodeMultibase } from './multibase.js'

/**
 * Data Integrity cryptosuites Landsea signs with: the W3C `eddsa-jcs-2022`, and the project's
 * `landsea-sm2-jcs-2026` (SM3 hashes, SM2 signature, default user ID; decision record 0003).
 */
export type Cryptosuite = 'eddsa-jcs-2022' | 'landsea-sm2-jcs-2026'

/** The private SM2 cryptosuite name. */
export const SM2_CRYPTOSUITE = 'landsea-sm2-jcs-2026'

/** A `DataIntegrityProof` (VC Data Integrity 1.0 §2.1). */
export interface DataIntegrityProof {
  readonly '@context'?: unknown
  readonly type: 'DataIntegrityProof'
  readonly cryptosuite: Cryptosuite
  readonly created?: string
  readonly verificationMethod: string
  readonly proofPurpose: string
  readonly proofValue: string
}

/** A JSON-LD document that may carry one proof or a proof set. */
export type SecuredDocument = Record<string, unknown> & {
  readonly proof?: DataIntegrityProof | readonly DataIntegrityProof[]
}

const SUITE_KEY_ALG = { 'eddsa-jcs-2022': 'EdDSA', [SM2_CRYPTOSUITE]: 'SM2SM3' } as const

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

const canonicalOf = (value: Record<string, unknown> | Uint8Array) =>
  value instanceof Uint8Array ? value : canonicalJsonBytes(value)

/** hashData of the JCS suites: H(JCS(proofConfig)) ‖ H(JCS(unsecured document)). */
function hashData(
  cryptosuite: Cryptosuite,
  proofConfig: Record<string, unknown> | Uint8Array,
  unsecured: Record<string, unknown> | Uint8Array,
  sha256Of: Sha256 = sha256,
): Uint8Array {
  const hash = cryptosuite === SM2_CRYPTOSUITE ? sm3 : sha256Of
  return concat(hash(canonicalOf(proofConfig)), hash(canonicalOf(unsecured)))
}

/**
 * What one verification has computed of the Data Integrity documents it met, by the object read:
 * a document's RFC 8785 form without its proofs, and a proof's configuration form with its
 * decoded signature. The objects must not change while it lives: a verifier that reads each text
 * once (a bundle's evidence, shown in every bundle a multi-log bundle nests) then works each out
 * once.
 */
export interface CanonicalForms {
  readonly documents: Map<object, Uint8Array>
  readonly proofs: Map<object, { readonly config: Uint8Array; readonly signature: Uint8Array }>
}

function withoutProof(document: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...document }
  delete rest.proof
  return rest
}

function proofsOf(document: SecuredDocument): DataIntegrityProof[] {
  const { proof } = document
  if (proof === undefined) return []
  return Array.isArray(proof) ? [...proof] : [proof as DataIntegrityProof]
}

/**
 * Adds a Data Integrity proof (eddsa-jcs-2022 §3.3, or the SM2 suite by the same steps). A
 * document that already has proofs gets a proof set: each proof covers the document without
 * the others, so an SM2 proof and an EdDSA proof can sit side by side (dual signing).
 */
export function addDataIntegrityProof<T extends Record<string, unknown>>(
  document: T,
  {
    cryptosuite,
    privateJwk,
    verificationMethod,
    created = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    proofPurpose = 'assertionMethod',
  }: {
    cryptosuite: Cryptosuite
    privateJwk: JWK
    verificationMethod: string
    created?: string
    proofPurpose?: string
  },
): T & { proof: DataIntegrityProof | DataIntegrityProof[] } {
  const existing = proofsOf(document as SecuredDocument)
  const unsecured = withoutProof(document)
  const proofConfig: Record<string, unknown> = {
    type: 'DataIntegrityProof',
    cryptosuite,
    created,
    verificationMethod,
    proofPurpose,
    ...(unsecured['@context'] !== undefined ? { '@context': unsecured['@context'] } : {}),
  }
  const data = hashData(cryptosuite, proofConfig, unsecured)
  let signature: Uint8Array
  if (cryptosuite === 'eddsa-jcs-2022') {
    if (privateJwk.crv !== 'Ed25519' || typeof privateJwk.d !== 'string') {
      throw new IdentityError('IDENTITY_ALG_NOT_ALLOWED', 'eddsa-jcs-2022 needs an Ed25519 key')
    }
    signature = ed25519.sign(data, base64url.decode(privateJwk.d))
  } else {
    signature = sm2Sign(data, sm2PrivateKeyFromJwk(privateJwk))
  }
  const proof = { ...proofConfig, proofValue: encodeMultibase(signature) } as DataIntegrityProof
  return { ...document, proof: existing.length === 0 ? proof : [...existing, proof] }
}

/** How {@link verifyDataIntegrity} treated one proof. */
export interface CheckedProof {
  readonly cryptosuite: string
  readonly verificationMethod: string
  readonly status: 'verified' | 'skipped'
  readonly key?: ResolvedKey
}

/**
 * Checks one proof's signature over its hashData with a resolved key. A bundle's verifier passes
 * one that uses the platform's Ed25519 and checks each distinct signature once.
 */
export type ProofSignatureCheck = (
  cryptosuite: Cryptosuite,
  key: ResolvedKey,
  data: Uint8Array,
  signature: Uint8Array,
) => boolean

/** The JWS algorithm of a cryptosuite's key (EdDSA, SM2SM3). */
export const ALGORITHM_OF_CRYPTOSUITE: Readonly<Record<Cryptosuite, string>> = SUITE_KEY_ALG

/** The reference {@link ProofSignatureCheck}; `ed25519` is a platform's verifier. */
export function createProofSignatureCheck(ed25519 = verifyEd25519): ProofSignatureCheck {
  return (cryptosuite, key, data, signature) => {
    if (cryptosuite === 'eddsa-jcs-2022') {
      try {
        const publicKey = base64url.decode(key.publicJwk.x ?? '')
        return publicKey.length === 32 && ed25519(signature, data, publicKey)
      } catch {
        return false
      }
    }
    return sm2Verify(signature, data, sm2PublicKeyFromJwk(key.publicJwk))
  }
}

const verifySignature = createProofSignatureCheck()

function isContextPrefix(proofContext: unknown, documentContext: unknown): boolean {
  if (proofContext === undefined) return true
  const proofList = Array.isArray(proofContext) ? proofContext : [proofContext]
  const documentList = Array.isArray(documentContext) ? documentContext : [documentContext]
  return proofList.every((entry, index) => entry === documentList[index])
}

/**
 * Verifies the Data Integrity proofs of a document. Proofs of accepted cryptosuites must all
 * verify; others are skipped (a verifier abroad may skip the SM2 suite). At least one proof must
 * verify, plus one of each `requiredCryptosuites`. Hostile input: only `IdentityError` escapes.
 */
export async function verifyDataIntegrity(
  document: unknown,
  resolveKey: (verificationMethod: string) => Promise<ResolvedKey>,
  {
    cryptosuites = ['eddsa-jcs-2022', SM2_CRYPTOSUITE],
    requiredCryptosuites = [],
    checkSignature = verifySignature,
    sha256: sha256Of,
    onSkip,
    refuseUnknown = false,
    canonicalForms = { documents: new Map(), proofs: new Map() },
  }: {
    cryptosuites?: readonly string[]
    requiredCryptosuites?: readonly string[]
    checkSignature?: ProofSignatureCheck
    /** A platform's SHA-256 for eddsa-jcs-2022's hashes; default the pure-JS one. */
    sha256?: Sha256
    /** Told of each proof left unchecked (its value and suite), to report what was not checked. */
    onSkip?: (proofValue: string, cryptosuite: string) => void
    /**
     * Refuse a proof of a suite this software does not know instead of skipping it, where every
     * byte must be checked (a bundle's evidence): else a changed suite name would go unnoticed.
     */
    refuseUnknown?: boolean
    /** Forms computed before in this verification; default none. */
    canonicalForms?: CanonicalForms
  } = {},
): Promise<readonly CheckedProof[]> {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new IdentityError('IDENTITY_MALFORMED', 'a secured document is a JSON object')
  }
  const proofs = proofsOf(document as SecuredDocument)
  if (proofs.length === 0) throw new IdentityError('IDENTITY_UNSIGNED', 'the document has no proof')
  const unsecured = withoutProof(document as Record<string, unknown>)
  const checked: CheckedProof[] = []
  for (const proof of proofs) {
    if (typeof proof !== 'object' || proof === null || proof.type !== 'DataIntegrityProof') {
      throw new IdentityError('IDENTITY_MALFORMED', 'a proof is not a DataIntegrityProof')
    }
    const { cryptosuite, verificationMethod, proofValue, proofPurpose, created } = proof
    if (typeof verificationMethod !== 'string' || typeof proofValue !== 'string') {
      throw new IdentityError(
        'IDENTITY_MALFORMED',
        'a proof lacks verificationMethod or proofValue',
      )
    }
    if (refuseUnknown && !(cryptosuite in SUITE_KEY_ALG)) {
      throw new IdentityError(
        'IDENTITY_ALG_NOT_ALLOWED',
        `unknown cryptosuite ${String(cryptosuite)}`,
      )
    }
    if (!cryptosuites.includes(cryptosuite) || !(cryptosuite in SUITE_KEY_ALG)) {
      onSkip?.(proofValue, String(cryptosuite))
      checked.push({ cryptosuite: String(cryptosuite), verificationMethod, status: 'skipped' })
      continue
    }
    if (proofPurpose !== 'assertionMethod') {
      throw new IdentityError(
        'IDENTITY_WRONG_TYPE',
        `proof purpose ${proofPurpose} is not assertionMethod`,
      )
    }
    if (!isContextPrefix(proof['@context'], unsecured['@context'])) {
      throw new IdentityError('IDENTITY_MALFORMED', 'proof @context does not match the document')
    }
    const key = await resolveKey(verificationMethod)
    if (key.alg !== SUITE_KEY_ALG[cryptosuite]) {
      throw new IdentityError(
        'IDENTITY_ALG_NOT_ALLOWED',
        `${cryptosuite} cannot use a ${key.alg} key`,
      )
    }
    if (key.expires && (typeof created !== 'string' || !(created < key.expires))) {
      throw new IdentityError(
        'IDENTITY_KEY_RETIRED',
        `${verificationMethod} expired ${key.expires}`,
      )
    }
    let proofForm = canonicalForms.proofs.get(proof)
    if (!proofForm) {
      const config: Record<string, unknown> = { ...proof }
      delete config.proofValue
      proofForm = { config: canonicalJsonBytes(config), signature: decodeMultibase(proofValue) }
      canonicalForms.proofs.set(proof, proofForm)
    }
    // The document's canonical form, shared by the proofs of a proof set.
    let canonical = canonicalForms.documents.get(document)
    if (!canonical) {
      canonical = canonicalJsonBytes(unsecured)
      canonicalForms.documents.set(document, canonical)
    }
    const data = hashData(cryptosuite, proofForm.config, canonical, sha256Of)
    if (!checkSignature(cryptosuite, key, data, proofForm.signature)) {
      throw new IdentityError('IDENTITY_SIGNATURE_INVALID', `${cryptosuite} proof does not verify`)
    }
    checked.push({ cryptosuite, verificationMethod, status: 'verified', key })
  }
  if (!checked.some((entry) => entry.status === 'verified')) {
    throw new IdentityError('IDENTITY_ALG_NOT_ALLOWED', 'no proof of an accepted cryptosuite')
  }
  for (const suite of requiredCryptosuites) {
    if (!checked.some((entry) => entry.status === 'verified' && entry.cryptosuite === suite)) {
      throw new IdentityError('IDENTITY_ALG_NOT_ALLOWED', `a verified ${suite} proof is required`)
    }
  }
  return checked
}
