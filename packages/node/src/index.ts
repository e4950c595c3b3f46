export { createBackgroundJobs, type BackgroundJob } from './background-jobs.js'
export {
  createNode,
  type LandseaNode,
  type NodeIdentity,
  type NodeStorageOptions,
  type StorageErrorCode,
} from './create-node.js'
export { readableBill } from './ebl/readable-bill.js'
export { DEMO_ORGANISATIONS, type DemoRole } from './demo/demo-organisations.js'
export { seedDemo, type DemoSeed } from './demo/seed.js'
export {
  PAIR_JOURNEY,
  PAIR_SIDES,
  registerPairBasis,
  seedPairDemo,
  setUpCorridorPair,
  takePairStep,
  type PairNode,
  type PairStep,
  type SideOrganisations,
} from './demo/pair-demo.js'
export { seedTrackingDemo, type DemoShipmentBill } from './demo/tracking-demo.js'
export { seedIdentityDemo } from './identity/demo-identity.js'
export type {
  HostedParty,
  IdentitySettings,
  NodeIdentityService,
  VerifyOptions,
} from './identity/node-identity-service.js'
export { exportBundle } from './ledger/bundle-export.js'
export {
  createEmissionsService,
  type EmissionsService,
  type StoredEmissionsClaim,
} from './emissions/emissions-service.js'
export { EPCIS_DOCUMENT_SCHEMA, readEpcisDocument } from './standards/epcis-document.js'
export type { LedgerKeys, LedgerPeer, NodeLedger } from './ledger/node-ledger.js'
export { rotateMasterKey, type MasterKeyRotation } from './crypto/master-key-rotation.js'
export { openStandaloneWitness, type StandaloneWitness } from './ledger/standalone-witness.js'
export type { Fetch } from './ledger/witness-client.js'
export { gateBundle } from './privacy/gated-bundle-export.js'
export { webhookGate } from './privacy/webhook-gate.js'
export { normaliseIdentifier } from './privacy/subjects.js'
export type { SubjectAccessReport, SubjectRecord, SubjectRights } from './privacy/subject-rights.js'
export { createPrivacyGate, type PrivacyGate } from './privacy/privacy-gate.js'
export type {
  BatchAnswer,
  OutboundDecision,
  OutboundPermit,
  OutboundRequest,
  ReadRequest,
} from './privacy/outbound-flow.js'
export {
  createTransferRegister,
  type RegisteredTransfer,
  type TransferRegister,
} from './privacy/transfer-register.js'
export { createApiKey, hashApiKey } from './organisations/api-key.js'
export {
  registerOrganisation,
  type OrganisationRegistration,
} from './organisations/organisation-registration.js'
export {
  createSubscription,
  findOwnedSubscription,
  type SubscriptionRequest,
} from './tracking/subscriptions.js'
export { shipmentAccessOf, type ShipmentAccess } from './tracking/tracking-access.js'
export {
  createTrackingService,
  type TimelineProofs,
  type TimelineView,
  type TrackingService,
} from './tracking/tracking-service.js'
export { createWebhookWorker, type WebhookWorker } from './tracking/webhook-worker.js'
export {
  identifyingCodesOf,
  type PintRecipient,
  type PintReply,
  type PintService,
  type TransferOutRequest,
} from './pint/pint-service.js'
export { EVIDENCE_DOCUMENT, type PintArrival, type PintCrossing } from './pint/pint-evidence.js'
export { pintChecksumOf } from './pint/pint-import.js'
export { validatePint, type PintSchemaName } from './pint/pint-schemas.js'
export {
  createGuardedFetch,
  createGuardedTextFetch,
  OutboundRefusedError,
  refusalOf,
  type OutboundPolicy,
} from './outbound/index.js'
