import type { EblRecord } from '../ebl/ports.js'
import type {
  PintIdentifyingCode,
  PintManifest,
  PlatformKeys,
  PintDocumentMetadata,
} from './envelope.js'

/** A platform this node exchanges bills with: its DCSA code, PINT base URL, keys and parties. */
export interface PlatformRecord {
  /** The 4-character DCSA platform code (`eblPlatform`). */
  readonly code: string
  readonly name: string
  /** The PINT base URL; `/v3/envelopes` is appended. */
  readonly url: string
  readonly jwks: PlatformKeys
  /** The parties the platform serves, by DCSA identifying code. */
  readonly parties: readonly PintIdentifyingCode[]
  readonly createdAt: string
}

/** Where a transfer out stands. */
export type OutboxStatus = 'SENDING' | 'TRANSFERRED' | 'REJECTED'

/** A bill being, or having been, sent to another platform. */
export interface OutboxRecord {
  readonly id: string
  readonly documentId: string
  readonly platform: string
  readonly actor: string
  readonly action: string
  readonly envelope: string
  readonly lastEntryChecksum: string
  /** The additional documents, by checksum, as base64. */
  readonly documents: Readonly<Record<string, string>>
  readonly status: OutboxStatus
  readonly attempts: number
  /** The receiving platform's signed response, once it came. */
  readonly response: string | null
  readonly responseCode: string | null
  readonly lastError: string | null
  readonly createdAt: string
  readonly updatedAt: string
}

/** Where a received envelope stands. */
export type InboxStatus = 'PENDING' | 'ACCEPTED'

/** An envelope received from another platform. */
export interface InboxRecord {
  readonly reference: string
  readonly documentChecksum: string
  readonly lastEntryChecksum: string
  readonly sender: string
  /** The organisation on this node the bill was sent to. */
  readonly recipient: string
  readonly envelope: string
  readonly manifest: PintManifest
  readonly documents: readonly PintDocumentMetadata[]
  /** Checksums of the additional documents received so far. */
  readonly received: readonly string[]
  readonly status: InboxStatus
  readonly createdAt: string
  readonly updatedAt: string
}

/** What the arrival of an additional document checks of its transfer: the row without its envelope. */
export type InboxSummary = Pick<
  InboxRecord,
  'reference' | 'lastEntryChecksum' | 'documents' | 'status'
>

/** The platform directory (operator-managed). */
export interface PlatformStore {
  put(platform: PlatformRecord): Promise<void>
  get(code: string): Promise<PlatformRecord | undefined>
  list(): Promise<PlatformRecord[]>
  remove(code: string): Promise<boolean>
}

/**
 * Transfers out and in. `lockAndEnqueue` is the exclusive-control guard: in one transaction it locks
 * the bill if it is still at `expectedHead`, unlocked and not replaced, and stores the transfer; of
 * any number of concurrent calls for one bill exactly one returns true. A locked bill takes no title
 * action (the registry's guarded write refuses it) until {@link releaseLock}.
 */
export interface PintStore {
  lockAndEnqueue(transfer: OutboxRecord, expectedHead: string | null): Promise<boolean>
  getTransfer(id: string): Promise<OutboxRecord | undefined>
  listTransfers(filter: { status?: OutboxStatus; documentId?: string }): Promise<OutboxRecord[]>
  /** Records an attempt's outcome; REJECTED also releases the bill's lock, in the same transaction. */
  updateTransfer(
    id: string,
    change: Pick<
      OutboxRecord,
      'status' | 'attempts' | 'response' | 'responseCode' | 'lastError' | 'updatedAt'
    >,
  ): Promise<void>
  /** Stores a new pending envelope; false when one with the same last entry exists. */
  insertInbox(record: InboxRecord): Promise<boolean>
  getInbox(reference: string): Promise<InboxRecord | undefined>
  /** The same transfer without its envelope, manifest and received list (one read, a small row). */
  getInboxSummary(reference: string): Promise<InboxSummary | undefined>
  getInboxByLastEntry(lastEntryChecksum: string): Promise<InboxRecord | undefined>
  listInbox(filter: { documentChecksum?: string }): Promise<InboxRecord[]>
  /** Stores an additional document of a pending envelope. */
  putDocument(reference: string, checksum: string, content: string): Promise<void>
  getDocument(reference: string, checksum: string): Promise<string | undefined>
  /**
   * Marks a pending envelope accepted; false when it was not pending. With `bill`, in the same
   * transaction, the bill becomes one this node holds: a new bill (`insert`), or the bill that left
   * and came back (`reactivate`: its state and head replaced and its PINT lock released, only if it
   * is still locked).
   */
  acceptInbox(
    reference: string,
    at: string,
    bill?: { readonly record: EblRecord; readonly reactivate: boolean },
  ): Promise<boolean>
}
