import {
  SIGNER_IDENTITY_TYPE,
  statusEntriesOf,
  verifyCredential,
  type DidDocument,
  type DidResolver,
  type KeyLookup,
  type SignerIdentityEvidence,
  type TrustAnchor,
} from '@landsea/core/identity'
import type { IdentityStore, OrganisationStore } from '@landsea/storage'

/**
 * Identity evidence for a bundle: per organisation, its verified legal-entity credential, the DID
 * documents of the organisation and the issuer, trust lists, recognitions and status list snapshots,
 * so an offline verifier can say who signed by whose authority.
 */
export async function collectSignerEvidence(
  {
    store,
    organisations,
    resolver,
    lookupKey,
    settings,
    statusListCredential,
    organisationDid,
  }: {
    store: IdentityStore
    organisations: OrganisationStore
    resolver: DidResolver
    lookupKey: KeyLookup
    settings: () => Promise<{ readonly anchor?: TrustAnchor }>
    statusListCredential: (id: string) => Promise<string | undefined>
    organisationDid: (id: string) => string
  },
  organisationIds: readonly string[],
): Promise<SignerIdentityEvidence[]> {
  const trust = await store.trustMaterial()
  const { anchor } = await settings()
  const evidence: SignerIdentityEvidence[] = []
  for (const organisationId of organisationIds) {
    const verification = await store.getVerification(organisationId)
    if (verification?.status !== 'verified' || !verification.credentialId) continue
    const stored = await store.getCredential(verification.credentialId)
    if (!stored || stored.format !== 'vc+jwt') continue
    const organisation = await organisations.getById(organisationId)
    const did = organisation?.did ?? organisationDid(organisationId)
    const { credential } = await verifyCredential(stored.credential, { lookupKey })
    const statusLists: Record<string, string> = {}
    for (const entry of credential ? statusEntriesOf(credential) : []) {
      const list = await statusListCredential(entry.statusListCredential)
      if (list) statusLists[entry.statusListCredential] = list
    }
    const didDocuments: DidDocument[] = []
    for (const id of [did, stored.issuer]) {
      try {
        didDocuments.push(await resolver.resolve(id))
      } catch {
        // Unresolvable here: the offline verifier will report the missing key.
      }
    }
    evidence.push({
      type: SIGNER_IDENTITY_TYPE,
      organisationId,
      did,
      credential: stored.credential,
      didDocuments,
      trust,
      statusLists,
      ...(anchor ? { anchor } : {}),
    })
  }
  return evidence
}
