import type { SigningAlgorithm } from '@landsea/core/crypto'
import {
  addDataIntegrityProof,
  IdentityError,
  SM2_CRYPTOSUITE,
  type VerifiableCredential,
} from '@landsea/core/identity'
import type { HostedParty } from './node-identity-service.js'

// The second signer of a dual-keyed party (its Ed25519 companion, `#key-2`), else undefined.
export function companionSigner(party: HostedParty) {
  return (
    party.companionKey && {
      privateJwk: party.companionKey.privateJwk,
      alg: party.companionKey.alg,
      kid: `${party.did}#key-2`,
    }
  )
}

// One Data Integrity proof per key of the issuer: SM2 (landsea-sm2-jcs-2026) or Ed25519
// (eddsa-jcs-2022), plus the Ed25519 companion when there is one (a proof set, dual signing).
export function secureWithDataIntegrity(credential: VerifiableCredential, issuer: HostedParty) {
  const suiteOf = (alg: SigningAlgorithm) => {
    if (alg === 'SM2SM3') return SM2_CRYPTOSUITE
    if (alg === 'EdDSA') return 'eddsa-jcs-2022' as const
    throw new IdentityError(
      'IDENTITY_ALG_NOT_ALLOWED',
      'Data Integrity is issued with SM2 or Ed25519 keys',
    )
  }
  let secured: Record<string, unknown> = addDataIntegrityProof(credential, {
    cryptosuite: suiteOf(issuer.key.alg),
    privateJwk: issuer.key.privateJwk,
    verificationMethod: `${issuer.did}#key-1`,
  })
  if (issuer.companionKey) {
    secured = addDataIntegrityProof(secured, {
      cryptosuite: 'eddsa-jcs-2022',
      privateJwk: issuer.companionKey.privateJwk,
      verificationMethod: `${issuer.did}#key-2`,
    })
  }
  return secured
}
