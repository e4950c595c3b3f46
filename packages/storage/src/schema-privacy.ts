import type { Generated } from 'kysely'

// The privacy module's tables (docs/privacy.md); part of `Schema` in schema.ts.

/** `privacy_subject_keys`: a data subject's key (sealed), null once erased (migration 0007). */
export interface PrivacySubjectKeyTable {
  subject_hash: string
  key: string | null
  created_at: string
  erased_at: string | null
}

/** `privacy_vault`: one encrypted personal value of a record, with its commitment. */
export interface PrivacyVaultTable {
  record_id: string
  path: string
  subject_hash: string
  commitment: string
  sealed: string | null
}

/** `privacy_access_log`: local reads of personal data. JSON lists as text. */
export interface PrivacyAccessLogTable {
  id: string
  at: string
  reader: string
  what: string
  record_ids: string
  subject_hashes: string
}

/** `privacy_erasures`: erasure requests, pending until their retention ends. */
export interface PrivacyErasureTable {
  subject_hash: string
  requested_at: string
  due_at: string
  rule: string | null
  status: string
  erased_at: string | null
}

/** `privacy_transfer_intents`: one register entry per transfer intent, and whether it was sent. */
export interface PrivacyTransferIntentTable {
  intent_id: string
  record_id: string
  leaf_index: number
  state: string
}

/** `privacy_transfers`: the transfer register's rows; `leaf_index` is null until sealed. */
export interface PrivacyTransferTable {
  seq: Generated<number | string>
  record_id: string
  intent_id: string | null
  delivery_id: string | null
  recorded_at: string
  record: string
  leaf_index: number | string | null
  /** When the privacy job copied the intent's settlement; null while open (or no intent). */
  settled_at: string | null
  /** 1: `record` is the record's RFC 8785 text, its leaf body as it is (migration 0013). */
  canonical: Generated<number>
}
