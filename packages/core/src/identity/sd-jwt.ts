import { SDJwtInstance } from '@sd-jwt/core'
import type { DisclosureFrame } from '@sd-jwt/types'
import { base64url, type JWK } from 'jose'
import { readJwsHeader, sha256, type SigningAlgorithm } from '../crypto/index.js'
import type { ResolvedKey } from './did-resolver.js'
import { IdentityError } from './identity-error.js'
import { createRawJwsSigner } from './jws-signer.js'
import type { KeyLookup } from './key-lookup.js'
import { algorithmOfJwk, publicJwkOf } from './multikey.js'
import {
  assertAlgorithmAllowed,
  CREDENTIAL_ALGORITHMS,
  decodeJsonPayload,
  readSecuredHeader,
  verifyWithKey,
} from './vc-jwt.js'

/** The media type of an IETF SD-JWT VC (draft-ietf-oauth-sd-jwt-vc). */
export const SD_JWT_VC_TYP = 'dc+sd-jwt'
/** The W3C VC-JOSE-COSE media type of a VCDM 2.0 credential secured as SD-JWT. */
export const W3C_SD_JWT_TYP = 'vc+sd-jwt'

const encoder = new TextEncoder()
const KB_MAX_AGE_SECONDS = 300

function hasher(data: string | ArrayBuffer, alg: string): Uint8Array {
  if (alg.toLowerCase() !== 'sha-256') throw new Error(`unsupported _sd_alg ${alg}`)
  return sha256(typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data))
}

function saltGenerator(length: number): string {
  return base64url.encode(crypto.getRandomValues(new Uint8Array(length)))
}

/**
 * Issues an SD-JWT VC (RFC 9901, `typ: dc+sd-jwt`) for personal data: each claim named in
 * `disclosable` becomes a salted disclosure; `cnf.jwk` binds it to the holder's key.
 */
export async function issueSdJwtVc({
  issuer,
  vct,
  claims,
  disclosable,
  holderPublicJwk,
  privateJwk,
  alg,
  kid,
  issuedAt = new Date(),
  expiresAt,
}: {
  issuer: string
  vct: string
  claims: Record<string, unknown>
  disclosable: readonly string[]
  holderPublicJwk: JWK
  privateJwk: JWK
  alg: SigningAlgorithm
  kid: string
  issuedAt?: Date
  expiresAt?: Date
}): Promise<string> {
  const instance = new SDJwtInstance({
    hasher,
    hashAlg: 'sha-256',
    saltGenerator,
    signer: createRawJwsSigner(privateJwk, alg),
    signAlg: alg,
  })
  const payload = {
    ...claims,
    iss: issuer,
    vct,
    iat: Math.floor(issuedAt.getTime() / 1000),
    ...(expiresAt ? { exp: Math.floor(expiresAt.getTime() / 1000) } : {}),
    cnf: { jwk: publicJwkOf(holderPublicJwk) },
  }
  const frame = { _sd: [...disclosable] } as DisclosureFrame<typeof payload>
  return instance.issue(payload, frame, { header: { typ: SD_JWT_VC_TYP, kid } })
}

/**
 * Presents an SD-JWT with only the `disclose` claims and a key-binding JWT (`typ: kb+jwt`) over
 * `aud`, `nonce`, `iat` and `sd_hash`, signed with the holder's key.
 */
export async function presentSdJwtVc(
  sdJwt: string,
  {
    disclose,
    holderPrivateJwk,
    audience,
    nonce,
    now = new Date(),
  }: {
    disclose: readonly string[]
    holderPrivateJwk: JWK
    audience: string
    nonce: string
    now?: Date
  },
): Promise<string> {
  const alg = algorithmOfJwk(holderPrivateJwk)
  if (!alg) throw new IdentityError('IDENTITY_ALG_NOT_ALLOWED', 'unsupported holder key')
  const instance = new SDJwtInstance({
    hasher,
    hashAlg: 'sha-256',
    kbSigner: createRawJwsSigner(holderPrivateJwk, alg),
    kbSignAlg: alg,
  })
  const frame = Object.fromEntries(disclose.map((claim) => [claim, true]))
  return instance.present(sdJwt, frame, {
    kb: { payload: { iat: Math.floor(now.getTime() / 1000), aud: audience, nonce } },
  })
}

/** The verified content of an SD-JWT. */
export interface VerifiedSdJwt {
  readonly header: Record<string, unknown>
  readonly issuer: string
  /** Claims after disclosure: always-visible claims plus the disclosed ones. */
  readonly claims: Readonly<Record<string, unknown>>
  readonly key: ResolvedKey
  readonly holderJwk?: JWK
}

function collectDigests(value: unknown, into: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (
        typeof item === 'object' &&
        item !== null &&
        typeof (item as Record<string, unknown>)['...'] === 'string'
      ) {
        into.push((item as Record<string, string>)['...']!)
      } else collectDigests(item, into)
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, member] of Object.entries(value)) {
      if (key === '_sd' && Array.isArray(member))
        into.push(...member.filter((d): d is string => typeof d === 'string'))
      else collectDigests(member, into)
    }
  }
}

// RFC 9901 §7.1 step 3-4: every disclosure must be referenced exactly once, by the payload or by
// another disclosure. Libraries have been lax here (openwallet-foundation/sd-jwt-js#388).
function assertDisclosuresReferenced(
  payload: Record<string, unknown>,
  disclosures: readonly string[],
): void {
  const digests: string[] = []
  collectDigests(payload, digests)
  for (const disclosure of disclosures) {
    let decoded: unknown
    try {
      decoded = JSON.parse(new TextDecoder().decode(base64url.decode(disclosure)))
    } catch (cause) {
      throw new IdentityError('IDENTITY_MALFORMED', 'a disclosure is not base64url JSON', { cause })
    }
    if (!Array.isArray(decoded) || (decoded.length !== 2 && decoded.length !== 3)) {
      throw new IdentityError('IDENTITY_MALFORMED', 'a disclosure must be [salt, (name,) value]')
    }
    collectDigests(decoded.at(-1), digests)
  }
  const seen = new Set<string>()
  for (const disclosure of disclosures) {
    const digest = base64url.encode(sha256(disclosure))
    if (seen.has(digest)) throw new IdentityError('IDENTITY_MALFORMED', 'a disclosure is repeated')
    seen.add(digest)
    if (!digests.includes(digest)) {
      throw new IdentityError(
        'IDENTITY_MALFORMED',
        'a disclosure is not referenced by the credential',
      )
    }
  }
}

async function verifyKeyBinding(
  kbJwt: string,
  presentedWithoutKb: string,
  holderJwk: JWK | undefined,
  expected: { audience: string; nonce: string },
  now: Date,
): Promise<void> {
  if (!kbJwt)
    throw new IdentityError('IDENTITY_KEY_BINDING_INVALID', 'no key-binding JWT presented')
  if (!holderJwk)
    throw new IdentityError('IDENTITY_KEY_BINDING_INVALID', 'the credential has no cnf.jwk')
  const header = readSecuredHeader(kbJwt)
  if (header.typ !== 'kb+jwt')
    throw new IdentityError('IDENTITY_KEY_BINDING_INVALID', 'key-binding JWT typ must be kb+jwt')
  assertAlgorithmAllowed(header.alg, CREDENTIAL_ALGORITHMS)
  const holderAlg = algorithmOfJwk(holderJwk)
  if (!holderAlg) throw new IdentityError('IDENTITY_KEY_BINDING_INVALID', 'unsupported cnf.jwk')
  try {
    await verifyWithKey(kbJwt, header, {
      id: 'cnf',
      controller: 'holder',
      publicJwk: holderJwk,
      alg: holderAlg,
    })
  } catch (cause) {
    throw new IdentityError(
      'IDENTITY_KEY_BINDING_INVALID',
      'the key-binding JWT signature does not verify',
      { cause },
    )
  }
  const payload = decodeJsonPayload(kbJwt)
  if (payload.aud !== expected.audience) {
    throw new IdentityError(
      'IDENTITY_WRONG_AUDIENCE',
      `presented to ${String(payload.aud)}, not ${expected.audience}`,
    )
  }
  if (payload.nonce !== expected.nonce)
    throw new IdentityError('IDENTITY_NONCE_MISMATCH', 'the nonce does not match')
  if (payload.sd_hash !== base64url.encode(sha256(presentedWithoutKb))) {
    throw new IdentityError(
      'IDENTITY_KEY_BINDING_INVALID',
      'sd_hash does not cover the presented SD-JWT',
    )
  }
  const iat = payload.iat
  if (typeof iat !== 'number' || Math.abs(now.getTime() / 1000 - iat) > KB_MAX_AGE_SECONDS) {
    throw new IdentityError('IDENTITY_KEY_BINDING_INVALID', 'the key-binding JWT is not fresh')
  }
}

/**
 * Verifies an SD-JWT: issuer signature, strict disclosure checks, `typ` (`dc+sd-jwt` with `vct`,
 * or the W3C `vc+sd-jwt` when `profile` is `w3c`), `exp`/`nbf`, and, when `keyBinding` is given,
 * the holder's key-binding JWT with audience and nonce. Only `IdentityError` escapes.
 */
export async function verifySdJwt(
  token: unknown,
  lookupKey: KeyLookup,
  {
    algorithms = CREDENTIAL_ALGORITHMS,
    keyBinding,
    now = new Date(),
    profile = 'sd-jwt-vc',
    checkValidity = true,
    checkIssuerKey = true,
  }: {
    algorithms?: readonly string[]
    keyBinding?: { audience: string; nonce: string }
    now?: Date
    profile?: 'sd-jwt-vc' | 'w3c'
    /** Check `exp`/`nbf` here (default); callers that report validity separately turn it off. */
    checkValidity?: boolean
    /** Refuse a key not controlled by `iss` (default); callers reporting it separately turn it off. */
    checkIssuerKey?: boolean
  } = {},
): Promise<VerifiedSdJwt> {
  if (typeof token !== 'string' || !token.includes('~')) {
    throw new IdentityError('IDENTITY_MALFORMED', 'an SD-JWT is issuer-JWT~disclosures~[KB-JWT]')
  }
  const parts = token.split('~')
  const jwt = parts[0]!
  const kbJwt = parts.at(-1)!
  const disclosures = parts.slice(1, -1)
  if (jwt.split('.').length !== 3)
    throw new IdentityError('IDENTITY_MALFORMED', 'the issuer JWT is not a compact JWS')
  const header = readSecuredHeader(jwt)
  assertAlgorithmAllowed(header.alg, algorithms)
  const payload = decodeJsonPayload(jwt)
  const expectedTyp = profile === 'w3c' ? W3C_SD_JWT_TYP : SD_JWT_VC_TYP
  if (header.typ !== expectedTyp) {
    throw new IdentityError(
      'IDENTITY_WRONG_TYPE',
      `typ is ${String(header.typ)}, expected ${expectedTyp}`,
    )
  }
  if (profile === 'sd-jwt-vc' && typeof payload.vct !== 'string') {
    throw new IdentityError('IDENTITY_WRONG_TYPE', 'an SD-JWT VC needs a vct claim')
  }
  const issuer = typeof payload.iss === 'string' ? payload.iss : undefined
  if (!issuer) throw new IdentityError('IDENTITY_MALFORMED', 'the SD-JWT has no iss')
  const key = await lookupKey({ ...(header.kid ? { kid: header.kid } : {}), issuer, header })
  if (checkIssuerKey && key.controller !== issuer) {
    throw new IdentityError(
      'IDENTITY_ISSUER_MISMATCH',
      `key ${key.id} is not controlled by ${issuer}`,
    )
  }
  await verifyWithKey(jwt, header, key)
  assertDisclosuresReferenced(payload, disclosures)
  const seconds = now.getTime() / 1000
  if (checkValidity && typeof payload.exp === 'number' && seconds > payload.exp)
    throw new IdentityError('IDENTITY_EXPIRED', 'the SD-JWT has expired')
  if (checkValidity && typeof payload.nbf === 'number' && seconds < payload.nbf)
    throw new IdentityError('IDENTITY_NOT_YET_VALID', 'the SD-JWT is not yet valid')
  const cnf = payload.cnf as { jwk?: JWK } | undefined
  const holderJwk = typeof cnf?.jwk === 'object' ? cnf.jwk : undefined
  if (keyBinding) {
    await verifyKeyBinding(
      kbJwt,
      token.slice(0, token.length - kbJwt.length),
      holderJwk,
      keyBinding,
      now,
    )
  }
  let claims: Record<string, unknown>
  try {
    const instance = new SDJwtInstance({ hasher, hashAlg: 'sha-256', verifier: () => true })
    // The issuer signature and key binding are verified above; the library unpacks disclosures.
    const withoutKb = token.slice(0, token.length - kbJwt.length)
    claims = (await instance.getClaims(withoutKb)) as Record<string, unknown>
  } catch (cause) {
    throw new IdentityError('IDENTITY_MALFORMED', 'the disclosures cannot be applied', { cause })
  }
  delete claims._sd_alg
  return {
    header: header as unknown as Record<string, unknown>,
    issuer,
    claims,
    key,
    ...(holderJwk ? { holderJwk } : {}),
  }
}

/** Reads the `typ` of a compact JWS or SD-JWT without verifying it (for routing). */
export function peekTyp(token: string): string | undefined {
  try {
    return readJwsHeader(token.split('~')[0]!).typ
  } catch {
    return undefined
  }
}
