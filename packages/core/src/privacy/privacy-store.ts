/** One encrypted personal value of a record (crypto-shredding, docs/privacy.md). */
export interface VaultEntry {
  /** What holds it: `ebl:<bill id>`, `event:<event id>`, … */
  readonly recordId: string
  /** The JSON pointer of the value in the record. */
  readonly path: string
  readonly subjectHash: string
  /** The commitment the record's checksum covers, kept after erasure. */
  readonly commitment: string
  /** AES-256-GCM of `{ value, salt }` under the subject's key; null once erased. */
  readonly sealed: string | null
}

/**
 * The path of the vault row that keeps a bill's plain checksum (DCSA's, of its document in clear) as
 * its commitment: not a personal value; the only rows looked up by commitment.
 */
export const PLAIN_CHECKSUM_PATH = '#document'

/** One local read of personal data (the access log). */
export interface AccessLogEntry {
  readonly at: string
  /** The organisation (or `operator`) that read. */
  readonly reader: string
  /** What was read: `GET /api/ebl/{id}`, … */
  readonly what: string
  readonly recordIds: readonly string[]
  readonly subjectHashes: readonly string[]
}

/** An erasure request: applied at once, or pending until its retention rule ends. */
export interface ErasureRequest {
  readonly subjectHash: string
  readonly requestedAt: string
  /** When the longest retention rule over the subject's records ends (ISO date). */
  readonly dueAt: string
  readonly rule: string | null
  readonly status: 'pending' | 'done'
  readonly erasedAt: string | null
}

/** The state of a transfer intent (one register entry per intent, marked sent once sent). */
export interface TransferIntent {
  readonly intentId: string
  readonly recordId: string
  /** Null while the register row waits for its leaf. */
  readonly leafIndex: number | null
  readonly state: 'recorded' | 'sent' | 'not-sent'
}

/** The storage port of the privacy module: subject keys, the vault, the access log, erasures. */
export interface PrivacyStore {
  /** The subject's key (base64), null once erased, undefined when the subject has none. */
  subjectKey(subjectHash: string): Promise<string | null | undefined>
  /** Stores a key for the subject unless a live one exists (an erased key is replaced: new data, new key); returns the subject's key. */
  ensureSubjectKey(subjectHash: string, key: string, at: string): Promise<string | null>
  /** Destroys the subject's key and its sealed values (one transaction). */
  destroySubjectKey(subjectHash: string, at: string): Promise<void>
  putVault(entries: readonly VaultEntry[]): Promise<void>
  vaultOf(recordIds: readonly string[]): Promise<VaultEntry[]>
  vaultBySubject(subjectHash: string): Promise<VaultEntry[]>
  /** The record whose vault holds this commitment (the `#document` row: a bill's plain checksum). */
  recordOfCommitment(commitment: string): Promise<string | undefined>
  logAccess(entries: readonly AccessLogEntry[]): Promise<void>
  accessLog(filter: {
    year?: number
    subjectHash?: string
    limit?: number
  }): Promise<AccessLogEntry[]>
  putErasure(request: ErasureRequest): Promise<void>
  erasures(status?: ErasureRequest['status']): Promise<ErasureRequest[]>
  /** Records how an intent ended (its register entry names it; unsettled intents have no row). */
  putIntent(intent: TransferIntent): Promise<void>
  intentsIn(state: TransferIntent['state']): Promise<TransferIntent[]>
}
