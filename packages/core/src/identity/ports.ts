import type { DidDocumentCache } from './did-resolver.js'
import type { TrustMaterial } from './trust-decision.js'

/** How an organisation was verified: its legal-entity credential, issuer and trust path. */
export interface OrganisationVerification {
  readonly status: 'verified' | 'unverified' | 'revoked'
  readonly credentialId?: string
  readonly issuer?: string
  readonly jurisdiction?: string
  readonly trustPath?: readonly string[]
  readonly verifiedAt?: string
}

/** One key of an organisation, current or retired. */
export interface OrganisationKeyHistoryEntry {
  readonly kid: string
  readonly alg: string
  readonly publicJwk: Record<string, unknown>
  readonly createdAt: string
  readonly retiredAt: string | null
}

/** A credential the node issued or verified. */
export interface StoredCredential {
  readonly id: string
  readonly issuer: string
  readonly subject: string
  readonly organisationId: string | null
  readonly type: string
  readonly format: 'vc+jwt' | 'dc+sd-jwt' | 'data-integrity'
  /** The secured credential: a JWS string, or a JSON document for Data Integrity. */
  readonly credential: string
  readonly statusList: string | null
  readonly statusIndex: number | null
  readonly createdAt: string
}

/** A Bitstring Status List the node publishes. */
export interface StoredStatusList {
  readonly id: string
  readonly issuer: string
  readonly purpose: 'revocation' | 'suspension'
  readonly bitstring: Uint8Array
  readonly nextIndex: number
  readonly updatedAt: string
  /** The list as last signed, with what it was signed over (`stamp`); absent until first signed. */
  readonly signed?: { readonly stamp: string; readonly credential: string }
}

/** Port: trust lists and recognition statements the node holds, for trust decisions. */
export interface TrustMaterialStore {
  saveTrustList(list: {
    authority: string
    version: number
    jurisdiction: string
    jws: string
  }): Promise<void>
  saveRecognition(statement: {
    id: string
    recogniser: string
    recognisedJurisdiction: string
    jws: string
  }): Promise<void>
  /** Every trust list and recognition statement, for trust decisions. */
  trustMaterial(): Promise<TrustMaterial>
}

/** Port: credentials the node issued or verified. */
export interface CredentialStore {
  saveCredential(credential: StoredCredential): Promise<void>
  getCredential(id: string): Promise<StoredCredential | undefined>
  /** Links a stored credential to the organisation it was presented by. */
  assignCredential(id: string, organisationId: string): Promise<void>
  listCredentials(filter?: {
    organisationId?: string
    subject?: string
  }): Promise<StoredCredential[]>
}

/** Port: the Bitstring Status Lists the node publishes. */
export interface StatusListStore {
  createStatusList(
    list: Omit<StoredStatusList, 'nextIndex' | 'updatedAt' | 'signed'>,
  ): Promise<void>
  getStatusList(id: string): Promise<StoredStatusList | undefined>
  /**
   * Keeps the signed credential of a list with what it was signed over, to be served while the
   * stamp stays current. A later write of an older stamp is harmless: readers compare stamps.
   */
  saveSignedStatusList(id: string, signed: { stamp: string; credential: string }): Promise<void>
  /** Takes the next free index of a list, atomically (two issuers never share an index). */
  allocateStatusIndex(id: string): Promise<number>
  /** Sets or clears one entry of a list (revoke, suspend, reinstate). */
  setStatus(id: string, index: number, isSet: boolean): Promise<void>
}

/** Port: one-time nonces for presentations. */
export interface ChallengeStore {
  /** Stores a one-time nonce for a presentation. */
  createChallenge(nonce: string, expiresAt: string): Promise<void>
  /** Uses a nonce once: true only the first time, before it expires. */
  consumeChallenge(nonce: string, now: string): Promise<boolean>
}

/** Port: how each organisation was verified, and its key history for its DID document. */
export interface VerificationStore {
  setVerification(organisationId: string, verification: OrganisationVerification): Promise<void>
  getVerification(organisationId: string): Promise<OrganisationVerification | undefined>
  /** An organisation's keys with when each was retired, for its DID document (rotation). */
  organisationKeyHistory(organisationId: string): Promise<OrganisationKeyHistoryEntry[]>
}

/** Every identity port together, as one database adapter implements them. */
export interface IdentityStore
  extends TrustMaterialStore, CredentialStore, StatusListStore, ChallengeStore, VerificationStore {
  readonly didCache: DidDocumentCache
}
