import {
  createStatusEntry,
  issueVcJwt,
  landseaTypeOf,
  type IdentityStore,
  type StoredCredential,
} from '@landsea/core/identity'
import { v7 as uuidv7 } from 'uuid'
import { secureWithDataIntegrity } from './hosted-signing.js'
import type { HostedParty, NodeIdentityService } from './node-identity-service.js'

/** What issuing a credential from a hosted issuer needs from the node's identity area. */
export interface IssuingContext {
  store: IdentityStore
  hosted: (did: string) => Promise<HostedParty>
  publicUrl: string | undefined
}

/**
 * Issues a credential from a hosted issuer: allocates its revocation status entry on the issuer's
 * list, secures it as a VC-JWT or with Data Integrity proofs, and stores it.
 */
export async function issueHostedCredential(
  { store, hosted, publicUrl }: IssuingContext,
  {
    issuerDid,
    credential: build,
    organisationId,
    format = 'vc+jwt',
  }: Parameters<NodeIdentityService['issueCredential']>[0],
): Promise<StoredCredential> {
  const issuer = await hosted(issuerDid)
  const slug = issuer.did.slice(issuer.did.lastIndexOf(':') + 1)
  const listId = statusListUrl(publicUrl, slug)
  const index = await store.allocateStatusIndex(listId)
  const status = createStatusEntry({
    statusListCredential: listId,
    index,
    statusPurpose: 'revocation',
  })
  const id = `urn:uuid:${uuidv7()}`
  const credential = { ...build(issuer.did, status), id }
  const secured =
    format === 'vc+jwt'
      ? await issueVcJwt({
          credential,
          privateJwk: issuer.key.privateJwk,
          alg: issuer.key.alg,
          kid: `${issuer.did}#key-1`,
        })
      : JSON.stringify(secureWithDataIntegrity(credential, issuer))
  const stored: StoredCredential = {
    id,
    issuer: issuer.did,
    subject: String(credential.credentialSubject.id),
    organisationId: organisationId ?? null,
    type: landseaTypeOf(credential) ?? credential.type.at(-1)!,
    format,
    credential: secured,
    statusList: listId,
    statusIndex: index,
    createdAt: new Date().toISOString(),
  }
  await store.saveCredential(stored)
  return stored
}

/** The URL of a registrar's revocation list on this node. */
export function statusListUrl(publicUrl: string | undefined, slug: string): string {
  return `${(publicUrl ?? 'https://landsea.localhost').replace(/\/$/, '')}/api/credentials/status/${slug}`
}
