import { generateSigningKeyPair, type SigningKeyPair } from '@landsea/core/crypto'
import type { NodeSettingsStore } from '@landsea/core/settings'
import { publicJwkMembers } from '@landsea/core/verify'
import type { JWK } from 'jose'

/** The DID URL fragment of the claim key in the node's DID document: `<host DID>#emissions-claim`. */
export const CLAIM_KEY_FRAGMENT = 'emissions-claim'

/** The node key that signs emissions claims, kept in the node's settings (sealed at rest). */
export interface ClaimKey {
  /** The key pair, created on first use. */
  keyPair(): Promise<SigningKeyPair>
  /** Its public members, as the node's DID document publishes them. */
  publicJwk(): Promise<JWK>
}

/** The claim key over the node's settings. */
export function createClaimKey(settings: NodeSettingsStore): ClaimKey {
  let cached: SigningKeyPair | undefined
  async function keyPair(): Promise<SigningKeyPair> {
    if (cached) return cached
    // Cluster members racing on first use all end with the one key stored first.
    cached = await settings.initialise('emissions.claimKey', () =>
      generateSigningKeyPair({ alg: 'EdDSA' }),
    )
    return cached
  }
  return {
    keyPair,
    publicJwk: async () => publicJwkMembers((await keyPair()).publicJwk),
  }
}
