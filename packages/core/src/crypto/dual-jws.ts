import { base64url, type JWK } from 'jose'
import { CryptoError } from './crypto-error.js'
import { readJwsHeader, signCompactJws, verifyCompactJws, type JwsHeader } from './compact-jws.js'
import { SIGNING_ALGORITHMS, type SigningAlgorithm } from './signing-key.js'

/** One signature of a {@link GeneralJws} (RFC 7515 §7.2.1). */
export interface GeneralJwsSignature {
  readonly protected: string
  readonly signature: string
}

/** A JWS in the general JSON serialisation: one payload, several signatures (RFC 7515 §7.2.1). */
export interface GeneralJws {
  readonly payload: string
  readonly signatures: readonly GeneralJwsSignature[]
}

/** A key that signs one of the signatures of a {@link GeneralJws}. */
export interface JwsSigner {
  readonly privateJwk: JWK
  readonly alg: SigningAlgorithm
  readonly kid?: string
}

/**
 * Signs the same payload with several keys, for dual signing: an SM2SM3 signature for verifiers
 * whose rules demand SM2 and an EdDSA or ES256 one that any JOSE library can check.
 */
export async function signGeneralJws({
  payload,
  signers,
  typ,
}: {
  payload: Uint8Array
  signers: readonly JwsSigner[]
  typ?: string
}): Promise<GeneralJws> {
  if (signers.length === 0) throw new CryptoError('CRYPTO_KEY_INVALID', 'no signer given')
  const signatures: GeneralJwsSignature[] = []
  for (const { privateJwk, alg, kid } of signers) {
    const compact = await signCompactJws({
      payload,
      privateJwk,
      alg,
      ...(kid ? { kid } : {}),
      ...(typ ? { typ } : {}),
    })
    const [protectedHeader = '', , signature = ''] = compact.split('.')
    signatures.push({ protected: protectedHeader, signature })
  }
  return { payload: base64url.encode(payload), signatures }
}

/** The compact serialisation of one signature of a general JWS (for a single-signature store). */
export function toCompactJws(jws: GeneralJws, index: number): string {
  const entry = jws.signatures[index]
  if (!entry) throw new CryptoError('CRYPTO_JWS_MALFORMED', `no signature at index ${index}`)
  return `${entry.protected}.${jws.payload}.${entry.signature}`
}

/** How {@link verifyGeneralJws} treated one signature. */
export interface CheckedJwsSignature {
  readonly header: JwsHeader
  readonly status: 'verified' | 'skipped'
}

/** The result of {@link verifyGeneralJws}. */
export interface VerifiedGeneralJws {
  readonly payload: Uint8Array
  readonly signatures: readonly CheckedJwsSignature[]
}

function isGeneralJws(value: unknown): value is GeneralJws {
  if (typeof value !== 'object' || value === null) return false
  const { payload, signatures } = value as Record<string, unknown>
  return (
    typeof payload === 'string' &&
    Array.isArray(signatures) &&
    signatures.length > 0 &&
    signatures.every(
      (entry: unknown) =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as Record<string, unknown>).protected === 'string' &&
        typeof (entry as Record<string, unknown>).signature === 'string',
    )
  )
}

/**
 * Verifies a general JWS. Each signature whose `alg` is in `algorithms` is checked with the key
 * `resolveKey` returns for its header, and must be valid; signatures of other algorithms are
 * skipped (a verifier abroad skips SM2SM3, a Chinese verifier may require it). At least
 * `minimumVerified` signatures must verify. The input is hostile and only `CryptoError`s escape.
 */
export async function verifyGeneralJws(
  jws: unknown,
  resolveKey: (header: JwsHeader) => JWK | undefined | Promise<JWK | undefined>,
  {
    algorithms = SIGNING_ALGORITHMS,
    requiredAlgorithms = [],
    minimumVerified = 1,
  }: {
    algorithms?: readonly string[]
    requiredAlgorithms?: readonly string[]
    minimumVerified?: number
  } = {},
): Promise<VerifiedGeneralJws> {
  if (!isGeneralJws(jws)) {
    throw new CryptoError('CRYPTO_JWS_MALFORMED', 'not a JWS in the general JSON serialisation')
  }
  const signatures: CheckedJwsSignature[] = []
  let payload: Uint8Array | undefined
  for (let index = 0; index < jws.signatures.length; index++) {
    const compact = toCompactJws(jws, index)
    const header = readJwsHeader(compact)
    if (!algorithms.includes(header.alg)) {
      signatures.push({ header, status: 'skipped' })
      continue
    }
    const key = await resolveKey(header)
    if (!key) {
      throw new CryptoError('CRYPTO_KEY_INVALID', `no key for signature ${index} (${header.kid})`)
    }
    payload = await verifyCompactJws(compact, key, { algorithms })
    signatures.push({ header, status: 'verified' })
  }
  const verified = signatures.filter((entry) => entry.status === 'verified')
  if (!payload || verified.length < minimumVerified) {
    throw new CryptoError('CRYPTO_ALG_NOT_ALLOWED', 'too few signatures of an accepted algorithm')
  }
  for (const alg of requiredAlgorithms) {
    if (!verified.some((entry) => entry.header.alg === alg)) {
      throw new CryptoError('CRYPTO_ALG_NOT_ALLOWED', `a verified ${alg} signature is required`)
    }
  }
  return { payload, signatures }
}

/**
 * The compact form of each signature of a general JWS given as JSON text, or undefined when the
 * text is not JSON (a compact JWS). Text that opens as JSON but is no general JWS throws
 * `CRYPTO_JWS_MALFORMED`.
 */
export function compactSignaturesOf(text: string): string[] | undefined {
  if (!text.startsWith('{')) return undefined
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    throw new CryptoError('CRYPTO_JWS_MALFORMED', 'a general JWS is not JSON', { cause })
  }
  if (!isGeneralJws(value) || Object.keys(value).length !== 2) {
    throw new CryptoError('CRYPTO_JWS_MALFORMED', 'not a JWS in the general JSON serialisation')
  }
  return value.signatures.map((_, index) => toCompactJws(value, index))
}

/** The first signature of a JWS as a compact JWS (itself when it is compact), to read it. */
export function primaryCompactOf(text: string): string {
  return compactSignaturesOf(text)?.[0] ?? text
}

/**
 * Signs a payload with one key (a compact JWS) or, with a companion, with both: the general JSON
 * serialisation as text, one signature per key (dual signing of an SM2 key with an Ed25519 one).
 */
export async function signJwsText({
  payload,
  signer,
  companion,
  typ,
}: {
  payload: Uint8Array
  signer: JwsSigner
  companion?: JwsSigner | undefined
  typ?: string
}): Promise<string> {
  if (!companion) return signCompactJws({ payload, ...signer, ...(typ ? { typ } : {}) })
  return JSON.stringify(
    await signGeneralJws({ payload, signers: [signer, companion], ...(typ ? { typ } : {}) }),
  )
}
