import { base64url, type JWK } from 'jose'
import {
  CryptoError,
  fromBase64Url,
  readJwsHeader,
  signCompactJws,
  verifyCompactJws,
  type JwsHeader,
  type SigningAlgorithm,
  type VerifyCompactJws,
} from '../crypto/index.js'
import { issuerIdOf, validateCredential, type VerifiableCredential } from './credential.js'
import type { ResolvedKey } from './did-resolver.js'
import { assertNoIssues, IdentityError } from './identity-error.js'
import type { KeyLookup } from './key-lookup.js'

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

/** Media types of VC-JOSE-COSE §3.1.1 / §3.2.1. */
export const VC_JWT_TYP = 'vc+jwt'
/** The `typ` of a presentation secured as JOSE. */
export const VP_JWT_TYP = 'vp+jwt'

/** The JWS algorithms a Landsea verifier accepts for credentials, by default. */
export const CREDENTIAL_ALGORITHMS: readonly string[] = [
  'EdDSA',
  'ES256',
  'ES384',
  'ES512',
  'SM2SM3',
]

/**
 * Secures a credential as `application/vc+jwt` (VC-JOSE-COSE §3.1.1): the JWS payload is the
 * credential itself, with no `vc` claim; `kid` is the issuer's verification method (DID URL).
 */
export async function issueVcJwt({
  credential,
  privateJwk,
  alg,
  kid,
}: {
  credential: VerifiableCredential
  privateJwk: JWK
  alg: SigningAlgorithm
  kid: string
}): Promise<string> {
  assertNoIssues(validateCredential(credential))
  return signCompactJws({
    payload: encoder.encode(JSON.stringify(credential)),
    privateJwk,
    alg,
    kid,
    typ: VC_JWT_TYP,
  })
}

/** Parses the protected header of a JOSE-secured credential; hostile input. */
export function readSecuredHeader(jwt: string): JwsHeader {
  try {
    return readJwsHeader(jwt)
  } catch (cause) {
    throw new IdentityError('IDENTITY_MALFORMED', 'not a compact JWS', { cause })
  }
}

/**
 * Checks a JWS `alg` before any key is used: `none` and HMAC algorithms are refused outright
 * (with a public key as the HMAC secret anyone could forge), and so is anything not listed.
 */
export function assertAlgorithmAllowed(alg: string, algorithms: readonly string[]): void {
  if (alg === 'none') {
    throw new IdentityError('IDENTITY_ALG_NOT_ALLOWED', 'alg "none": the credential is not signed')
  }
  if (/^HS\d+$/.test(alg)) {
    throw new IdentityError(
      'IDENTITY_ALG_NOT_ALLOWED',
      `${alg} is symmetric; credentials need a public-key signature`,
    )
  }
  if (!algorithms.includes(alg)) {
    throw new IdentityError('IDENTITY_ALG_NOT_ALLOWED', `algorithm ${alg} is not accepted`)
  }
}

/** Decodes a JWS payload as a JSON object; hostile input. */
export function decodeJsonPayload(jwt: string): Record<string, unknown> {
  try {
    const part = jwt.split('.')[1] ?? ''
    if (!/^[A-Za-z0-9_-]+$/.test(part)) throw new Error('payload is not base64url')
    // The canonical text of some bytes (every payload Landsea and conformant issuers write) has
    // one decoding, which the strict decoder (native where there is one) finds; anything else is
    // read by jose's lenient decoder as before (non-zero trailing bits are ignored there).
    const bytes = fromBase64Url(part) ?? base64url.decode(part)
    const value: unknown = JSON.parse(decoder.decode(bytes))
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new Error('not an object')
    return value as Record<string, unknown>
  } catch (cause) {
    throw new IdentityError('IDENTITY_MALFORMED', 'the JWS payload is not a JSON object', { cause })
  }
}

/** Verifies a JWS with a resolved key, mapping crypto failures to identity codes. */
export async function verifyWithKey(
  jwt: string,
  header: JwsHeader,
  key: ResolvedKey,
  verifyJws: VerifyCompactJws = verifyCompactJws,
): Promise<void> {
  if (header.alg !== key.alg) {
    throw new IdentityError(
      'IDENTITY_ALG_NOT_ALLOWED',
      `alg ${header.alg} does not match the ${key.alg} key ${key.id}`,
    )
  }
  try {
    await verifyJws(jwt, key.publicJwk, { algorithms: [key.alg] })
  } catch (cause) {
    const code =
      cause instanceof CryptoError && cause.code === 'CRYPTO_JWS_MALFORMED'
        ? 'IDENTITY_MALFORMED'
        : 'IDENTITY_SIGNATURE_INVALID'
    throw new IdentityError(code, 'the signature does not verify', { cause })
  }
}

/** A verified JOSE-secured credential and the key that signed it. */
export interface VerifiedVcJwt {
  readonly credential: VerifiableCredential
  readonly header: JwsHeader
  readonly key: ResolvedKey
}

/**
 * Verifies the securing of a `vc+jwt`: algorithm, `typ`, payload shape (no `vc`/`vp` claims),
 * the key of `kid`, that the key's controller is the issuer, that the key had not been rotated out
 * before `validFrom`, and the signature. Validity period, status and trust are separate steps.
 */
export async function verifyVcJwt(
  jwt: unknown,
  lookupKey: KeyLookup,
  {
    algorithms = CREDENTIAL_ALGORITHMS,
    verifyJws,
    checkIssuerKey = true,
  }: {
    algorithms?: readonly string[]
    verifyJws?: VerifyCompactJws
    /**
     * Refuse a key whose controller is not the issuer (default); callers that report the
     * issuer key as a verdict of its own turn it off and compare `key.controller` themselves.
     */
    checkIssuerKey?: boolean
  } = {},
): Promise<VerifiedVcJwt> {
  if (typeof jwt !== 'string' || jwt.split('.').length !== 3) {
    throw new IdentityError('IDENTITY_MALFORMED', 'a vc+jwt is a compact JWS of three parts')
  }
  const header = readSecuredHeader(jwt)
  assertAlgorithmAllowed(header.alg, algorithms)
  if (header.typ !== VC_JWT_TYP) {
    throw new IdentityError(
      'IDENTITY_WRONG_TYPE',
      `typ is ${String(header.typ)}, expected ${VC_JWT_TYP}`,
    )
  }
  const payload = decodeJsonPayload(jwt)
  if ('vc' in payload || 'vp' in payload) {
    throw new IdentityError('IDENTITY_MALFORMED', 'VC-JOSE-COSE forbids the vc and vp claims')
  }
  // Only the shape here: identifier checks belong to the validity step, reported separately.
  assertNoIssues(
    validateCredential(payload).filter(
      (issue) => issue.code === 'IDENTITY_MALFORMED' || issue.code === 'IDENTITY_WRONG_TYPE',
    ),
  )
  const credential = payload as unknown as VerifiableCredential
  const issuer = issuerIdOf(credential)!
  const key = await lookupKey({ ...(header.kid ? { kid: header.kid } : {}), issuer, header })
  if (checkIssuerKey && key.controller !== issuer) {
    throw new IdentityError(
      'IDENTITY_ISSUER_MISMATCH',
      `key ${key.id} is controlled by ${key.controller}, not the issuer ${issuer}`,
    )
  }
  await verifyWithKey(jwt, header, key, verifyJws)
  if (
    key.expires &&
    !(typeof credential.validFrom === 'string' && credential.validFrom < key.expires)
  ) {
    throw new IdentityError(
      'IDENTITY_KEY_RETIRED',
      `key ${key.id} was rotated out at ${key.expires}`,
    )
  }
  return { credential, header, key }
}
