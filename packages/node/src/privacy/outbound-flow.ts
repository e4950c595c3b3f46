import type {
  LocatedPersonalValues,
  ThresholdWarning,
  TransferChannel,
  TransferRecord,
} from '@landsea/core/privacy'
import type { RegisteredTransfer } from './transfer-register.js'

// What a channel hands the privacy gate, and what the gate answers (docs/privacy.md, "Channels").

/** One outbound flow, as a channel hands it to the gate. */
export interface OutboundRequest {
  readonly channel: TransferChannel
  /** The organisation (or the node) sending the personal data. */
  readonly exporter: string
  /** The recipient: an organisation id, or a webhook's origin. */
  readonly recipient: string
  /** The recipient's country when the channel knows it; else the policy's recipients decide. */
  readonly recipientCountry?: string
  readonly purpose: string
  /** The JSON value about to be sent (or `json`, its text). */
  readonly payload?: unknown
  /**
   * The exact text about to be sent, when the channel holds it (webhooks): the gate skips a text in
   * which no personal-data container can appear without parsing it, and hashes these bytes.
   */
  readonly json?: string
  /**
   * The transfer intent (e.g. `webhook:<subscription>:<delivery>`): a retry of the same intent is
   * decided again but not recorded again (one register entry per intent, docs/privacy.md).
   */
  readonly intentId?: string
  /** The webhook delivery whose own recorded status settles the intent (no separate write). */
  readonly deliveryId?: string
  /**
   * Keyed hashes already computed of identifiers in `payload` (normalised identifier → hash, the
   * gate's own `subjectHash`, e.g. by the ingest's event vault): the gate does not compute them again.
   */
  readonly subjectHashes?: ReadonlyMap<string, string>
  /**
   * The personal values already found in `payload` and their subjects (the ingest's): the gate
   * does not search `payload` again. Ignored when only `json` is given.
   */
  readonly personalValues?: LocatedPersonalValues
}

/** A local read of personal data by an organisation (an API read): gated, then logged. */
export interface ReadRequest {
  readonly reader: string
  readonly readerCountry?: string
  /** What was read, e.g. `GET /api/ebl/{id}`. */
  readonly what: string
  readonly purpose: string
  readonly payload: unknown
  readonly recordIds: readonly string[]
}

/** What may leave: the payload to send (the original or a minimised copy) and the register entry. */
export interface OutboundPermit {
  readonly action: 'send' | 'minimise'
  readonly crossBorder: boolean
  readonly payload: unknown
  /** The text to send when the request gave `json`: the same text, or the minimised copy's. */
  readonly json?: string
  /** The register entry, durable before this returns; absent when nothing personal crossed. */
  readonly entry?: RegisteredTransfer
  readonly warnings: readonly ThresholdWarning[]
}

/** A decision not yet recorded: the register record its sender writes before the send. */
export type OutboundDecision = Omit<OutboundPermit, 'entry'> & {
  /** Whether the payload to send holds personal values in clear. */
  readonly hasPersonalData: boolean
  /** The register entry to write before the send; absent when nothing personal crosses. */
  readonly record?: TransferRecord
}

/** One flow of a batch: its decision, or why it was refused (a `PrivacyError`, or what failed). */
export type BatchAnswer = { readonly decided: OutboundDecision } | { readonly refused: unknown }
