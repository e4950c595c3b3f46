export {
  hasRole,
  ORGANISATION_ROLES,
  type Organisation,
  type OrganisationIdentifier,
  type OrganisationRole,
  type StoredKey,
} from './organisation.js'
export type { OrganisationStore } from './ports.js'
