import { encodeLeaf } from '../ledger/leaf-envelope.js'
import { computeEntryChecksum, type ActionEntryPayload } from './action-entry.js'
import { documentChecksumOf } from '../privacy/commitments.js'
import { EblError } from './ebl-error.js'
import { freezeDocumentForIssue } from './issue-document.js'
import type { AcceptedEntry, EblRecord } from './ports.js'
import { applyTitleAction } from './title-state.js'

/**
 * What recording one accepted title action writes, all in one transaction: the plan an
 * {@link EblStore} carries out. Computed by {@link planTitleWrite}; the store decides nothing.
 */
export interface TitleWrite {
  readonly entry: AcceptedEntry
  /** The bill after the action: its new title state and chain head (at ISSUE, its frozen document). */
  readonly record: EblRecord
  /** The head the action was taken on; if the stored bill is no longer there, nothing is written. */
  readonly expectedLastEntryChecksum: string | null
  /** Whether the document is written too: it is frozen at ISSUE and never changes after. */
  readonly isDocumentFrozen: boolean
  /** The bill this one replaces, marked as amended by it when the amendment is issued; else null. */
  readonly amendsId: string | null
  /** The ledger leaves that commit to the action: exactly its one `ebl-action` leaf. */
  readonly leaves: readonly Uint8Array[]
}

/**
 * Plans the write of a signed action on a bill: checks the action against the bill (not replaced,
 * for this document version, on the current head, allowed by the title rules) and computes its
 * entry, the bill's new record and its `ebl-action` leaf. Throws an {@link EblError} when refused.
 */
export function planTitleWrite({
  record,
  jws,
  payload,
  signerKid,
  acceptedAt,
}: {
  readonly record: EblRecord
  /** The action's compact JWS, whose payload is `payload`. */
  readonly jws: string
  readonly payload: ActionEntryPayload
  readonly signerKid: string
  readonly acceptedAt: string
}): TitleWrite {
  if (record.amendedById !== null) {
    throw new EblError('EBL_INVALID_STATE', 'the bill was replaced by an amended version')
  }
  const isIssue = payload.action === 'ISSUE'
  const document = isIssue ? freezeDocumentForIssue(record.document, payload.at) : record.document
  const documentChecksum = isIssue
    ? documentChecksumOf(document, record.personal)
    : record.documentChecksum
  if (payload.documentChecksum !== documentChecksum) {
    throw new EblError('EBL_CHECKSUM_MISMATCH', 'the action is for another version of the document')
  }
  if (payload.previousEntryChecksum !== record.lastEntryChecksum) {
    throw new EblError('EBL_CONFLICT', 'the bill has moved since this action was prepared')
  }
  const state = applyTitleAction(record.state, {
    action: payload.action,
    actor: payload.actor,
    recipient: payload.recipient,
    ...(payload.pledge ? { pledge: payload.pledge } : {}),
    ...(payload.reasonCode ? { reasonCode: payload.reasonCode } : {}),
  })
  const entryChecksum = computeEntryChecksum(jws)
  return {
    entry: {
      documentId: record.id,
      seq: state.sequence,
      jws,
      entryChecksum,
      previousEntryChecksum: payload.previousEntryChecksum,
      payload,
      signerKid,
      acceptedAt,
    },
    record: {
      ...record,
      document,
      documentChecksum,
      state,
      lastEntryChecksum: entryChecksum,
      updatedAt: acceptedAt,
    },
    expectedLastEntryChecksum: record.lastEntryChecksum,
    isDocumentFrozen: isIssue,
    amendsId: isIssue ? record.amendsId : null,
    // Every accepted action is in the log (docs/ledger.md): its leaf is written with its entry.
    leaves: [encodeLeaf({ type: 'ebl-action', body: jws })],
  }
}
