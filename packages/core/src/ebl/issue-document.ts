import type { TransportDocument } from './transport-document.js'

/**
 * The transport document as it is frozen at issue: status ISSUED, `issueDate` the UTC date of the ISSUE
 * action, and the received-for-shipment or shipped-on-board date defaulting to it. Deterministic, so a party
 * signing an ISSUE itself computes the same document checksum as the node.
 */
export function freezeDocumentForIssue(
  draft: TransportDocument,
  issuedAt: string,
): TransportDocument {
  const issueDate = draft.issueDate ?? issuedAt.slice(0, 10)
  const dateField = draft.isShippedOnBoardType ? 'shippedOnBoardDate' : 'receivedForShipmentDate'
  return {
    ...draft,
    transportDocumentStatus: 'ISSUED',
    issueDate,
    [dateField]: draft[dateField] ?? issueDate,
  }
}
