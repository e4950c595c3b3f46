import type { Delivery } from '../tracking/index.js'
import type { PersonalCategory } from './field-decision.js'
import type { AppliedBasis, ThresholdWarning, TransferChannel } from './transfer-decision.js'

/**
 * One entry of the transfer register, the body of a `privacy-transfer` ledger leaf: appended before
 * the data is sent, so no transfer is ever unrecorded. Subjects appear only as keyed hashes
 * (HMAC-SHA256 under the node's secret), never in clear.
 */
export interface TransferRecord {
  readonly recordId: string
  readonly recordedAt: string
  readonly exporter: string
  readonly recipient: string
  readonly recipientCountry: string
  readonly channel: TransferChannel
  readonly purpose: string
  readonly action: 'send' | 'minimise'
  readonly categories: readonly PersonalCategory[]
  readonly sensitive: boolean
  readonly subjectCount: number
  readonly subjectHashes: readonly string[]
  readonly basis: AppliedBasis
  readonly warnings: readonly ThresholdWarning[]
  /** SHA-256 (hex) of the bytes sent, so the recipient's copy can be matched to the entry. */
  readonly payloadSha256: string
  /** The transfer intent (e.g. a webhook delivery): a retry of it is not recorded again. */
  readonly intentId?: string
}

/** A register row: the record, its order of writing, and its ledger leaf once sealed. */
export interface TransferRow {
  readonly seq: number
  readonly record: TransferRecord
  /** The `privacy-transfer` leaf's index; null until the register seals the row. */
  readonly leafIndex: number | null
}

/** How a register row becomes its `privacy-transfer` ledger leaf: the same bytes either way. */
export interface TransferLeafEncoder {
  /** The leaf of a record. */
  encode(record: TransferRecord): Uint8Array
  /** The leaf of a record given as its RFC 8785 text: wrapped as it is, neither parsed nor re-encoded. */
  canonical(text: string): Uint8Array
}

/**
 * The storage port of the transfer register (docs/privacy.md, "Cost"): a row is written before the
 * send (record first) and gets its ledger leaf later, in a batch; `seal` appends the pending rows'
 * leaves and sets their indices in one transaction, so every row ends with exactly one leaf.
 */
export interface TransferRegisterStore {
  /**
   * Writes the rows in one statement, each unless its intent already has one; returns each row's
   * sequence number, aligned, undefined for those not written. `deliveryId` names the webhook
   * delivery whose own recorded status settles the intent.
   */
  insert(
    rows: readonly { readonly record: TransferRecord; readonly deliveryId?: string }[],
  ): Promise<(number | undefined)[]>
  /**
   * Enqueues webhook deliveries and writes the register rows of those that carry personal data
   * abroad, in one transaction (multi-row statements): a queued delivery with personal data always
   * has its row (record first). Returns each row's sequence number, aligned, as {@link insert}.
   */
  insertWithDeliveries(
    rows: readonly { readonly record: TransferRecord; readonly deliveryId?: string }[],
    deliveries: readonly Delivery[],
  ): Promise<(number | undefined)[]>
  /** Rows written after `seq`, in order. */
  since(seq: number): Promise<TransferRow[]>
  byIntent(intentId: string): Promise<TransferRow | undefined>
  /**
   * Appends a leaf for every row without one, in row order; returns how many. A row the store
   * wrote as its record's RFC 8785 text gets `leaf.canonical(text)`, others `leaf.encode(record)`.
   */
  seal(leaf: TransferLeafEncoder): Promise<number>
  /**
   * Intents neither settled in `privacy_transfer_intents` nor ended by their webhook delivery
   * (DELIVERED or FAILED settle it: the delivery's status is written in its own transaction).
   */
  unsettled(): Promise<{ intentId: string; recordId: string; leafIndex: number | null }[]>
  /** Settles every intent whose webhook delivery has ended; returns how many. */
  settleEnded(): Promise<number>
}
