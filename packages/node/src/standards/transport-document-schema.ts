import type { ValidationIssue } from '@landsea/core/ebl'
import { validateAgainst } from '@landsea/standards'

/** Where DCSA eBL 3.0.3 defines the transport document, in the vendored standard. */
export const TRANSPORT_DOCUMENT_SCHEMA = 'dcsa-ebl-3.0.3#/components/schemas/TransportDocument'

/**
 * The first validation layer of a bill draft: DCSA eBL 3.0.3's own TransportDocument schema. Each
 * issue carries `schemaPath`, the rule's place in the standard's text.
 */
export function validateTransportDocumentSchema(document: unknown): readonly ValidationIssue[] {
  return validateAgainst(TRANSPORT_DOCUMENT_SCHEMA, document)
}
