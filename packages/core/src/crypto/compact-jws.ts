import {
  base64url,
  CompactSign,
  compactVerify,
  decodeProtectedHeader,
  importJWK,
  type JWK,
} from 'jose'
import { fromBase64Url } from './base64.js'
import { CryptoError } from './crypto-error.js'
import { sm2Sign, sm2Verify } from './sm2.js'
import { SM2_JOSE_ALG, sm2PrivateKeyFromJwk, sm2PublicKeyFromJwk } from './sm2-jwk.js'
import { SIGNING_ALGORITHMS, type SigningAlgorithm } from './signing-key.js'

type ImportedKey = Awaited<ReturnType<typeof importJWK>>

const importedKeys = new WeakMap<JWK, ImportedKey>()
// Public keys by their members: a verifier meets the same issuer and authority keys in every
// bundle, each time as a new JWK object, and WebCrypto's import costs as much as a verification.
const importedPublicKeys = new Map<string, ImportedKey>()
const PUBLIC_KEY_CACHE_LIMIT = 64

function publicKeyId(jwk: JWK, alg: string): string | undefined {
  if (jwk.d !== undefined || typeof jwk.x !== 'string') return undefined
  return `${alg}|${jwk.kty}|${jwk.crv}|${jwk.x}|${jwk.y ?? ''}`
}

async function importKey(jwk: JWK, alg: string): Promise<ImportedKey> {
  const id = publicKeyId(jwk, alg)
  let key = importedKeys.get(jwk) ?? (id === undefined ? undefined : importedPublicKeys.get(id))
  if (!key) {
    try {
      key = await importJWK(jwk, alg)
    } catch (cause) {
      throw new CryptoError('CRYPTO_KEY_INVALID', 'the key cannot be imported', { cause })
    }
    importedKeys.set(jwk, key)
    if (id !== undefined) {
      if (importedPublicKeys.size >= PUBLIC_KEY_CACHE_LIMIT) {
        const oldest = importedPublicKeys.keys().next().value
        if (oldest !== undefined) importedPublicKeys.delete(oldest)
      }
      importedPublicKeys.set(id, key)
    }
  }
  return key
}

/** The protected header fields Landsea reads. */
export interface JwsHeader {
  readonly alg: string
  readonly kid?: string
  readonly typ?: string
}

const encoder = new TextEncoder()

// jose knows no SM2, so the SM2SM3 suite builds the RFC 7515 §5.1 signing input itself:
// ASCII(BASE64URL(protected header) || '.' || BASE64URL(payload)), signed as the SM2 message M.
function signSm2Compact(payload: Uint8Array, privateJwk: JWK, header: object): string {
  const signingInput = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(payload)}`
  const d = sm2PrivateKeyFromJwk(privateJwk)
  let signature: Uint8Array
  try {
    const hasPublicPart = typeof privateJwk.x === 'string' && typeof privateJwk.y === 'string'
    signature = sm2Sign(
      encoder.encode(signingInput),
      d,
      hasPublicPart ? { publicKey: sm2PublicKeyFromJwk(privateJwk) } : {},
    )
  } catch (cause) {
    throw new CryptoError('CRYPTO_KEY_INVALID', 'the SM2 private key is out of range', { cause })
  }
  return `${signingInput}.${base64url.encode(signature)}`
}

function decodePart(part: string): Uint8Array {
  // Strict base64url without padding and with zero trailing bits (RFC 7515 §2): a lenient decoder
  // maps several texts to the same bytes, so a changed last character would still verify.
  const bytes = fromBase64Url(part)
  if (!bytes) throw new Error('not canonical base64url')
  return bytes
}

function verifySm2Compact(jws: string, header: JwsHeader, publicJwk: JWK): Uint8Array {
  const publicKey = sm2PublicKeyFromJwk(publicJwk)
  if ('crit' in header || 'b64' in header) {
    throw new CryptoError('CRYPTO_JWS_MALFORMED', 'unsupported critical header parameters')
  }
  const parts = jws.split('.')
  let payload: Uint8Array
  let signature: Uint8Array
  try {
    if (parts.length !== 3) throw new Error('expected three parts')
    payload = decodePart(parts[1]!)
    signature = decodePart(parts[2]!)
  } catch (cause) {
    throw new CryptoError('CRYPTO_JWS_MALFORMED', 'not a compact JWS', { cause })
  }
  const signingInput = encoder.encode(`${parts[0]}.${parts[1]}`)
  if (!sm2Verify(signature, signingInput, publicKey)) {
    throw new CryptoError('CRYPTO_JWS_INVALID', 'signature verification failed')
  }
  return payload
}

/** Signs bytes as a JWS in compact serialisation (RFC 7515 §7.1); `SM2SM3` included. */
export async function signCompactJws({
  payload,
  privateJwk,
  alg,
  kid,
  typ,
}: {
  payload: Uint8Array
  privateJwk: JWK
  alg: SigningAlgorithm
  kid?: string
  typ?: string
}): Promise<string> {
  const header = { alg, ...(kid ? { kid } : {}), ...(typ ? { typ } : {}) }
  if (alg === SM2_JOSE_ALG) return signSm2Compact(payload, privateJwk, header)
  const key = await importKey(privateJwk, alg)
  return new CompactSign(payload).setProtectedHeader(header).sign(key)
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

// The header of a three-part JWS in canonical base64url, as every signer writes it, read with the
// strict decoder (a verifier reads one per action): undefined lets jose read any other, as it
// always has, leniently.
function readCanonicalHeader(jws: string): Record<string, unknown> | undefined {
  const first = jws.indexOf('.')
  const second = jws.indexOf('.', first + 1)
  if (first <= 0 || second < 0 || jws.indexOf('.', second + 1) >= 0) return undefined
  const bytes = fromBase64Url(jws.slice(0, first))
  if (!bytes) return undefined
  const header: unknown = JSON.parse(utf8.decode(bytes))
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return undefined
  return header as Record<string, unknown>
}

/**
 * Reads the protected header of a compact JWS without verifying it. The input is hostile: any
 * parse failure becomes `CRYPTO_JWS_MALFORMED`.
 */
export function readJwsHeader(jws: string): JwsHeader {
  try {
    const header: Record<string, unknown> = readCanonicalHeader(jws) ?? decodeProtectedHeader(jws)
    if (typeof header.alg !== 'string') throw new Error('alg missing')
    return header as unknown as JwsHeader
  } catch (cause) {
    throw new CryptoError('CRYPTO_JWS_MALFORMED', 'not a compact JWS with a protected header', {
      cause,
    })
  }
}

/**
 * Verifies a compact JWS with a public JWK and returns its payload bytes. Only the listed
 * algorithms are accepted (by default EdDSA, ES256 and SM2SM3), which blocks `none` and
 * HMAC-with-a-public-key confusion; the key must also be of the type the algorithm needs.
 */
export async function verifyCompactJws(
  jws: string,
  publicJwk: JWK,
  { algorithms = SIGNING_ALGORITHMS }: { algorithms?: readonly string[] } = {},
): Promise<Uint8Array> {
  const header = readJwsHeader(jws)
  if (!algorithms.includes(header.alg)) {
    throw new CryptoError('CRYPTO_ALG_NOT_ALLOWED', `algorithm ${header.alg} is not allowed`)
  }
  if (header.alg === SM2_JOSE_ALG) return verifySm2Compact(jws, header, publicJwk)
  // jose decodes base64url leniently; refuse non-canonical parts so no changed character verifies.
  const parts = jws.split('.')
  if (parts.length !== 3 || parts.some((part) => fromBase64Url(part) === undefined)) {
    throw new CryptoError('CRYPTO_JWS_MALFORMED', 'not a compact JWS in canonical base64url')
  }
  const key = await importKey(publicJwk, header.alg)
  try {
    const { payload } = await compactVerify(jws, key, { algorithms: [...algorithms] })
    return payload
  } catch (cause) {
    throw new CryptoError('CRYPTO_JWS_INVALID', 'signature verification failed', { cause })
  }
}
