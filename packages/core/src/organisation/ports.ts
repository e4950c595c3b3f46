import type { PublicSigningKey, SigningKeyPair } from '../crypto/index.js'
import type { OrganisationDirectory } from '../ebl/index.js'
import type { Organisation, OrganisationIdentifier, StoredKey } from './organisation.js'

/**
 * Port: the organisations a node serves, their API keys (as hashes) and signing keys. Also core's
 * {@link OrganisationDirectory} for the title registry.
 */
export interface OrganisationStore extends OrganisationDirectory {
  create(org: Organisation, apiKeyHash: string): Promise<void>
  getById(id: string): Promise<Organisation | undefined>
  list(): Promise<Organisation[]>
  /**
   * The organisation (the first created, should several share it) with this identifier, if any:
   * PINT names parties by their identifying codes.
   */
  findByIdentifier(identifier: OrganisationIdentifier): Promise<Organisation | undefined>
  findByApiKeyHash(hash: string): Promise<Organisation | undefined>
  /** Adds a key; with `makeActive` the others are retired (rotation keeps them for old signatures). */
  addKey(
    organisationId: string,
    key: PublicSigningKey | SigningKeyPair,
    options?: { makeActive?: boolean },
  ): Promise<void>
  listKeys(organisationId: string): Promise<StoredKey[]>
}
