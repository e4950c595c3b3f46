import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose'
import { generateSm2Jwks, SM2_JOSE_ALG } from './sm2-jwk.js'

/**
 * JOSE algorithms Landsea signs with: Ed25519, ECDSA P-256, and the project's SM2-with-SM3
 * suite `SM2SM3` (decision record 0003).
 */
export type SigningAlgorithm = 'EdDSA' | 'ES256' | typeof SM2_JOSE_ALG

/** What Landsea verifies: its signing algorithms, and ES384/ES512 of other issuers (VC-JOSE-COSE). */
export type VerificationAlgorithm = SigningAlgorithm | 'ES384' | 'ES512'

/** Every {@link SigningAlgorithm}, the default allow-list of signature verification. */
export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = ['EdDSA', 'ES256', SM2_JOSE_ALG]

/** A public key as a JWK, with the algorithm it is used with and its RFC 7638 thumbprint. */
export interface PublicSigningKey {
  readonly kid: string
  readonly alg: SigningAlgorithm
  readonly publicJwk: JWK
}

/** A key pair held by a node for a party (custodial) or by the party itself. */
export interface SigningKeyPair extends PublicSigningKey {
  readonly privateJwk: JWK
}

async function generateJwks(alg: SigningAlgorithm): Promise<{ publicJwk: JWK; privateJwk: JWK }> {
  if (alg === SM2_JOSE_ALG) return generateSm2Jwks()
  const { publicKey, privateKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}),
  })
  return { publicJwk: await exportJWK(publicKey), privateJwk: await exportJWK(privateKey) }
}

/**
 * Generates a signing key pair: Ed25519 for `EdDSA`, P-256 for `ES256`, sm2p256v1 for `SM2SM3`.
 * The `kid` is the RFC 7638 JWK thumbprint of the public key.
 */
export async function generateSigningKeyPair({
  alg = 'EdDSA',
}: { alg?: SigningAlgorithm } = {}): Promise<SigningKeyPair> {
  const { publicJwk, privateJwk } = await generateJwks(alg)
  const kid = await calculateJwkThumbprint(publicJwk)
  return {
    kid,
    alg,
    publicJwk: { ...publicJwk, kid, alg },
    privateJwk: { ...privateJwk, kid, alg },
  }
}
