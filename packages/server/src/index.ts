export { buildApp, type AppDependencies } from './app.js'
export { createApiKey, hashApiKey } from './auth.js'
export { seedDemo, type DemoSeed } from './demo/seed.js'
export { ApiError, STATUS_BY_CODE, statusForCode, type ApiErrorCode } from './errors.js'
export { startNode, type RunningNode, type StartOptions } from './main.js'
export { DEMO_ORGANISATIONS, type DemoRole } from './demo/demo-organisations.js'
export { createNode, type LandseaNode, type NodeIdentity, type NodeStorageOptions } from './node.js'
export { registerOrganisation, type OrganisationRegistration } from './organisation-registration.js'
export { exportBundle } from './ledger/bundle-export.js'
export { type LedgerKeys, type LedgerPeer, type NodeLedger } from './ledger/node-ledger.js'
export { startWitness, type RunningWitness } from './ledger/standalone-witness.js'
export { createTrackingService, nativeSha256Hex, type TrackingService } from './tracking-service.js'
export { createWebhookWorker, type WebhookWorker } from './webhook-worker.js'
export { seedTrackingDemo, type DemoShipmentBill } from './tracking-demo.js'
export { seedIdentityDemo } from './identity/demo-identity.js'
export {
  nodeEd25519Implementation,
  nodeEd25519Verify,
  opensslEd25519Verify,
} from './node-ed25519.js'
