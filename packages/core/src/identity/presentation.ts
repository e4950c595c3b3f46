import type { JWK } from 'jose'
import { signCompactJws, type SigningAlgorithm } from '../crypto/index.js'
import { VC_V2_CONTEXT } from './credential.js'
import type { ResolvedKey } from './did-resolver.js'
import { IdentityError } from './identity-error.js'
import type { KeyLookup } from './key-lookup.js'
import {
  verifyCredential,
  type CredentialVerification,
  type CredentialVerifierOptions,
} from './verify-credential.js'
import {
  assertAlgorithmAllowed,
  CREDENTIAL_ALGORITHMS,
  decodeJsonPayload,
  readSecuredHeader,
  verifyWithKey,
  VP_JWT_TYP,
} from './vc-jwt.js'

const encoder = new TextEncoder()
const ENVELOPE_PREFIX = 'data:application/vc+jwt,'

/**
 * Secures a presentation of vc+jwt credentials as `application/vp+jwt` (VC-JOSE-COSE §3.2.1),
 * with each credential enveloped as a `data:` URL, and the verifier's `aud` and `nonce` to stop
 * replay to another node.
 */
export async function issueVpJwt({
  holder,
  credentials,
  audience,
  nonce,
  privateJwk,
  alg,
  kid,
  now = new Date(),
}: {
  holder: string
  credentials: readonly string[]
  audience: string
  nonce: string
  privateJwk: JWK
  alg: SigningAlgorithm
  kid: string
  now?: Date
}): Promise<string> {
  const presentation = {
    '@context': [VC_V2_CONTEXT],
    type: ['VerifiablePresentation'],
    holder,
    verifiableCredential: credentials.map((jwt) => ({
      '@context': [VC_V2_CONTEXT],
      id: `${ENVELOPE_PREFIX}${jwt}`,
      type: 'EnvelopedVerifiableCredential',
    })),
    aud: audience,
    nonce,
    iat: Math.floor(now.getTime() / 1000),
  }
  return signCompactJws({
    payload: encoder.encode(JSON.stringify(presentation)),
    privateJwk,
    alg,
    kid,
    typ: VP_JWT_TYP,
  })
}

/** A verified presentation: the holder, its key, and the verification of each credential. */
export interface VerifiedPresentation {
  readonly holder: string
  readonly key: ResolvedKey
  readonly credentials: readonly CredentialVerification[]
}

/**
 * Verifies a `vp+jwt`: the holder's authentication key signed it, for this `audience` and
 * `nonce`, recently; then each enveloped credential in full, whose subject must be the holder.
 * Throws `IdentityError` for the presentation; credential verdicts are returned, not thrown.
 */
export async function verifyVpJwt(
  jwt: unknown,
  {
    lookupKey,
    audience,
    nonce,
    now = new Date(),
    maxAgeSeconds = 300,
    credentialOptions,
  }: {
    lookupKey: KeyLookup
    audience: string
    nonce: string
    now?: Date
    maxAgeSeconds?: number
    credentialOptions: Omit<CredentialVerifierOptions, 'lookupKey' | 'now'>
  },
): Promise<VerifiedPresentation> {
  if (typeof jwt !== 'string' || jwt.split('.').length !== 3) {
    throw new IdentityError('IDENTITY_MALFORMED', 'a vp+jwt is a compact JWS of three parts')
  }
  const header = readSecuredHeader(jwt)
  assertAlgorithmAllowed(header.alg, CREDENTIAL_ALGORITHMS)
  if (header.typ !== VP_JWT_TYP) {
    throw new IdentityError(
      'IDENTITY_WRONG_TYPE',
      `typ is ${String(header.typ)}, expected ${VP_JWT_TYP}`,
    )
  }
  const payload = decodeJsonPayload(jwt)
  const types = payload.type
  if (!Array.isArray(types) || !types.includes('VerifiablePresentation')) {
    throw new IdentityError('IDENTITY_WRONG_TYPE', 'type must include VerifiablePresentation')
  }
  const holder = payload.holder
  if (typeof holder !== 'string')
    throw new IdentityError('IDENTITY_MALFORMED', 'holder is required')
  const key = await lookupKey({
    ...(header.kid ? { kid: header.kid } : {}),
    issuer: holder,
    header,
    relationship: 'authentication',
  })
  if (key.controller !== holder) {
    throw new IdentityError(
      'IDENTITY_HOLDER_MISMATCH',
      `key ${key.id} is not controlled by the holder ${holder}`,
    )
  }
  await verifyWithKey(jwt, header, key)
  if (payload.aud !== audience) {
    throw new IdentityError(
      'IDENTITY_WRONG_AUDIENCE',
      `presented to ${String(payload.aud)}, not ${audience}`,
    )
  }
  if (payload.nonce !== nonce)
    throw new IdentityError('IDENTITY_NONCE_MISMATCH', 'the nonce does not match')
  const iat = payload.iat
  if (typeof iat !== 'number' || Math.abs(now.getTime() / 1000 - iat) > maxAgeSeconds) {
    throw new IdentityError('IDENTITY_EXPIRED', 'the presentation is not fresh')
  }
  const envelopes = payload.verifiableCredential
  if (!Array.isArray(envelopes) || envelopes.length === 0) {
    throw new IdentityError('IDENTITY_MALFORMED', 'the presentation carries no credential')
  }
  const credentials: CredentialVerification[] = []
  for (const envelope of envelopes as unknown[]) {
    const id = (envelope as Record<string, unknown> | null)?.id
    if (typeof id !== 'string' || !id.startsWith(ENVELOPE_PREFIX)) {
      throw new IdentityError(
        'IDENTITY_MALFORMED',
        'credentials must be EnvelopedVerifiableCredential data: URLs',
      )
    }
    const result = await verifyCredential(id.slice(ENVELOPE_PREFIX.length), {
      ...credentialOptions,
      lookupKey,
      now,
    })
    if (result.credential && result.credential.credentialSubject.id !== holder) {
      throw new IdentityError(
        'IDENTITY_HOLDER_MISMATCH',
        `a credential is about ${String(result.credential.credentialSubject.id)}, not the holder`,
      )
    }
    credentials.push(result)
  }
  return { holder, key, credentials }
}
