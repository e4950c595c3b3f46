import { ed25519 } from '@noble/curves/ed25519.js'
import { p256 } from '@noble/curves/nist.js'
import { base64url, type JWK } from 'jose'
import { sm2PrivateKeyFromJwk, sm2Sign, type SigningAlgorithm } from '../crypto/index.js'
import { IdentityError } from './identity-error.js'

const encoder = new TextEncoder()

/**
 * A raw JWS signer for libraries that sign the signing input themselves (@sd-jwt): returns the
 * base64url signature of `data` (RFC 7515 §5.1) for EdDSA, ES256 (r ‖ s) or SM2SM3 (r ‖ s).
 */
export function createRawJwsSigner(
  privateJwk: JWK,
  alg: SigningAlgorithm,
): (data: string) => string {
  return (data) => {
    const message = encoder.encode(data)
    if (alg === 'SM2SM3')
      return base64url.encode(sm2Sign(message, sm2PrivateKeyFromJwk(privateJwk)))
    if (typeof privateJwk.d !== 'string') {
      throw new IdentityError('IDENTITY_MALFORMED', 'the signing JWK has no private part')
    }
    const d = base64url.decode(privateJwk.d)
    if (alg === 'EdDSA') return base64url.encode(ed25519.sign(message, d))
    return base64url.encode(p256.sign(message, d, { prehash: true, format: 'compact' }))
  }
}
