import { toBase64 } from '../crypto/base64.js'
import { parseAddCheckpointRequest } from './add-checkpoint.js'
import { openCheckpoint, parseCheckpoint, type Checkpoint } from './checkpoint.js'
import { verifyConsistencyProof } from './consistency-proof.js'
import { LedgerError, type LedgerErrorCode } from './ledger-error.js'
import { EMPTY_ROOT_HASH, equalHashes } from './merkle-hash.js'
import {
  formatSignatureLine,
  parseNote,
  type NoteSigner,
  type NoteVerifier,
} from './signed-note.js'

// A witness per C2SP tlog-witness (https://c2sp.org/tlog-witness): it keeps the latest checkpoint
// it cosigned per log, cosigns a new one only with a valid consistency proof from it, and keeps
// evidence when a log shows two different trees (a split view or a rewrite of history).

/** What a witness remembers of one log: the latest checkpoint it cosigned. */
export interface WitnessRecord {
  readonly origin: string
  readonly treeSize: number
  readonly rootHash: Uint8Array
  /** The signed checkpoint note as submitted. */
  readonly checkpoint: string
}

/** Proof that a log misbehaved: two signed checkpoints that cannot both be honest. */
export interface ForkEvidence {
  readonly origin: string
  readonly reason:
    'LEDGER_WITNESS_FORK' | 'LEDGER_CONSISTENCY_PROOF_INVALID' | 'LEDGER_WITNESS_EMPTY_TREE_ROOT'
  readonly message: string
  /** The checkpoint the witness had cosigned. */
  readonly previousCheckpoint: string
  /** The log-signed checkpoint that contradicts it. */
  readonly submittedCheckpoint: string
  readonly oldSize: number
  /** The consistency proof offered, base64. */
  readonly proof: readonly string[]
  readonly observedAt: string
}

/** The state a witness keeps; the storage package implements it on SQLite and PostgreSQL. */
export interface WitnessStore {
  latest(origin: string): Promise<WitnessRecord | undefined>
  /**
   * Replaces the record of `record.origin` only if its tree size is still `expectedSize` (0 when
   * there is none), atomically; returns false if another request got there first.
   */
  advance(record: WitnessRecord, expectedSize: number): Promise<boolean>
  recordEvidence(evidence: ForkEvidence): Promise<void>
  listEvidence(): Promise<readonly ForkEvidence[]>
}

/** A log the witness follows: its origin and the keys that sign its checkpoints. */
export interface WitnessedLog {
  readonly origin: string
  readonly verifiers: readonly NoteVerifier[]
}

/** The answer to an add-checkpoint request. */
export type AddCheckpointOutcome =
  | { readonly ok: true; readonly checkpoint: Checkpoint; readonly cosignatures: string }
  | {
      readonly ok: false
      readonly code: LedgerErrorCode
      readonly message: string
      /** For `LEDGER_WITNESS_OLD_SIZE_MISMATCH`: the size the witness last cosigned. */
      readonly latestSize?: number
      readonly evidence?: ForkEvidence
    }

/** A witness: receives add-checkpoint bodies and answers with cosignatures or a refusal. */
export interface Witness {
  readonly cosignerName: string
  addCheckpoint(body: string): Promise<AddCheckpointOutcome>
}

function refuse(code: LedgerErrorCode, message: string, extra: object = {}): AddCheckpointOutcome {
  return { ok: false, code, message, ...extra }
}

/** Creates a witness over a store, for the given logs, cosigning with `cosigner`. */
export function createWitness({
  logs,
  cosigner,
  store,
  now = () => new Date(),
}: {
  logs: readonly WitnessedLog[]
  cosigner: NoteSigner
  store: WitnessStore
  now?: () => Date
}): Witness {
  return {
    cosignerName: cosigner.name,
    async addCheckpoint(body) {
      let request, unverified: Checkpoint
      try {
        request = parseAddCheckpointRequest(body)
        unverified = parseCheckpoint(parseNote(request.checkpoint).text)
      } catch (error) {
        const message = error instanceof Error ? error.message : 'malformed request'
        return refuse('LEDGER_WITNESS_REQUEST_MALFORMED', message)
      }
      const log = logs.find((l) => l.origin === unverified.origin)
      if (!log) return refuse('LEDGER_WITNESS_UNKNOWN_LOG', `unknown log ${unverified.origin}`)
      let checkpoint: Checkpoint
      try {
        checkpoint = openCheckpoint(request.checkpoint, log.verifiers).checkpoint
      } catch (error) {
        const message = error instanceof LedgerError ? error.message : 'bad signature'
        return refuse('LEDGER_WITNESS_UNAUTHENTICATED', message)
      }
      if (request.oldSize > checkpoint.treeSize) {
        return refuse('LEDGER_WITNESS_REQUEST_MALFORMED', 'old size exceeds the checkpoint size')
      }
      const latest = await store.latest(checkpoint.origin)
      const latestSize = latest?.treeSize ?? 0
      if (request.oldSize !== latestSize) {
        return refuse('LEDGER_WITNESS_OLD_SIZE_MISMATCH', `last cosigned size is ${latestSize}`, {
          latestSize,
        })
      }
      const evidence = (reason: ForkEvidence['reason'], message: string): ForkEvidence => ({
        origin: checkpoint.origin,
        reason,
        message,
        previousCheckpoint: latest?.checkpoint ?? '',
        submittedCheckpoint: request.checkpoint,
        oldSize: request.oldSize,
        proof: request.proof.map(toBase64),
        observedAt: now().toISOString(),
      })
      // "A checkpoint of size zero MUST have the root hash of the empty tree" (422): checked
      // before anything is recorded, so a false empty checkpoint cannot block the true one.
      if (checkpoint.treeSize === 0 && !equalHashes(checkpoint.rootHash, EMPTY_ROOT_HASH)) {
        const e = evidence(
          'LEDGER_WITNESS_EMPTY_TREE_ROOT',
          'a checkpoint of size 0 must have the root hash of the empty tree',
        )
        await store.recordEvidence(e)
        return refuse(e.reason, e.message, { evidence: e })
      }
      if (!latest || request.oldSize === 0) {
        // "If the old size is zero, the consistency proof MUST be empty" (422).
        if (request.proof.length > 0) {
          return refuse('LEDGER_CONSISTENCY_PROOF_INVALID', 'the proof must be empty from size 0')
        }
      } else if (request.oldSize === checkpoint.treeSize) {
        // The consistency proof between two trees of one size is empty (RFC 6962 2.1.2), and
        // "if the old size matches the checkpoint size, ... the root hashes are also identical".
        if (request.proof.length > 0) {
          return refuse(
            'LEDGER_CONSISTENCY_PROOF_INVALID',
            'the proof must be empty when the old size is the checkpoint size',
          )
        }
        if (!equalHashes(latest.rootHash, checkpoint.rootHash)) {
          const e = evidence('LEDGER_WITNESS_FORK', 'two checkpoints of the same size differ')
          await store.recordEvidence(e)
          return refuse('LEDGER_WITNESS_FORK', e.message, { evidence: e, latestSize })
        }
      } else {
        try {
          verifyConsistencyProof(
            { size1: latest.treeSize, size2: checkpoint.treeSize, hashes: request.proof },
            latest.rootHash,
            checkpoint.rootHash,
          )
        } catch (error) {
          const message = error instanceof LedgerError ? error.message : 'invalid proof'
          const e = evidence('LEDGER_CONSISTENCY_PROOF_INVALID', message)
          await store.recordEvidence(e)
          return refuse('LEDGER_CONSISTENCY_PROOF_INVALID', message, { evidence: e })
        }
      }
      const record = {
        origin: checkpoint.origin,
        treeSize: checkpoint.treeSize,
        rootHash: checkpoint.rootHash,
        checkpoint: request.checkpoint,
      }
      if (!(await store.advance(record, latestSize))) {
        const current = (await store.latest(checkpoint.origin))?.treeSize ?? 0
        return refuse('LEDGER_WITNESS_OLD_SIZE_MISMATCH', `last cosigned size is ${current}`, {
          latestSize: current,
        })
      }
      const text = parseNote(request.checkpoint).text
      const cosignatures = formatSignatureLine({
        name: cosigner.name,
        keyId: cosigner.keyId,
        signature: cosigner.sign(text),
      })
      return { ok: true, checkpoint, cosignatures }
    },
  }
}

/** A {@link WitnessStore} in memory, for tests and single-process tools. */
export function createMemoryWitnessStore(): WitnessStore {
  const records = new Map<string, WitnessRecord>()
  const evidence: ForkEvidence[] = []
  return {
    latest: async (origin) => records.get(origin),
    async advance(record, expectedSize) {
      if ((records.get(record.origin)?.treeSize ?? 0) !== expectedSize) return false
      records.set(record.origin, record)
      return true
    },
    recordEvidence: async (e) => void evidence.push(e),
    listEvidence: async () => [...evidence],
  }
}
