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
