import { type SigningAlgorithm, type SigningKeyPair } from '@landsea/core/crypto'
import {
  createStatusEntry,
  type CredentialVerification,
  type DidDocument,
  type DidResolver,
  type KeyLookup,
  type SignerIdentityEvidence,
  type TrustAnchor,
  type TrustDecision,
  type TrustList,
  type TrustMaterial,
  type TrustQuery,
  type VerifiableCredential,
  type VerifiedPresentation,
} from '@landsea/core/identity'
import type { OrganisationVerification, StoredCredential } from '@landsea/core/identity'
import type { Organisation, OrganisationRole } from '@landsea/core/organisation'
import type { JWK } from 'jose'

/** An authority (trust-list signer) or registrar (credential issuer) this node hosts, with its key. */
export interface HostedParty {
  readonly did: string
  readonly name: string
  readonly jurisdiction: string
  readonly key: SigningKeyPair
  /**
   * An Ed25519 companion of an SM2 key (`#key-2`), for dual-signed Data Integrity credentials that
   * verifiers without SM2 can check (decision record 0003).
   */
  readonly companionKey?: SigningKeyPair
}

/** The identity configuration kept in node settings under `identity`. */
export interface IdentitySettings {
  /** Jurisdiction authorities this node hosts (the demo hosts CN, SG and an unrecognised XX). */
  readonly authorities: readonly HostedParty[]
  /** Registrars that issue legal-entity and role credentials. */
  readonly issuers: readonly HostedParty[]
  /** The verifier's anchor: the authority of the node's own jurisdiction, by DID and key. */
  readonly anchor?: TrustAnchor
  /** When true, only verified organisations may be parties to a bill. */
  readonly requireVerifiedParties: boolean
}

/** Options of {@link NodeIdentityService.verify}. */
export interface VerifyOptions {
  readonly expectedType?: string
  readonly now?: Date
  /** For SD-JWT presentations: the audience and nonce the key-binding JWT must carry. */
  readonly keyBinding?: { readonly audience: string; readonly nonce: string }
  /** Data Integrity cryptosuites to check (others are skipped), e.g. without SM2. */
  readonly cryptosuites?: readonly string[]
  /** Keys the verifier holds (a JWK or JWK Set file) instead of the issuer's DID document. */
  readonly lookupKey?: KeyLookup
}

/** The node's identity use cases: DIDs it serves, credentials, trust, onboarding. */
export interface NodeIdentityService {
  readonly resolver: DidResolver
  readonly lookupKey: KeyLookup
  /** The did:web of this node's host, e.g. `did:web:localhost%3A8080`. */
  readonly hostDid: string
  settings(): Promise<IdentitySettings>
  updateSettings(update: Partial<IdentitySettings>): Promise<IdentitySettings>
  /** The DID of an organisation of this node: `<hostDid>:orgs:<id>`. */
  organisationDid(organisationId: string): string
  /** The DID document of a DID hosted by this node (organisations, authorities, registrars). */
  hostedDocument(did: string): Promise<DidDocument | undefined>
  /** Creates a hosted authority or registrar with a fresh key. */
  createHostedParty(
    kind: 'authority' | 'issuer',
    party: Omit<HostedParty, 'did' | 'key' | 'companionKey'> & {
      slug: string
      alg?: SigningAlgorithm
      withCompanionKey?: boolean
    },
  ): Promise<HostedParty>
  /** Every trust list and recognition statement this node holds, as signed JWS. */
  trustMaterial(): Promise<TrustMaterial>
  /**
   * Stores another jurisdiction's signed trust list as it is (read, not verified: it counts only
   * through a recognition that pins its authority's key) and returns it.
   */
  importTrustList(jws: string): Promise<TrustList>
  /**
   * Whether an issuer is trusted here for a credential type (now, unless `at` says when), with
   * the path; never trusted while the node has no trust anchor.
   */
  decideTrust(query: Omit<TrustQuery, 'at'> & { readonly at?: Date }): Promise<TrustDecision>
  /** Signs and stores a trust list of a hosted authority. */
  publishTrustList(
    authorityDid: string,
    list: Omit<TrustList, 'type' | 'authority' | 'jurisdiction'>,
  ): Promise<string>
  /** Signs and stores a recognition statement by a hosted authority. */
  recognise(input: {
    recogniserDid: string
    recognisedDid: string
    credentialTypes: readonly string[]
    roles?: readonly string[]
    validFrom: string
    validUntil: string
  }): Promise<string>
  /** Issues a vc+jwt with a hosted registrar, with a revocation status entry. */
  issueCredential(input: {
    issuerDid: string
    credential: (
      issuer: string,
      status: ReturnType<typeof createStatusEntry>,
    ) => VerifiableCredential
    organisationId?: string
    /** `vc+jwt` (default), or Data Integrity with a proof per key (SM2 + Ed25519 when dual). */
    format?: 'vc+jwt' | 'data-integrity'
  }): Promise<StoredCredential>
  /** A credential this node issued or recorded. */
  getCredential(id: string): Promise<StoredCredential | undefined>
  /** The credentials this node issued or recorded, of an organisation or a subject. */
  listCredentials(filter?: {
    readonly organisationId?: string
    readonly subject?: string
  }): Promise<StoredCredential[]>
  /**
   * Whether an organisation is verified, by which credential and trust path, with its DID and
   * credentials; undefined when the node has no verification record of it.
   */
  organisationVerification(organisationId: string): Promise<
    | {
        readonly did: string
        readonly verification: OrganisationVerification
        readonly credentials: readonly StoredCredential[]
      }
    | undefined
  >
  /** The URL of a hosted registrar's revocation list, by the registrar's slug. */
  statusListUrl(slug: string): string
  /** The issuer's current status list, secured as vc+jwt. */
  statusListCredential(id: string): Promise<string | undefined>
  revoke(credentialId: string): Promise<StoredCredential>
  /** Verifies any credential format (vc+jwt, Data Integrity, SD-JWT VC) against this node's trust. */
  verify(input: unknown, options?: VerifyOptions): Promise<CredentialVerification>
  createChallenge(
    ttlSeconds?: number,
  ): Promise<{ nonce: string; audience: string; expiresAt: string }>
  /** Verifies a join presentation (one-time nonce, this node as audience). */
  verifyJoin(presentation: unknown, nonce: string): Promise<VerifiedPresentation>
  /**
   * Onboards an organisation from a join presentation: verifies it (nonce, audience, holder, the
   * legal-entity credential in full), registers the organisation as verified, and returns its API
   * key once. The holder DID becomes the organisation's DID.
   */
  joinOrganisation(input: {
    presentation: unknown
    nonce: string
    roles: readonly OrganisationRole[]
    signingKey?: JWK
  }): Promise<{
    organisation: Organisation
    apiKey: string
    verification: OrganisationVerification
  }>
  /**
   * Identity evidence for a bundle: per organisation, its verified legal-entity credential, the
   * DID documents of the organisation and the issuer, trust lists, recognitions and status list
   * snapshots, so an offline verifier can say who signed by whose authority.
   */
  signerEvidence(
    signers: readonly { readonly kid: string; readonly publicJwk: object }[],
    options?: { readonly anchorAuthority?: string },
  ): Promise<SignerIdentityEvidence[]>
  /** Verifies an organisation's legal-entity credential and records the result. */
  verifyOrganisation(organisationId: string, credential: unknown): Promise<CredentialVerification>
}
