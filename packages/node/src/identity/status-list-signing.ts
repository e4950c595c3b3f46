import { createHash } from 'node:crypto'
import {
  createStatusListCredential,
  encodeStatusList,
  issueVcJwt,
  type IdentityStore,
} from '@landsea/core/identity'
import type { HostedParty } from './node-identity-service.js'
import { secureWithDataIntegrity } from './hosted-signing.js'

/** Status lists signed and kept at once (a node hosts one per issuer; the cap only bounds memory). */
const SIGNED_LISTS_KEPT = 256

/**
 * The signed status list credential of a hosted issuer, read from the store each time. Signing (an
 * SM2 and an Ed25519 proof for a dual-keyed issuer) and compressing the list are done again only
 * when what is signed changes: the list's bits, its update time or the issuer's keys. Every bill
 * bundle carries its signers' lists, so without this each PINT transfer re-signed them. The signed
 * list is kept in the store with its stamp, so that a new process (a CLI command, another cluster
 * member) serves it as signed rather than signing again: a cold `landsea vc verify` otherwise spent
 * most of its CPU building SM2 and Ed25519 signing tables for a list that had not changed. Bitstring
 * Status List v1.0 lets a list be served as issued until it changes; every verifier still checks
 * its proofs.
 */
export function createStatusListSigning({
  store,
  hosted,
}: {
  store: Pick<IdentityStore, 'getStatusList' | 'saveSignedStatusList'>
  hosted: (did: string) => Promise<HostedParty>
}): (id: string) => Promise<string | undefined> {
  const signed = new Map<string, { stamp: string; value: string }>()
  return async (id) => {
    const list = await store.getStatusList(id)
    if (!list) return undefined
    const issuer = await hosted(list.issuer)
    const stamp = JSON.stringify([
      list.issuer,
      list.purpose,
      list.updatedAt,
      issuer.key.alg,
      issuer.key.publicJwk,
      issuer.companionKey?.publicJwk ?? null,
      createHash('sha256').update(list.bitstring).digest('base64'),
    ])
    const kept = signed.get(id)
    if (kept && kept.stamp === stamp) return kept.value
    if (list.signed?.stamp === stamp) return remember(id, kept, stamp, list.signed.credential)
    const credential = createStatusListCredential({
      id,
      issuer: issuer.did,
      statusPurpose: list.purpose,
      encodedList: await encodeStatusList(list.bitstring),
      validFrom: list.updatedAt.replace(/\.\d{3}Z$/, 'Z'),
    })
    // A dual-keyed issuer dual-signs its list as a Data Integrity proof set, as its credentials.
    const value = issuer.companionKey
      ? JSON.stringify(secureWithDataIntegrity(credential, issuer))
      : await issueVcJwt({
          credential,
          privateJwk: issuer.key.privateJwk,
          alg: issuer.key.alg,
          kid: `${issuer.did}#key-1`,
        })
    // Keeping it is an optimisation: a store that refuses the write (read-only) still gets the list.
    await store.saveSignedStatusList(id, { stamp, credential: value }).catch(() => undefined)
    return remember(id, kept, stamp, value)
  }

  function remember(id: string, kept: unknown, stamp: string, value: string): string {
    if (!kept && signed.size >= SIGNED_LISTS_KEPT) signed.delete(signed.keys().next().value!)
    signed.set(id, { stamp, value })
    return value
  }
}
