import { base64url, type JWK } from 'jose'
import { CryptoError } from './crypto-error.js'
import { sm2GeneratePrivateKey, sm2GetPublicKey, Sm2Point } from './sm2.js'

/**
 * The project's JOSE `alg` for SM2 signatures with SM3 and the default user ID (decision record
 * 0003). Not registered with IANA; private by agreement between Landsea nodes.
 */
export const SM2_JOSE_ALG = 'SM2SM3'

/** The JWK `crv` of an SM2 key (`kty: "EC"`, 32-byte `x`, `y`, `d`), also unregistered. */
export const SM2_JWK_CRV = 'SM2'

function decodeCoordinate(value: unknown, name: string): Uint8Array {
  if (typeof value !== 'string') {
    throw new CryptoError('CRYPTO_KEY_INVALID', `SM2 JWK member ${name} is missing`)
  }
  let bytes: Uint8Array
  try {
    bytes = base64url.decode(value)
  } catch (cause) {
    throw new CryptoError('CRYPTO_KEY_INVALID', `SM2 JWK member ${name} is not base64url`, {
      cause,
    })
  }
  if (bytes.length !== 32) {
    throw new CryptoError('CRYPTO_KEY_INVALID', `SM2 JWK member ${name} must be 32 bytes`)
  }
  return bytes
}

function assertSm2Jwk(jwk: JWK): void {
  if (jwk.kty !== 'EC' || jwk.crv !== SM2_JWK_CRV) {
    throw new CryptoError('CRYPTO_KEY_INVALID', `an ${SM2_JOSE_ALG} key must be kty EC, crv SM2`)
  }
}

/** The uncompressed SEC1 public key (65 bytes) of an SM2 JWK. Hostile input: checks shapes. */
export function sm2PublicKeyFromJwk(jwk: JWK): Uint8Array {
  assertSm2Jwk(jwk)
  const x = decodeCoordinate(jwk.x, 'x')
  const y = decodeCoordinate(jwk.y, 'y')
  const out = new Uint8Array(65)
  out[0] = 4
  out.set(x, 1)
  out.set(y, 33)
  return out
}

/** The 32-byte private scalar of an SM2 private JWK. */
export function sm2PrivateKeyFromJwk(jwk: JWK): Uint8Array {
  assertSm2Jwk(jwk)
  return decodeCoordinate(jwk.d, 'd')
}

/** The public JWK of an SEC1 SM2 public key (compressed or not); checks the point. */
export function sm2JwkFromPublicKey(publicKey: Uint8Array): JWK {
  let uncompressed: Uint8Array
  try {
    uncompressed = Sm2Point.fromBytes(publicKey).toBytes(false)
  } catch (cause) {
    throw new CryptoError('CRYPTO_KEY_INVALID', 'not an SM2 public key', { cause })
  }
  return {
    kty: 'EC',
    crv: SM2_JWK_CRV,
    x: base64url.encode(uncompressed.subarray(1, 33)),
    y: base64url.encode(uncompressed.subarray(33)),
  }
}

/** Generates an SM2 key pair as public and private JWKs (without `kid`/`alg`). */
export function generateSm2Jwks(): { publicJwk: JWK; privateJwk: JWK } {
  const d = sm2GeneratePrivateKey()
  const publicJwk = sm2JwkFromPublicKey(sm2GetPublicKey(d))
  return { publicJwk, privateJwk: { ...publicJwk, d: base64url.encode(d) } }
}
