import { CompactSign, compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose'
import { CryptoError } from './crypto-error.js'
import type { SigningAlgorithm } from './signing-key.js'

type ImportedKey = Awaited<ReturnType<typeof importJWK>>

const importedKeys = new WeakMap<JWK, ImportedKey>()

async function importKey(jwk: JWK, alg: string): Promise<ImportedKey> {
  let key = importedKeys.get(jwk)
  if (!key) {
    try {
      key = await importJWK(jwk, alg)
    } catch (cause) {
      throw new CryptoError('CRYPTO_KEY_INVALID', 'the key cannot be imported', { cause })
    }
    importedKeys.set(jwk, key)
  }
  return key
}

/** The protected header fields Landsea reads. */
export interface JwsHeader {
  readonly alg: string
  readonly kid?: string
  readonly typ?: string
}

/** Signs bytes as a JWS in compact serialisation (RFC 7515 §7.1). */
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
  const key = await importKey(privateJwk, alg)
  return new CompactSign(payload)
    .setProtectedHeader({ alg, ...(kid ? { kid } : {}), ...(typ ? { typ } : {}) })
    .sign(key)
}

/**
 * Reads the protected header of a compact JWS without verifying it. The input is hostile: any
 * parse failure becomes `CRYPTO_JWS_MALFORMED`.
 */
export function readJwsHeader(jws: string): JwsHeader {
  try {
    const header = decodeProtectedHeader(jws)
    if (typeof header.alg !== 'string') throw new Error('alg missing')
    return header as JwsHeader
  } catch (cause) {
    throw new CryptoError('CRYPTO_JWS_MALFORMED', 'not a compact JWS with a protected header', {
      cause,
    })
  }
}

/**
 * Verifies a compact JWS with a public JWK and returns its payload bytes. Only the listed
 * algorithms are accepted, which blocks `none` and HMAC-with-a-public-key confusion.
 */
export async function verifyCompactJws(
  jws: string,
  publicJwk: JWK,
  { algorithms = ['EdDSA', 'ES256'] }: { algorithms?: readonly string[] } = {},
): Promise<Uint8Array> {
  const header = readJwsHeader(jws)
  if (!algorithms.includes(header.alg)) {
    throw new CryptoError('CRYPTO_ALG_NOT_ALLOWED', `algorithm ${header.alg} is not allowed`)
  }
  const key = await importKey(publicJwk, header.alg)
  try {
    const { payload } = await compactVerify(jws, key, { algorithms: [...algorithms] })
    return payload
  } catch (cause) {
    throw new CryptoError('CRYPTO_JWS_INVALID', 'signature verification failed', { cause })
  }
}
