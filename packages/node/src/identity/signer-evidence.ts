import {
  createDidDocument,
  proofMethodsOf,
  readTrustList,
  SIGNER_IDENTITY_TYPE,
  statusEntriesOf,
  verifyCredential,
  type DidDocument,
  type DidResolver,
  type KeyLookup,
  type RecognitionStatement,
  type SignerIdentityEvidence,
  type TrustAnchor,
  type TrustMaterial,
} from '@landsea/core/identity'
import type { IdentityStore } from '@landsea/core/identity'
import type { OrganisationStore } from '@landsea/core/organisation'
import { primaryCompactOf } from '@landsea/core/crypto'
import { base64url, type JWK } from 'jose'

function decodeJws(jws: string): unknown {
  try {
    const compact = primaryCompactOf(jws)
    return JSON.parse(new TextDecoder().decode(base64url.decode(compact.split('.')[1] ?? '')))
  } catch {
    return undefined
  }
}

/** The trust lists and recognitions of a trust material, decoded. */
function decodeMaterial(material: TrustMaterial) {
  return {
    lists: material.lists.map((jws) => ({ jws, list: readTrustList(jws) })),
    recognitions: material.recognitions.map((jws) => ({
      jws,
      statement: decodeJws(jws) as Partial<RecognitionStatement> | undefined,
    })),
  }
}

// Decoded once per trust material the store read (it keeps one for up to a second and returns
// the same object meanwhile): every bundle decoded every trust list and recognition again.
const decoded = new WeakMap<TrustMaterial, ReturnType<typeof decodeMaterial>>()
function decodedMaterial(material: TrustMaterial) {
  let found = decoded.get(material)
  if (!found) decoded.set(material, (found = decodeMaterial(material)))
  return found
}

/** How long a credential's verification for evidence is reused (it decides nothing, see below). */
const EVIDENCE_VERIFICATION_TTL_MS = 60_000

/**
 * The keys a stored credential's proofs name, read once per verification of it: a verification is
 * reused for every bundle for a minute ({@link evidenceVerification}), and so is this reading.
 */
const proofMethods = new WeakMap<object, { credential: string; kids: string[] | undefined }>()
function proofMethodsFor(verification: object, credential: string): string[] | undefined {
  const known = proofMethods.get(verification)
  if (known?.credential === credential) return known.kids
  const kids = proofMethodsOf(credential)
  proofMethods.set(verification, { credential, kids })
  return kids
}

/**
 * The verification of an organisation's stored credential that tells which keys and trust lists
 * go into its evidence, reused for a minute while the credential, anchor and trust material are
 * the same. It gates nothing (the evidence is checked by whoever verifies the bundle), and every
 * bill's bundle (each PINT transfer) otherwise verified the same credential and trust lists again.
 */
export function evidenceVerification(
  lookupKey: KeyLookup,
  clock: () => number = Date.now,
): EvidenceVerifier {
  const kept = new Map<string, { at: number; result: ReturnType<typeof verifyCredential> }>()
  // The reuse key of a credential under an anchor and a trust material, made once for the three:
  // the store and the settings hand out the same objects while they keep them (up to a second),
  // and a key text made anew for each signer of each bundle (~8 kB) was hashed anew by every
  // lookup (~30 µs); the same text object is hashed once. A material's keys go with it; a
  // requested anchor is a new object each time (a miss, as before), so each level is bounded.
  const keyTexts = new WeakMap<TrustMaterial, Map<unknown, Map<string, string>>>()
  // Two JSON texts, then NUL (which JSON never writes raw) and the credential as it is stored: a
  // JSON-encoded copy of a credential that is itself JSON text cost as much as the rest together.
  const textOf = (credential: unknown, anchor: TrustAnchor | undefined, material: TrustMaterial) =>
    `${JSON.stringify(anchor ?? null)}${JSON.stringify(material)}\u0000${
      typeof credential === 'string' ? `s${credential}` : `j${JSON.stringify(credential)}`
    }`
  const keyOf = (credential: unknown, anchor: TrustAnchor | undefined, material: TrustMaterial) => {
    // A credential given as an object is encoded each time: its content counts, not its identity.
    if (typeof credential !== 'string') return textOf(credential, anchor, material)
    let byAnchor = keyTexts.get(material)
    if (!byAnchor) keyTexts.set(material, (byAnchor = new Map()))
    let byCredential = byAnchor.get(anchor)
    if (!byCredential) {
      if (byAnchor.size >= 16) byAnchor.clear()
      byAnchor.set(anchor, (byCredential = new Map()))
    }
    let key = byCredential.get(credential)
    if (key === undefined) {
      if (byCredential.size >= 1024) byCredential.clear()
      byCredential.set(credential, (key = textOf(credential, anchor, material)))
    }
    return key
  }
  return (credential, anchor, material) => {
    const key = keyOf(credential, anchor, material)
    const now = clock()
    const hit = kept.get(key)
    if (hit && now - hit.at < EVIDENCE_VERIFICATION_TTL_MS) return hit.result
    for (const [k, v] of kept) if (now - v.at >= EVIDENCE_VERIFICATION_TTL_MS) kept.delete(k)
    const result = verifyCredential(credential, {
      lookupKey,
      ...(anchor ? { trust: { anchor, material } } : {}),
    })
    kept.set(key, { at: now, result })
    // Kept only once the signature checked out (a key not found yet, say, is asked again); the
    // status is not checked here (no status lists fetched), so `isValid` is not the test.
    result.then(
      (r) => r.signature.ok || kept.delete(key),
      () => kept.delete(key),
    )
    return result
  }
}

/** Verifies a stored credential for its evidence: under the anchor's trust material, if any. */
export type EvidenceVerifier = (
  credential: unknown,
  anchor: TrustAnchor | undefined,
  material: TrustMaterial,
) => ReturnType<typeof verifyCredential>

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
    verifyForEvidence = evidenceVerification(lookupKey),
  }: {
    store: IdentityStore
    organisations: OrganisationStore
    resolver: DidResolver
    lookupKey: KeyLookup
    settings: () => Promise<{
      readonly anchor?: TrustAnchor
      readonly authorities: readonly {
        readonly did: string
        readonly jurisdiction: string
        readonly key: { readonly publicJwk: JWK }
        readonly companionKey?: { readonly publicJwk: JWK }
      }[]
    }>
    statusListCredential: (id: string) => Promise<string | undefined>
    organisationDid: (id: string) => string
    verifyForEvidence?: EvidenceVerifier
  },
  signers: readonly { readonly kid: string; readonly publicJwk: object }[],
  { anchorAuthority }: { readonly anchorAuthority?: string } = {},
): Promise<SignerIdentityEvidence[]> {
  const material = await store.trustMaterial()
  const { anchor: ownAnchor, authorities } = await settings()
  // The evidence is cut for one anchor (the verifier's, when it names a hosted authority), since
  // every recognition in it must lie on the path from that anchor.
  const requested = authorities.find((a) => a.did === anchorAuthority)
  const anchor: TrustAnchor | undefined = requested
    ? {
        jurisdiction: requested.jurisdiction,
        authority: requested.did,
        publicJwk: requested.key.publicJwk,
        ...(requested.companionKey ? { companionJwk: requested.companionKey.publicJwk } : {}),
      }
    : ownAnchor
  const evidence: SignerIdentityEvidence[] = []
  // Signers' credentials from one issuer share its status list: each list is read once here.
  const lists = new Map<string, Promise<string | undefined>>()
  const statusList = (id: string) => {
    let list = lists.get(id)
    if (!list) lists.set(id, (list = statusListCredential(id)))
    return list
  }
  const organisationIds = [...new Set(signers.map((s) => s.kid.slice(0, s.kid.indexOf('#'))))]
  for (const organisationId of organisationIds) {
    const verification = await store.getVerification(organisationId)
    if (verification?.status !== 'verified' || !verification.credentialId) continue
    const stored = await store.getCredential(verification.credentialId)
    if (!stored || (stored.format !== 'vc+jwt' && stored.format !== 'data-integrity')) continue
    const organisation = await organisations.getById(organisationId)
    const did = organisation?.did ?? organisationDid(organisationId)
    const result = await verifyForEvidence(stored.credential, anchor, material)
    const { credential, signedBy } = result
    const statusLists: Record<string, string> = {}
    for (const entry of credential ? statusEntriesOf(credential) : []) {
      const list = await statusList(entry.statusListCredential)
      if (list) statusLists[entry.statusListCredential] = list
    }
    // Minimal DID documents: the organisation's keys that signed actions, the issuer's key that
    // signed the credential; nothing else, so nothing in the evidence goes unchecked.
    const organisationKeys = signers.filter((s) => s.kid.startsWith(`${organisationId}#`))
    const didDocuments: DidDocument[] = []
    try {
      didDocuments.push(
        did.startsWith('did:key:')
          ? await resolver.resolve(did)
          : createDidDocument({
              did,
              keys: organisationKeys.map((k) => ({
                fragment: k.kid.slice(k.kid.indexOf('#') + 1),
                publicJwk: k.publicJwk as JWK,
              })),
            }),
      )
      if (signedBy) {
        // Every key the credential names: both of a dual-signed proof set.
        const kids = proofMethodsFor(result, stored.credential) ?? [signedBy.id]
        const keys = []
        for (const kid of kids) {
          const key = kid === signedBy.id ? signedBy : await lookupKey({ kid })
          keys.push({ fragment: kid.slice(kid.indexOf('#') + 1), publicJwk: key.publicJwk })
        }
        didDocuments.push(
          signedBy.controller.startsWith('did:key:')
            ? await resolver.resolve(signedBy.controller)
            : createDidDocument({ did: signedBy.controller, keys }),
        )
      }
    } catch {
      // Unresolvable here: the offline verifier will report the missing key.
    }
    // Only the trust material on the path from the anchor: the list that authorises the issuer
    // and, for a foreign list, the anchor's recognition of it.
    const authorising = result.trust.path.find((step) => step.kind === 'authorisation')
    const recognising = result.trust.path.find((step) => step.kind === 'recognition')
    const { lists, recognitions } = decodedMaterial(material)
    const trust = {
      lists: lists
        .filter(
          ({ list }) =>
            list.authority === authorising?.authority && list.version === authorising.listVersion,
        )
        .map(({ jws }) => jws),
      recognitions: recognitions
        .filter(
          ({ statement }) =>
            recognising !== undefined &&
            statement?.recogniser?.authority === anchor?.authority &&
            statement?.recognised?.authority === recognising.authority,
        )
        .map(({ jws }) => jws),
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
