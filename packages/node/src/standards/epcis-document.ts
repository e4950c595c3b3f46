import { fromEpcisDocument, TrackingError, type EpcisImport } from '@landsea/core/tracking'
import { validateAgainst } from '@landsea/standards'

/** GS1's EPCIS 2.0 JSON Schema, in the vendored standard. */
export const EPCIS_DOCUMENT_SCHEMA = 'gs1-epcis-2.0#'

/**
 * Reads an EPCIS 2.0 document for import: first GS1's own JSON Schema (`TRACKING_EPCIS_INVALID`
 * with every issue and its schema path), then Landsea's reading: T&T events of containers, EPCIS
 * events of GS1-keyed objects. A document of which no event can be used is refused whole
 * (`TRACKING_EPCIS_UNSUPPORTED`).
 */
export function readEpcisDocument(document: unknown): EpcisImport {
  const issues = validateAgainst(EPCIS_DOCUMENT_SCHEMA, document).map((i) => ({
    path: i.path,
    code: 'TRACKING_EPCIS_INVALID' as const,
    message: i.message,
    schemaPath: i.schemaPath,
  }))
  if (issues.length > 0) {
    throw new TrackingError('TRACKING_EPCIS_INVALID', 'GS1 EPCIS 2.0 schema refuses the document', {
      issues,
    })
  }
  const mapped = fromEpcisDocument(document)
  if (mapped.items.length === 0 && mapped.objectEvents.length === 0) {
    throw new TrackingError(
      'TRACKING_EPCIS_UNSUPPORTED',
      'no event of the document can be kept: none names a container, a GS1 key or a place',
      {
        issues: mapped.rejected.flatMap((r) => r.issues),
      },
    )
  }
  return mapped
}
