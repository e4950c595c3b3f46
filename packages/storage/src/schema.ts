import type { Generated } from 'kysely'
import type {
  PrivacySubjectKeyTable,
  PrivacyVaultTable,
  PrivacyAccessLogTable,
  PrivacyErasureTable,
  PrivacyTransferIntentTable,
  PrivacyTransferTable,
} from './schema-privacy.js'

export type * from './schema-privacy.js'

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
  /** `unverified` until a legal-entity credential was verified (identity, migration 0004). */
  verification_status: Generated<string>
  /** JSON: the credential, issuer and trust path of the verification. */
  verification: string | null
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
  /** The transfer out (PINT, migration 0006) holding the bill; title writes require it null. */
  pint_lock: Generated<string | null>
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

/** `ledger_leaves`: every leaf of the Merkle log; `data` is the encoded leaf envelope. */
export interface LedgerLeafTable {
  leaf_index: number
  leaf_hash: Uint8Array
  leaf_type: string
  data: Uint8Array
}

/** `ledger_nodes`: hashes of complete subtrees of level ≥ 1 (level 0 is `ledger_leaves.leaf_hash`). */
export interface LedgerNodeTable {
  level: number
  node_index: number
  hash: Uint8Array
}

/** `ledger_head`: one row holding the tree size; updating it serialises appends. */
export interface LedgerHeadTable {
  id: number
  tree_size: number
  /** The frontier's hashes, largest subtree first, concatenated; null until the first append sets it. */
  frontier: Uint8Array | null
}

/** `ledger_checkpoints`: signed checkpoints of the node's log, with cosignatures as they arrive. */
export interface LedgerCheckpointTable {
  tree_size: number
  root_hash: Uint8Array
  note: string
  created_at: string
}

/** `witness_checkpoints`: per log origin, the latest checkpoint this node cosigned as a witness. */
export interface WitnessCheckpointTable {
  origin: string
  tree_size: number
  root_hash: Uint8Array
  checkpoint: string
  updated_at: string
}

/** `witness_evidence`: proof of a log's misbehaviour (fork), kept for anyone to inspect. */
export interface WitnessEvidenceTable {
  id: string
  origin: string
  reason: string
  evidence: string
  observed_at: string
}

/** An auto-increment column, for tables that need one. */
export type AutoId = Generated<number>

/** `tracking_events`: accepted DCSA T&T events (canonical JSON in `body`) with their ledger leaf. */
export interface TrackingEventTable {
  event_id: string
  content_hash: string
  event_type: string
  classifier: string
  type_code: string
  event_ms: number
  created_ms: number
  shipment_key: string | null
  equipment_reference: string | null
  transport_call_id: string | null
  call_seq: number | null
  conveyance_key: string | null
  un_location_code: string | null
  leaf_index: number
  body: string
}

/** `epcis_events`: EPCIS 2.0 events of GS1-keyed objects (canonical JSON in `body`) with their leaf. */
export interface EpcisEventTable {
  event_id: string
  content_hash: string
  event_type: string
  event_ms: number
  shipment_key: string | null
  leaf_index: number
  body: string
}

/** `epcis_event_objects`: which objects (canonical keys) each EPCIS event names, and as what. */
export interface EpcisEventObjectTable {
  object_key: string
  event_id: string
  role: string
  event_ms: number
}

/** `tracking_subscriptions`: webhook subscriptions with filters and alert thresholds (JSON text). */
export interface TrackingSubscriptionTable {
  subscription_id: string
  owner: string
  callback_url: string
  secret: string
  filter: string
  alerts: string
  created_at: string
}

/** `tracking_deliveries`: the webhook delivery log and retry queue. */
export interface TrackingDeliveryTable {
  delivery_id: string
  subscription_id: string
  kind: string
  payload: string
  status: string
  attempts: number
  next_attempt_ms: number
  last_status_code: number | null
  last_error: string | null
  created_at: string
  delivered_at: string | null
  /** What the privacy gate decided at enqueue (migration 0012); null: decided at send. */
  privacy_decision: string | null
}

/** `tracking_shipment_eta`: the last predicted final arrival per shipment, for ETA-change alerts. */
export interface TrackingShipmentEtaTable {
  shipment_key: string
  eta_p50_ms: number
  predicted_at: string
}

/** `identity_did_documents`: the DID resolver's offline cache of did:web documents. */
export interface IdentityDidDocumentTable {
  did: string
  document: string
  fetched_at: string
}

/** `identity_trust_lists`: signed trust lists of every jurisdiction the node knows, by version. */
export interface IdentityTrustListTable {
  authority: string
  version: number
  jurisdiction: string
  jws: string
  created_at: string
}

/** `identity_recognitions`: signed recognition statements between jurisdictions. */
export interface IdentityRecognitionTable {
  id: string
  recogniser: string
  recognised_jurisdiction: string
  jws: string
  created_at: string
}

/** `identity_credentials`: credentials this node issued or verified for its organisations. */
export interface IdentityCredentialTable {
  id: string
  issuer: string
  subject: string
  organisation_id: string | null
  type: string
  format: string
  credential: string
  status_list: string | null
  status_index: number | null
  created_at: string
}

/** `identity_status_lists`: Bitstring Status Lists this node publishes (base64 bitstring). */
export interface IdentityStatusListTable {
  id: string
  issuer: string
  purpose: string
  bitstring: string
  next_index: number
  updated_at: string
  /** What `signed_credential` was signed over; null until the list is first signed (0014). */
  signed_stamp: string | null
  /** The signed list credential as served (a vc+jwt, or Data Integrity JSON). */
  signed_credential: string | null
}

/** `identity_challenges`: one-time nonces for presentations (join handshake). */
export interface IdentityChallengeTable {
  nonce: string
  expires_at: string
  used_at: string | null
}

/** All tables. Other areas add theirs here. */
export interface Schema {
  organisations: OrganisationTable
  organisation_keys: OrganisationKeyTable
  ebl_documents: EblDocumentTable
  ebl_entries: EblEntryTable
  node_settings: NodeSettingTable
  ledger_leaves: LedgerLeafTable
  ledger_nodes: LedgerNodeTable
  ledger_head: LedgerHeadTable
  ledger_checkpoints: LedgerCheckpointTable
  witness_checkpoints: WitnessCheckpointTable
  witness_evidence: WitnessEvidenceTable
  tracking_events: TrackingEventTable
  epcis_events: EpcisEventTable
  epcis_event_objects: EpcisEventObjectTable
  tracking_subscriptions: TrackingSubscriptionTable
  tracking_deliveries: TrackingDeliveryTable
  tracking_shipment_eta: TrackingShipmentEtaTable
  identity_did_documents: IdentityDidDocumentTable
  identity_trust_lists: IdentityTrustListTable
  identity_recognitions: IdentityRecognitionTable
  identity_credentials: IdentityCredentialTable
  identity_status_lists: IdentityStatusListTable
  identity_challenges: IdentityChallengeTable
  pint_platforms: PintPlatformTable
  pint_outbox: PintOutboxTable
  pint_inbox: PintInboxTable
  pint_inbox_documents: PintInboxDocumentTable
  job_leases: JobLeaseTable
  privacy_subject_keys: PrivacySubjectKeyTable
  privacy_vault: PrivacyVaultTable
  privacy_access_log: PrivacyAccessLogTable
  privacy_erasures: PrivacyErasureTable
  privacy_transfer_intents: PrivacyTransferIntentTable
  privacy_transfers: PrivacyTransferTable
}

/** `job_leases`: which process holds each background job, until when (ms since the epoch). */
export interface JobLeaseTable {
  job: string
  holder: string
  expires_ms: number | string
}

/** `pint_platforms`: the PINT platform directory (JSON columns as text). */
export interface PintPlatformTable {
  code: string
  name: string
  url: string
  jwks: string
  parties: string
  created_at: string
}

/** `pint_outbox`: transfers out to other platforms. */
export interface PintOutboxTable {
  id: string
  document_id: string
  platform: string
  actor: string
  action: string
  envelope: string
  last_entry_checksum: string
  documents: string
  status: string
  attempts: number
  response: string | null
  response_code: string | null
  last_error: string | null
  created_at: string
  updated_at: string
}

/** `pint_inbox`: envelopes received from other platforms. */
export interface PintInboxTable {
  reference: string
  document_checksum: string
  last_entry_checksum: string
  sender: string
  recipient: string
  envelope: string
  manifest: string
  documents: string
  status: string
  created_at: string
  updated_at: string
}

/** `pint_inbox_documents`: additional documents of received envelopes. */
export interface PintInboxDocumentTable {
  reference: string
  checksum: string
  content: string
}
