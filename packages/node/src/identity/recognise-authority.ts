import {
  IdentityError,
  signRecognition,
  verifyTrustList,
  type DidResolver,
  type IdentityStore,
  type RecognitionStatement,
} from '@landsea/core/identity'
import { v7 as uuidv7 } from 'uuid'
import { companionSigner } from './hosted-signing.js'
import type { HostedParty, IdentitySettings, NodeIdentityService } from './node-identity-service.js'

/** What recognising another jurisdiction's authority needs from the node's identity area. */
export interface RecognitionContext {
  store: IdentityStore
  resolver: DidResolver
  hosted: (did: string) => Promise<HostedParty>
  authorities: () => Promise<IdentitySettings['authorities']>
}

/**
 * Signs a recognition statement by a hosted authority for another jurisdiction's authority, pinning
 * its key (and its Ed25519 companion when dual-keyed), and stores it.
 */
export async function recogniseAuthority(
  { store, resolver, hosted, authorities }: RecognitionContext,
  {
    recogniserDid,
    recognisedDid,
    credentialTypes,
    roles = [],
    validFrom,
    validUntil,
  }: Parameters<NodeIdentityService['recognise']>[0],
): Promise<string> {
  const recogniser = await hosted(recogniserDid)
  const recognisedKey = await resolver.resolveKey(`${recognisedDid}#key-1`)
  // A dual-keyed authority's companion is pinned too, so its lists verify in either suite.
  const companion = await resolver.resolveKey(`${recognisedDid}#key-2`).catch(() => undefined)
  // The jurisdiction comes from a hosted authority or from a list the node imported, which
  // must verify with the key the statement pins.
  let recognisedJurisdiction = (await authorities()).find(
    (a) => a.did === recognisedDid,
  )?.jurisdiction
  for (const jws of (await store.trustMaterial()).lists) {
    if (recognisedJurisdiction) break
    const list = await verifyTrustList(
      jws,
      recognisedKey.publicJwk,
      undefined,
      companion?.publicJwk,
    ).catch(() => undefined)
    if (list?.authority === recognisedDid) recognisedJurisdiction = list.jurisdiction
  }
  if (!recognisedJurisdiction)
    throw new IdentityError(
      'IDENTITY_KEY_NOT_FOUND',
      `${recognisedDid} is neither hosted here nor the signer of an imported trust list`,
    )
  const statement: RecognitionStatement = {
    type: 'LandseaRecognitionStatement',
    recogniser: { jurisdiction: recogniser.jurisdiction, authority: recogniser.did },
    recognised: {
      jurisdiction: recognisedJurisdiction,
      authority: recognisedDid,
      authorityJwk: recognisedKey.publicJwk,
      ...(companion ? { authorityCompanionJwk: companion.publicJwk } : {}),
      minimumListVersion: 1,
    },
    credentialTypes,
    roles,
    issuedAt: new Date().toISOString(),
    validFrom,
    validUntil,
  }
  const jws = await signRecognition({
    statement,
    privateJwk: recogniser.key.privateJwk,
    alg: recogniser.key.alg,
    kid: `${recogniser.did}#key-1`,
    companion: companionSigner(recogniser),
  })
  await store.saveRecognition({
    id: uuidv7(),
    recogniser: recogniser.did,
    recognisedJurisdiction,
    jws,
  })
  return jws
}
