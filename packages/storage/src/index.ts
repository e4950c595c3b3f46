export { createDatabase, type DialectName, type LandseaDatabase } from './database.js'
export { createEblStore } from './ebl-store.js'
export { createEventStore } from './event-store.js'
export {
  appendLeaves,
  createLedgerStore,
  findChainHead,
  type LedgerExecutor,
  type SqlLedgerStore,
} from './ledger-store.js'
export { migrateToLatest } from './migrate.js'
export { createNodeSettingsStore, type NodeSettingsStore } from './node-settings-store.js'
export {
  createOrganisationStore,
  ORGANISATION_ROLES,
  type Organisation,
  type OrganisationIdentifier,
  type OrganisationRole,
  type OrganisationStore,
  type StoredKey,
} from './organisation-store.js'
export type { Schema } from './schema.js'
export {
  createIdentityStore,
  VERIFICATION_TTL_MS,
  type IdentityStore,
  type OrganisationKeyHistoryEntry,
  type OrganisationVerification,
  type StoredCredential,
  type StoredStatusList,
} from './identity-store.js'
export { createSubscriptionStore } from './subscription-store.js'
export { StorageError, uniqueViolation, type StorageErrorCode } from './storage-error.js'
export { createWitnessStore } from './witness-store.js'
