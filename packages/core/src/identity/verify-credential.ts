import { parseStrictJson, type Sha256, type VerifyCompactJws } from '../crypto/index.js'
import {
  landseaTypeOf,
  issuerIdOf,
  VC_V2_CONTEXT,
  type VerifiableCredential,
} from './credential.js'
import { verifyDataIntegrity, type ProofSignatureCheck } from './data-integrity.js'
import type { ResolvedKey } from './did-resolver.js'
import { IdentityError, type IdentityErrorCode, type IdentityIssue } from './identity-error.js'
import { validateCredential } from './credential.js'
import type { KeyLookup } from './key-lookup.js'
import { checkStatusEntries, statusEntriesOf } from './status-list.js'
import {
  decideTrust,
  type TrustAnchor,
  type TrustMaterial,
  type TrustPathStep,
} from './trust-decision.js'
import { assertValidAt } from './validity.js'
import { verifyVcJwt } from './vc-jwt.js'
import { peekTyp, verifySdJwt, W3C_SD_JWT_TYP } from './sd-jwt.js'

/** One verdict of a credential verification. */
export interface Verdict {
  readonly ok: boolean
  readonly code?: IdentityErrorCode
  readonly message: string
}

/** The full result of {@link verifyCredential}: separate verdicts, never an exception. */
export interface CredentialVerification {
  readonly format: 'vc+jwt' | 'data-integrity' | 'dc+sd-jwt' | 'vc+sd-jwt' | 'unknown'
  readonly credential?: VerifiableCredential
  readonly issuer?: string
  readonly credentialType?: string
  readonly signedBy?: ResolvedKey
  /** The proof or JWS verifies with the key it names. */
  readonly signature: Verdict
  /**
   * The signing key is the issuer's: its controller is the credential's issuer. Separate from
   * `signature`, so a correct proof by a key of someone else reads "signature valid, issuer is not
   * the key's controller" (the W3C eddsa-jcs-2022 vector signs for an https issuer with a did:key).
   */
  readonly issuerKey: Verdict
  readonly validity: Verdict
  readonly status: Verdict
  readonly trust: Verdict & { readonly path: readonly TrustPathStep[] }
  readonly warnings: readonly IdentityIssue[]
  /** True only when every verdict is ok. */
  readonly isValid: boolean
}

/** What {@link verifyCredential} needs: keys, trust material, status lists, the time. */
export interface CredentialVerifierOptions {
  readonly lookupKey: KeyLookup
  readonly trust?: { readonly anchor: TrustAnchor; readonly material: TrustMaterial }
  /** Returns the secured status list credential at a URL (vc+jwt string or DI document). */
  readonly fetchStatusList?: (url: string) => Promise<unknown>
  readonly now?: Date
  readonly algorithms?: readonly string[]
  /** A type the credential must have, e.g. `LegalEntityCredential` (else `IDENTITY_WRONG_TYPE`). */
  readonly expectedType?: string
  /**
   * Data Integrity cryptosuites this verifier checks; others in a proof set are skipped (a verifier
   * abroad may leave out `landsea-sm2-jcs-2026`). Default: all Landsea supports.
   */
  readonly cryptosuites?: readonly string[]
  /**
   * The JWS verifier for vc+jwt credentials, status lists, trust lists and recognitions; default
   * `verifyCompactJws`. A bundle's verifier passes one session that checks each distinct JWS once.
   */
  readonly verifyJws?: VerifyCompactJws
  /**
   * How Data Integrity proofs are checked: a platform's SHA-256, a signature check (a bundle's
   * verifier passes one that checks each distinct signature once), and a report of the proofs
   * left unchecked by `cryptosuites`.
   */
  readonly dataIntegrity?: {
    readonly sha256?: Sha256
    readonly checkSignature?: ProofSignatureCheck
    readonly onSkip?: (proofValue: string, cryptosuite: string) => void
    readonly refuseUnknown?: boolean
  }
  /**
   * Decodes a status list's `encodedList` (default `decodeStatusList`); a bundle's verifier
   * decodes each list once, though it is shown for every signer its issuer attests.
   */
  readonly decodeStatusList?: (encodedList: unknown) => Promise<Uint8Array>
  /** For SD-JWT presentations: the key-binding JWT must be for this audience and nonce. */
  readonly keyBinding?: { readonly audience: string; readonly nonce: string }
}

const JWT_CLAIMS = new Set(['iss', 'vct', 'cnf', 'iat', 'exp', 'nbf', 'status', '_sd_alg'])

function isoFromSeconds(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value)
    ? new Date(value * 1000).toISOString()
    : undefined
}

// An SD-JWT VC is flat JWT claims (iss, vct, …), not the VC data model; it is reported as a
// credential whose type is its vct and whose subject is the disclosed claims.
function credentialFromSdJwt(
  issuer: string,
  claims: Readonly<Record<string, unknown>>,
): VerifiableCredential {
  const validFrom = isoFromSeconds(claims.nbf) ?? isoFromSeconds(claims.iat)
  const validUntil = isoFromSeconds(claims.exp)
  return {
    '@context': [VC_V2_CONTEXT],
    type: ['VerifiableCredential', String(claims.vct)],
    issuer,
    ...(validFrom ? { validFrom } : {}),
    ...(validUntil ? { validUntil } : {}),
    credentialSubject: Object.fromEntries(
      Object.entries(claims).filter(([key]) => !JWT_CLAIMS.has(key)),
    ),
  }
}

// The registered JWT claims around a W3C VC secured as an SD-JWT (VC-JOSE-COSE): not VC members.
const W3C_JWT_CLAIMS = new Set(['iss', 'iat', 'exp', 'nbf', 'cnf', '_sd_alg'])

/** The format an input claims to be, before anything is verified. */
function formatOf(input: unknown): CredentialVerification['format'] {
  if (typeof input === 'string' && input.startsWith('{')) return 'data-integrity'
  if (typeof input === 'string') {
    if (!input.includes('~')) return 'vc+jwt'
    return peekTyp(input) === W3C_SD_JWT_TYP ? 'vc+sd-jwt' : 'dc+sd-jwt'
  }
  if (typeof input === 'object' && input !== null && !Array.isArray(input) && 'proof' in input)
    return 'data-integrity'
  return 'unknown'
}

const NOT_CHECKED = (why: string): Verdict => ({ ok: false, message: `not checked: ${why}` })

function failure(cause: unknown): Verdict {
  if (cause instanceof IdentityError) return { ok: false, code: cause.code, message: cause.message }
  // Verification input is hostile: anything unexpected is reported as malformed, never thrown.
  return {
    ok: false,
    code: 'IDENTITY_MALFORMED',
    message: cause instanceof Error ? cause.message : String(cause),
  }
}

// A credential secured outside a JWT's own claims must be a VC data model document.
function assertCredentialShape(unsecured: Record<string, unknown>): void {
  const issues = validateCredential(unsecured).filter(
    (i) => i.code === 'IDENTITY_MALFORMED' || i.code === 'IDENTITY_WRONG_TYPE',
  )
  if (issues.length > 0)
    throw new IdentityError(
      issues[0]!.code as IdentityErrorCode,
      `${issues[0]!.path}: ${issues[0]!.message}`,
    )
}

// For JWT formats the JWS verifies with the key its kid names; whether that key is the issuer's
// is the separate issuerKey verdict, as for Data Integrity proofs.
function withIssuerKey(
  format: CredentialVerification['format'],
  credential: VerifiableCredential,
  key: ResolvedKey,
): {
  format: CredentialVerification['format']
  credential: VerifiableCredential
  key: ResolvedKey
  foreignKey?: ResolvedKey
} {
  const isForeign = key.controller !== issuerIdOf(credential)
  return { format, credential, key, ...(isForeign ? { foreignKey: key } : {}) }
}

// A Data Integrity document may travel as JSON text (as a bundle's evidence and a status list
// fetched over HTTP do): read strictly, so that no duplicate member can hide what was signed.
function documentOf(input: unknown): unknown {
  if (typeof input !== 'string' || !input.startsWith('{')) return input
  const parsed = parseStrictJson(input)
  if (parsed.error) {
    throw new IdentityError(
      'IDENTITY_MALFORMED',
      `the credential is not JSON: ${parsed.error.message}`,
    )
  }
  return parsed.value
}

async function verifySecuring(
  text: unknown,
  options: CredentialVerifierOptions,
): Promise<{
  format: CredentialVerification['format']
  credential: VerifiableCredential
  key: ResolvedKey
  /** Set when the signature verifies with a key whose controller is not the issuer. */
  foreignKey?: ResolvedKey
}> {
  const input = documentOf(text)
  if (typeof input === 'string' && formatOf(input) === 'vc+sd-jwt') {
    // A W3C VC secured as an SD-JWT (VC-JOSE-COSE): the disclosed payload is the VC itself.
    const { claims, key } = await verifySdJwt(input, options.lookupKey, {
      ...(options.algorithms ? { algorithms: options.algorithms } : {}),
      ...(options.keyBinding ? { keyBinding: options.keyBinding } : {}),
      ...(options.now ? { now: options.now } : {}),
      profile: 'w3c',
      checkValidity: false,
      checkIssuerKey: false,
    })
    const credential = Object.fromEntries(
      Object.entries(claims).filter(([member]) => !W3C_JWT_CLAIMS.has(member)),
    )
    assertCredentialShape(credential)
    return withIssuerKey('vc+sd-jwt', credential as unknown as VerifiableCredential, key)
  }
  if (typeof input === 'string' && input.includes('~')) {
    const { issuer, claims, key } = await verifySdJwt(input, options.lookupKey, {
      ...(options.algorithms ? { algorithms: options.algorithms } : {}),
      ...(options.keyBinding ? { keyBinding: options.keyBinding } : {}),
      ...(options.now ? { now: options.now } : {}),
      checkValidity: false,
      checkIssuerKey: false,
    })
    return withIssuerKey('dc+sd-jwt', credentialFromSdJwt(issuer, claims), key)
  }
  if (typeof input === 'string') {
    const { credential, key } = await verifyVcJwt(input, options.lookupKey, {
      ...(options.algorithms ? { algorithms: options.algorithms } : {}),
      ...(options.verifyJws ? { verifyJws: options.verifyJws } : {}),
      checkIssuerKey: false,
    })
    return withIssuerKey('vc+jwt', credential, key)
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new IdentityError(
      'IDENTITY_MALFORMED',
      'a credential is a vc+jwt string or a JSON object',
    )
  }
  if (!('proof' in input))
    throw new IdentityError('IDENTITY_UNSIGNED', 'the credential has no proof and is not a JWS')
  const unsecured: Record<string, unknown> = { ...input }
  delete unsecured.proof
  assertCredentialShape(unsecured)
  const issuer = issuerIdOf(unsecured)!
  const proofs = await verifyDataIntegrity(
    input,
    (verificationMethod) => options.lookupKey({ kid: verificationMethod, issuer }),
    {
      ...options.dataIntegrity,
      ...(options.cryptosuites ? { cryptosuites: options.cryptosuites } : {}),
    },
  )
  const key = proofs.find((proof) => proof.status === 'verified')!.key!
  // The proofs verify; whose keys made them is the separate issuerKey verdict.
  const foreignKey = proofs.find((proof) => proof.key && proof.key.controller !== issuer)?.key
  return {
    format: 'data-integrity',
    credential: unsecured as unknown as VerifiableCredential,
    key,
    ...(foreignKey ? { foreignKey } : {}),
  }
}

async function checkStatus(
  credential: VerifiableCredential,
  options: CredentialVerifierOptions,
  now: Date,
): Promise<Verdict> {
  const entries = statusEntriesOf(credential)
  if (entries.length === 0) return { ok: true, message: 'no status entry: not revocable' }
  if (!options.fetchStatusList) {
    return {
      ok: false,
      code: 'IDENTITY_STATUS_UNAVAILABLE',
      message: 'no status list source configured',
    }
  }
  const lists = new Map<string, VerifiableCredential>()
  for (const entry of entries) {
    if (lists.has(entry.statusListCredential)) continue
    let secured: unknown
    try {
      secured = await options.fetchStatusList(entry.statusListCredential)
    } catch (cause) {
      throw new IdentityError(
        'IDENTITY_STATUS_UNAVAILABLE',
        `cannot fetch ${entry.statusListCredential}`,
        { cause },
      )
    }
    const { credential: list, foreignKey } = await verifySecuring(secured, options)
    if (foreignKey) {
      throw new IdentityError(
        'IDENTITY_ISSUER_MISMATCH',
        `status list key ${foreignKey.id} is not controlled by its issuer`,
      )
    }
    // A status list only counts when the credential's own issuer signed it.
    if (
      issuerIdOf(list) !== issuerIdOf(credential) ||
      !list.type.includes('BitstringStatusListCredential')
    ) {
      throw new IdentityError(
        'IDENTITY_STATUS_UNAVAILABLE',
        'the status list is not the issuer’s BitstringStatusListCredential',
      )
    }
    assertValidAt(list, now)
    lists.set(entry.statusListCredential, list)
  }
  const checks = await checkStatusEntries(credential, lists, options.decodeStatusList)
  if (checks.some((c) => c.statusPurpose === 'revocation' && c.isSet)) {
    return {
      ok: false,
      code: 'IDENTITY_REVOKED',
      message: 'the issuer has revoked this credential',
    }
  }
  if (checks.some((c) => c.statusPurpose === 'suspension' && c.isSet)) {
    return {
      ok: false,
      code: 'IDENTITY_SUSPENDED',
      message: 'the issuer has suspended this credential',
    }
  }
  return {
    ok: true,
    message: `not revoked or suspended (${checks.map((c) => c.statusPurpose).join(', ')})`,
  }
}

/**
 * Verifies a credential as named steps (sigstore-style) and reports each separately: the
 * signature (proof, issuer key, key rotation), validity period, status list, and trust path. So
 * a correctly signed credential from an unknown issuer reads "signature valid, issuer not
 * trusted". Hostile input: this never throws.
 */
export async function verifyCredential(
  input: unknown,
  options: CredentialVerifierOptions,
): Promise<CredentialVerification> {
  const now = options.now ?? new Date()
  let secured: Awaited<ReturnType<typeof verifySecuring>>
  try {
    secured = await verifySecuring(input, options)
  } catch (cause) {
    const signature = failure(cause)
    return {
      format: formatOf(input),
      signature,
      issuerKey: NOT_CHECKED('signature failed'),
      validity: NOT_CHECKED('signature failed'),
      status: NOT_CHECKED('signature failed'),
      trust: { ...NOT_CHECKED('signature failed'), path: [] },
      warnings: [],
      isValid: false,
    }
  }
  const { credential, key, format, foreignKey } = secured
  const issuer = issuerIdOf(credential)!
  const credentialType =
    landseaTypeOf(credential) ?? credential.type.find((t) => t !== 'VerifiableCredential')
  const warnings = validateCredential(credential).filter(
    (i) => i.code === 'IDENTIFIER_CHECK_WARNING',
  )
  const signature: Verdict = {
    ok: true,
    message: `signature valid (${format}, ${key.alg}, key ${key.id})${
      format === 'dc+sd-jwt' || format === 'vc+sd-jwt'
        ? options.keyBinding
          ? '; holder key binding verified'
          : '; holder key binding not checked'
        : ''
    }`,
  }

  const issuerKey: Verdict = foreignKey
    ? {
        ok: false,
        code: 'IDENTITY_ISSUER_MISMATCH',
        message: `the issuer ${issuer} is not the controller of key ${foreignKey.id} (${foreignKey.controller})`,
      }
    : { ok: true, message: `key ${key.id} is controlled by the issuer` }

  let validity: Verdict = { ok: true, message: 'within its validity period' }
  try {
    assertValidAt(credential, now)
    if (options.expectedType && !credential.type.includes(options.expectedType)) {
      throw new IdentityError(
        'IDENTITY_WRONG_TYPE',
        `expected a ${options.expectedType}, got ${credential.type.join(', ')}`,
      )
    }
    const errors = validateCredential(credential).filter(
      (i) => i.code !== 'IDENTIFIER_CHECK_WARNING',
    )
    if (errors.length > 0) {
      throw new IdentityError(
        'IDENTITY_IDENTIFIER_INVALID',
        `${errors[0]!.path}: ${errors[0]!.message}`,
      )
    }
  } catch (cause) {
    validity = failure(cause)
  }

  let status: Verdict
  try {
    status = await checkStatus(credential, options, now)
  } catch (cause) {
    status = failure(cause)
  }

  let trust: Verdict & { path: readonly TrustPathStep[] }
  if (!issuerKey.ok) {
    // A trust decision is about the issuer; here the issuer did not sign.
    trust = { ...NOT_CHECKED('the issuer did not sign'), path: [] }
  } else if (validity.code === 'IDENTITY_IDENTIFIER_INVALID') {
    // Identifiers are validated before any trust decision is made on them.
    trust = { ...NOT_CHECKED('the identifier is invalid'), path: [] }
  } else if (!options.trust) {
    trust = {
      ok: false,
      code: 'IDENTITY_ISSUER_NOT_TRUSTED',
      message: 'no trust anchor configured',
      path: [],
    }
  } else if (!credentialType) {
    trust = {
      ok: false,
      code: 'IDENTITY_WRONG_TYPE',
      message: 'the credential has no specific type',
      path: [],
    }
  } else {
    const subject = credential.credentialSubject
    const identifier = subject.identifier as { scheme?: string } | undefined
    const decision = await decideTrust(
      {
        issuer,
        credentialType,
        at: now,
        ...(typeof identifier?.scheme === 'string' ? { identifierScheme: identifier.scheme } : {}),
        ...(typeof subject.role === 'string' ? { role: subject.role } : {}),
      },
      { ...options.trust, ...(options.verifyJws ? { verifyJws: options.verifyJws } : {}) },
    )
    trust = decision.isTrusted
      ? { ok: true, message: decision.summary, path: decision.path }
      : { ok: false, code: decision.code, message: decision.reason, path: [] }
  }
  return {
    format,
    credential,
    issuer,
    credentialType,
    signedBy: key,
    signature,
    issuerKey,
    validity,
    status,
    trust,
    warnings,
    isValid: signature.ok && issuerKey.ok && validity.ok && status.ok && trust.ok,
  }
}
