import { parseStrictJson } from '../crypto/index.js'
import {
  issuerIdOf,
  VC_V2_CONTEXT,
  validateCredential,
  type VerifiableCredential,
} from './credential.js'
import { verifyDataIntegrity } from './data-integrity.js'
import type { ResolvedKey } from './did-resolver.js'
import { IdentityError, type IdentityErrorCode } from './identity-error.js'
import { peekTyp, verifySdJwt, W3C_SD_JWT_TYP } from './sd-jwt.js'
import { verifyVcJwt } from './vc-jwt.js'
import type { CredentialVerification, CredentialVerifierOptions } from './verify-credential.js'

// The securing step of a credential verification: which format it is, and whether its signature
// or proofs verify with the key they name (verify-credential.ts reports the other steps).

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
export function formatOf(input: unknown): CredentialVerification['format'] {
  if (typeof input === 'string' && input.startsWith('{')) return 'data-integrity'
  if (typeof input === 'string') {
    if (!input.includes('~')) return 'vc+jwt'
    return peekTyp(input) === W3C_SD_JWT_TYP ? 'vc+sd-jwt' : 'dc+sd-jwt'
  }
  if (typeof input === 'object' && input !== null && !Array.isArray(input) && 'proof' in input)
    return 'data-integrity'
  return 'unknown'
}

// Both SD-JWT profiles: the caller's algorithms, key binding and time; validity and the issuer's
// key are separate verdicts.
const sdJwtOptions = (options: CredentialVerifierOptions) => ({
  ...(options.algorithms ? { algorithms: options.algorithms } : {}),
  ...(options.keyBinding ? { keyBinding: options.keyBinding } : {}),
  ...(options.now ? { now: options.now } : {}),
  checkValidity: false,
  checkIssuerKey: false,
})

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
function documentOf(input: unknown, readJson = parseStrictJson): unknown {
  if (typeof input !== 'string' || !input.startsWith('{')) return input
  const parsed = readJson(input)
  if (parsed.error) {
    throw new IdentityError(
      'IDENTITY_MALFORMED',
      `the credential is not JSON: ${parsed.error.message}`,
    )
  }
  return parsed.value
}

export async function verifySecuring(
  text: unknown,
  options: CredentialVerifierOptions,
): Promise<{
  format: CredentialVerification['format']
  credential: VerifiableCredential
  key: ResolvedKey
  /** Set when the signature verifies with a key whose controller is not the issuer. */
  foreignKey?: ResolvedKey
}> {
  const input = documentOf(text, options.readJson)
  if (typeof input === 'string' && formatOf(input) === 'vc+sd-jwt') {
    // A W3C VC secured as an SD-JWT (VC-JOSE-COSE): the disclosed payload is the VC itself.
    const { claims, key } = await verifySdJwt(input, options.lookupKey, {
      ...sdJwtOptions(options),
      profile: 'w3c',
    })
    const credential = Object.fromEntries(
      Object.entries(claims).filter(([member]) => !W3C_JWT_CLAIMS.has(member)),
    )
    assertCredentialShape(credential)
    return withIssuerKey('vc+sd-jwt', credential as unknown as VerifiableCredential, key)
  }
  if (typeof input === 'string' && input.includes('~')) {
    const { issuer, claims, key } = await verifySdJwt(
      input,
      options.lookupKey,
      sdJwtOptions(options),
    )
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
