import { parse } from 'yaml'
import { readVendorText } from './vendor-files.js'

/**
 * The standards this package carries, by id: the id is the base of every schema reference
 * (`dcsa-ebl-3.0.3#/components/schemas/TransportDocument`).
 */
export const STANDARD_FILES = {
  'dcsa-ebl-3.0.3': 'dcsa/EBL_v3.0.3.yaml',
  'dcsa-pint-3.0.0': 'dcsa/EBL_PINT_v3.0.0.yaml',
  'dcsa-ebl-issuance-3.0.3': 'dcsa/EBL_ISS_v3.0.3.yaml',
  'dcsa-ebl-surrender-3.0.3': 'dcsa/EBL_SUR_v3.0.3.yaml',
  'dcsa-tnt-2.2.0': 'dcsa/TNT_v2.2.0-bundled.yaml',
  'gs1-epcis-2.0': 'gs1/epcis/EPCIS-JSON-Schema.json',
} as const

/** Id of a vendored standard. */
export type StandardId = keyof typeof STANDARD_FILES

const parsed = new Map<StandardId, unknown>()

/** The parsed text of a vendored standard (OpenAPI YAML or JSON Schema), read once and cached. */
export function loadStandardDocument(id: StandardId): unknown {
  let document = parsed.get(id)
  if (document === undefined) {
    const file = STANDARD_FILES[id]
    const text = readVendorText(file)
    document = file.endsWith('.json') ? JSON.parse(text) : parse(text)
    parsed.set(id, document)
  }
  return document
}
