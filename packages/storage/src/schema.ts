import type { Generated } from 'kysely'

/** `organisations`: parties known to the node. JSON columns are stored as text on both databases. */
export interface OrganisationTable {
  id: string
  name: string
  name_zh: string | null
  country: string
  roles: string
  identifiers: string
  did: string | null
  api_key_hash: string
  created_at: string
}

/** `organisation_keys`: public keys of organisations, and private keys the node holds for them (custodial). */
export interface OrganisationKeyTable {
  organisation_id: string
  kid: string
  alg: string
  public_jwk: string
  private_jwk: string | null
  is_active: number
  created_at: string
  retired_at: string | null
}

/** `ebl_documents`: one row per bill version, with its current title state. */
export interface EblDocumentTable {
  id: string
  reference: string
  version: number
  document: string
  document_checksum: string
  state: string
  status: string
  issuer: string
  possessor: string
  holder: string | null
  shipper: string | null
  consignee: string | null
  last_entry_checksum: string | null
  amends_id: string | null
  amended_by_id: string | null
  created_at: string
  updated_at: string
}

/**
 * `ebl_entries`: the signed action chain. `previous_key` is unique, so an entry has at most one successor
 * (singularity), enforced by the database whatever the number of API processes.
 */
export interface EblEntryTable {
  document_id: string
  seq: number
  jws: string
  entry_checksum: string
  previous_key: string
  nonce: string
  payload: string
  signer_kid: string
  accepted_at: string
}

/** `node_settings`: the node's own configuration and keys, as key/value. */
export interface NodeSettingTable {
  key: string
  value: string
}

/** An auto-increment column, for tables that need one. */
export type AutoId = Generated<number>

/** All tables. Other areas add theirs here. */
export interface Schema {
  organisations: OrganisationTable
  organisation_keys: OrganisationKeyTable
  ebl_documents: EblDocumentTable
  ebl_entries: EblEntryTable
  node_settings: NodeSettingTable
}
