import type { PublicSigningKey, SigningKeyPair } from '../crypto/index.js'
import type { CommittedField } from '../privacy/commitments.js'
import type { ActionEntryPayload } from './action-entry.js'
import type { TitleState, TitleStatus } from './title-state.js'
import type { TitleWrite } from './title-write.js'
import type { TransportDocument } from './transport-document.js'

/** A bill on the registry: its document (frozen at issue), its current title state and chain head. */
export interface EblRecord {
  readonly id: string
  readonly reference: string
  readonly version: number
  readonly document: TransportDocument
  readonly documentChecksum: string
  /**
   * The document's committed personal fields (docs/privacy.md, crypto-shredding): when present,
   * `documentChecksum` is over the committed form. Absent on bills drafted without them.
   */
  readonly personal?: readonly CommittedField[]
  /**
   * DCSA's checksum of the document in clear (PINT's `transportDocumentChecksum`), read from the
   * vault once a personal value is erased and it can no longer be computed.
   */
  readonly pintChecksum?: string
  readonly state: TitleState
  readonly lastEntryChecksum: string | null
  readonly amendsId: string | null
  readonly amendedById: string | null
  readonly createdAt: string
  readonly updatedAt: string
}

/** An accepted, signed action. */
export interface AcceptedEntry {
  readonly documentId: string
  readonly seq: number
  readonly jws: string
  readonly entryChecksum: string
  readonly previousEntryChecksum: string | null
  readonly payload: ActionEntryPayload
  readonly signerKid: string
  readonly acceptedAt: string
}

/** Filters for listing bills. */
export interface EblFilter {
  /** Bills where this organisation is issuer, possessor, holder, shipper or consignee. */
  readonly party?: string
  readonly status?: TitleStatus
  /** Substring of the transport document reference. */
  readonly q?: string
  /** Exactly this transport document reference (every version). */
  readonly reference?: string
  readonly limit?: number
}

/**
 * Storage of bills and their action chains. `appendEntry` is atomic and enforces singularity: an entry has at
 * most one successor, so of two appends after the same entry exactly one succeeds and the other throws
 * `EBL_CONFLICT`; a reused nonce throws `EBL_REPLAY`.
 */
export interface EblStore {
  insertDraft(record: EblRecord): Promise<void>
  getById(id: string): Promise<EblRecord | undefined>
  /** The latest version of the bill whose document has this checksum, if any. */
  getByChecksum(documentChecksum: string): Promise<EblRecord | undefined>
  list(filter: EblFilter): Promise<EblRecord[]>
  listEntries(documentId: string): Promise<AcceptedEntry[]>
  /**
   * Carries out a {@link TitleWrite} in one transaction: the entry, the bill's new record (only if
   * the bill is still at the expected head and not replaced, else `EBL_CONFLICT`), the amended
   * bill's mark, and the leaves, so an acknowledged action always has its leaf.
   */
  appendEntry(write: TitleWrite): Promise<void>
}

/** The organisations a node knows, with their keys. */
export interface OrganisationDirectory {
  hasOrganisation(id: string): Promise<boolean>
  /** A public key of an organisation by kid, including rotated keys so old signatures still verify. */
  getPublicKey(organisationId: string, kid: string): Promise<PublicSigningKey | undefined>
  /** The key the node holds for an organisation (custodial signing), if any. */
  getCustodialKey(organisationId: string): Promise<SigningKeyPair | undefined>
  /** Organisation ids a bill may name as a recipient. */
  listOrganisationIds(): Promise<string[]>
}

/** The source of time. */
export type Clock = () => Date
