import { listVendorFiles, readVendorText } from './vendor-files.js'
import type { StandardExample } from './openapi-examples.js'

/** GS1's EPCIS 2.0 example documents (JSON-LD), named by their path in gs1/EPCIS `JSON/`. */
export function listEpcisExamples(): StandardExample[] {
  return listVendorFiles('gs1/epcis/examples', '.jsonld').map((file) => ({
    name: file.replace('gs1/epcis/examples/', ''),
    value: JSON.parse(readVendorText(file)) as unknown,
  }))
}
