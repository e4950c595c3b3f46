export { listTntGatewayMessages } from './gateway-messages.js'
export { listEpcisExamples } from './gs1-examples.js'
export { listOpenApiExamples, type StandardExample } from './openapi-examples.js'
export { loadStandardDocument, STANDARD_FILES, type StandardId } from './standard-documents.js'
export { validateAgainst, type SchemaIssue, type SchemaRef } from './validate-against.js'
export {
  findUnLocode,
  parseCoordinates,
  UN_LOCODE_EDITION,
  unLocodeCount,
  type UnLocodeEntry,
} from './un-locode.js'
