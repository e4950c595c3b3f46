import type { JWK } from 'jose'
import { toBase64 } from '../crypto/base64.js'
import { sortedJsonCopy } from '../crypto/canonical-json.js'
import type { InclusionProof } from '../ledger/inclusion-proof.js'
import { BUNDLE_FORMAT, type EblBundle } from './bundle.js'

/** Keeps only the public members of a JWK, as {@link EblBundle} requires. */
export function publicJwkMembers(jwk: JWK): JWK {
  const members =
    jwk.kty === 'EC' ? (['kty', 'crv', 'x', 'y'] as const) : (['kty', 'crv', 'x'] as const)
  return Object.fromEntries(members.map((m) => [m, jwk[m]])) as JWK
}

/**
 * Assembles a bundle. `actions` are in chain order, each with its inclusion proof to the tree
 * size of `checkpoint`; `signers` are the public keys of every action's JWS kid.
 */
export function createBundle({
  document,
  actions,
  checkpoint,
  logKey,
  witnessKeys,
  signers,
  credentials = [],
}: {
  document: object
  actions: readonly { jws: string; proof: InclusionProof }[]
  checkpoint: string
  logKey: string
  witnessKeys: readonly string[]
  signers: readonly { kid: string; publicJwk: JWK }[]
  credentials?: readonly unknown[]
}): EblBundle {
  return {
    format: BUNDLE_FORMAT,
    // In RFC 8785 member order: a verifier then writes its canonical form without a sorted copy.
    document: (sortedJsonCopy(document) ?? document) as Record<string, unknown>,
    actions: actions.map(({ jws, proof }) => ({
      jws,
      leafIndex: proof.leafIndex,
      inclusionProof: proof.hashes.map(toBase64),
    })),
    checkpoint,
    logKey,
    witnessKeys,
    signers: signers.map(({ kid, publicJwk }) => ({ kid, publicJwk: publicJwkMembers(publicJwk) })),
    credentials,
  }
}
