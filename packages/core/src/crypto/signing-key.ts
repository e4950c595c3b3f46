import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose'

/** JOSE algorithms Landsea signs actions with. The identity module adds the SM2 suite. */
export type SigningAlgorithm = 'EdDSA' | 'ES256'

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

/**
 * Generates a signing key pair: Ed25519 for `EdDSA`, P-256 for `ES256`.
 * The `kid` is the RFC 7638 JWK thumbprint of the public key.
 */
export async function generateSigningKeyPair({
  alg = 'EdDSA',
}: { alg?: SigningAlgorithm } = {}): Promise<SigningKeyPair> {
  const { publicKey, privateKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}),
  })
  const publicJwk = await exportJWK(publicKey)
  const privateJwk = await exportJWK(privateKey)
  const kid = await calculateJwkThumbprint(publicJwk)
  return {
    kid,
    alg,
    publicJwk: { ...publicJwk, kid, alg },
    privateJwk: { ...privateJwk, kid, alg },
  }
}
