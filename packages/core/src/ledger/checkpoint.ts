import { fromBase64, toBase64 } from '../crypto/base64.js'
import { LedgerError } from './ledger-error.js'
import { isHash } from './merkle-hash.js'
import {
  formatNote,
  openNote,
  signNote,
  type NoteSigner,
  type NoteVerifier,
  type OpenedNote,
} from './signed-note.js'
import { assertTreeSize } from './tree-size.js'

// C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the note text is the origin line, the
// tree size in decimal, the base64 root hash, then optional extension lines.

/** A log's tree head: who (origin), how many leaves, and the root hash. Immutable once signed. */
export interface Checkpoint {
  readonly origin: string
  readonly treeSize: number
  readonly rootHash: Uint8Array
  readonly extensions?: readonly string[]
}

/** The note text of a checkpoint. */
export function formatCheckpoint({
  origin,
  treeSize,
  rootHash,
  extensions = [],
}: Checkpoint): string {
  assertTreeSize(treeSize)
  if (
    !origin ||
    /[\n]/.test(origin) ||
    !isHash(rootHash) ||
    extensions.some((l) => !l || l.includes('\n'))
  ) {
    throw new LedgerError('LEDGER_CHECKPOINT_MALFORMED', 'invalid checkpoint fields')
  }
  return [origin, String(treeSize), toBase64(rootHash), ...extensions].join('\n') + '\n'
}

/**
 * Parses checkpoint note text. Untrusted input: the size must be canonical decimal (no leading
 * zeros, no sign) within 2^53, the root hash 32 bytes of canonical base64.
 *
 * @throws LedgerError `LEDGER_CHECKPOINT_MALFORMED`.
 */
export function parseCheckpoint(text: string): Checkpoint {
  const bad = (why: string) => new LedgerError('LEDGER_CHECKPOINT_MALFORMED', `checkpoint: ${why}`)
  if (typeof text !== 'string' || !text.endsWith('\n')) throw bad('text ends with a newline')
  const lines = text.slice(0, -1).split('\n')
  if (lines.length < 3 || lines.some((l) => l.length === 0)) throw bad('needs 3 non-empty lines')
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]]
  if (!/^(0|[1-9][0-9]{0,15})$/.test(size) || !Number.isSafeInteger(Number(size))) {
    throw bad('tree size is not a canonical decimal')
  }
  const rootHash = fromBase64(root)
  if (!rootHash || !isHash(rootHash)) throw bad('root hash is not 32 bytes of base64')
  return { origin, treeSize: Number(size), rootHash, extensions }
}

/** Signs a checkpoint with the log key and returns the signed note. */
export function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner): string {
  return formatNote(signNote(formatCheckpoint(checkpoint), [signer]))
}

/** A checkpoint whose log signature verified, with the parsed note. */
export interface OpenedCheckpoint {
  readonly checkpoint: Checkpoint
  readonly note: OpenedNote
}

/**
 * Verifies a signed checkpoint with the log's verifier(s) and parses it. The origin must equal
 * the log key's name, so one log's key cannot vouch for another log's tree.
 *
 * @throws LedgerError note codes (`LEDGER_NOTE_*`) or `LEDGER_CHECKPOINT_MALFORMED`.
 */
export function openCheckpoint(
  signedNote: string,
  logVerifiers: readonly NoteVerifier[],
): OpenedCheckpoint {
  const note = openNote(signedNote, logVerifiers)
  const checkpoint = parseCheckpoint(note.text)
  if (!note.verified.some((s) => s.name === checkpoint.origin)) {
    throw new LedgerError(
      'LEDGER_CHECKPOINT_MALFORMED',
      'the origin is not the signing log key name',
    )
  }
  return { checkpoint, note }
}
