import { listVendorFiles, readVendorText } from './vendor-files.js'
import type { StandardExample } from './openapi-examples.js'

/**
 * The DCSA Conformance Gateway's T&T 2.2 publisher responses (dcsaorg/Conformance-Gateway
 * `tnt/src/main/resources/standards/tnt/messages/tnt-220-*.json`), named by file: the valid
 * response and its wrong-date-times, wrong-attribute-values, wrong-event-ids and
 * wrong-structure variants. Each value is the JSON array the gateway sends.
 */
export function listTntGatewayMessages(): StandardExample[] {
  return listVendorFiles('dcsa/conformance-gateway/tnt', '.json').map((file) => ({
    name: file.replace('dcsa/conformance-gateway/tnt/', ''),
    value: JSON.parse(readVendorText(file)) as unknown,
  }))
}
