export {
  ACTION_JWS_TYPE,
  computeDocumentChecksum,
  computeEntryChecksum,
  createNonce,
  parseActionEntry,
  signActionEntry,
  verifyActionEntrySignature,
  type ActionEntryPayload,
  type GreenLink,
  type ParsedActionEntry,
  type ResolveSigningKey,
  type VerifyJws,
} from './action-entry.js'
export { billListFilterFor, canReadBill, type BillReader } from './bill-access.js'
export { EblError, type EblErrorCode, type ValidationIssue } from './ebl-error.js'
export { freezeDocumentForIssue } from './issue-document.js'
export { createSampleCorridorBill } from './sample-bill.js'
export type {
  AcceptedEntry,
  Clock,
  EblFilter,
  EblRecord,
  EblStore,
  OrganisationDirectory,
} from './ports.js'
export { titleStateForDocument } from './document-title-state.js'
export {
  createTitleRegistry,
  type ActionRequest,
  type TitleRegistry,
  type ValidateStandard,
} from './title-registry.js'
export {
  ACTION_CODES,
  AMENDMENT_REASON_CODES,
  applyTitleAction,
  draftTitleState,
  listAllowedActions,
  TITLE_STATUSES,
  type ActionCode,
  type AllowedAction,
  type AmendmentReasonCode,
  type PledgeFlag,
  type TitleAction,
  type TitleState,
  type TitleStatus,
} from './title-state.js'
export { planTitleWrite, type TitleWrite } from './title-write.js'
export {
  findPartyOrganisationId,
  LANDSEA_ORG_CODE_LIST,
  TRANSPORT_DOCUMENT_STATUSES,
  type CarriageMode,
  type DocumentParties,
  type DocumentParty,
  type IdentifyingCode,
  type Place,
  type RailLegExtension,
  type TransportDocument,
  type TransportDocumentStatus,
  type Transports,
} from './transport-document.js'
export {
  validateTransportDocument,
  type ValidateTransportDocumentOptions,
} from './validate-transport-document.js'
