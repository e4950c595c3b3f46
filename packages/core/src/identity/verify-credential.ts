import type { parseStrictJson, Sha256, VerifyCompactJws } from '../crypto/index.js'
import { landseaTypeOf, issuerIdOf, type VerifiableCredential } from './credential.js'
import type { CanonicalForms, ProofSignatureCheck } from './data-integrity.js'
import type { ResolvedKey } from './did-resolver.js'
import { IdentityError, type IdentityErrorCode, type IdentityIssue } from './identity-error.js'
import { validateCredential } from './credential.js'
import type { KeyLookup } from './key-lookup.js'
import {
  decideTrust,
  type TrustAnchor,
  type TrustStatementVerifier,
  type TrustMaterial,
  type TrustPathStep,
} from './trust-decision.js'
import { assertValidAt } from './validity.js'
import { formatOf, verifySecuring } from './credential-securing.js'
import { checkCredentialStatus } from './credential-status-check.js'

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
   * How trust lists and recognitions are verified; default each with `verifyJws`. A bundle's
   * verifier passes one that answers each statement once for all its signers.
   */
  readonly trustStatements?: TrustStatementVerifier
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
    readonly canonicalForms?: CanonicalForms
  }
  /**
   * Reads a Data Integrity document's JSON text strictly (default `parseStrictJson`); a bundle's
   * verifier reads each text once, though it is shown in every bundle a multi-log bundle nests.
   */
  readonly readJson?: typeof parseStrictJson
  /**
   * Decodes a status list's `encodedList` (default `decodeStatusList`); a bundle's verifier
   * decodes each list once, though it is shown for every signer its issuer attests.
   */
  readonly decodeStatusList?: (encodedList: unknown) => Promise<Uint8Array>
  /** For SD-JWT presentations: the key-binding JWT must be for this audience and nonce. */
  readonly keyBinding?: { readonly audience: string; readonly nonce: string }
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
  const issues = validateCredential(credential)
  const warnings = issues.filter((i) => i.code === 'IDENTIFIER_CHECK_WARNING')
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
    const errors = issues.filter((i) => i.code !== 'IDENTIFIER_CHECK_WARNING')
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
    status = await checkCredentialStatus(credential, options, now)
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
      {
        ...options.trust,
        ...(options.verifyJws ? { verifyJws: options.verifyJws } : {}),
        ...(options.trustStatements ? { statements: options.trustStatements } : {}),
      },
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
