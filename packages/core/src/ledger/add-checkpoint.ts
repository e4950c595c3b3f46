import { fromBase64, toBase64 } from '../crypto/base64.js'
import { LedgerError } from './ledger-error.js'
import { isHash } from './merkle-hash.js'

// The request body of C2SP tlog-witness add-checkpoint (https://c2sp.org/tlog-witness):
// "old <size>\n", up to 63 base64 consistency proof lines, an empty line, then the checkpoint.

/** An add-checkpoint request: the size the witness last saw, a proof from it, the new checkpoint. */
export interface AddCheckpointRequest {
  readonly oldSize: number
  readonly proof: readonly Uint8Array[]
  /** The signed checkpoint note, signatures included. */
  readonly checkpoint: string
}

/** Serialises an add-checkpoint request body. */
export function formatAddCheckpointRequest({
  oldSize,
  proof,
  checkpoint,
}: AddCheckpointRequest): string {
  return `old ${oldSize}\n${proof.map((h) => `${toBase64(h)}\n`).join('')}\n${checkpoint}`
}

/**
 * Parses an add-checkpoint request body. Untrusted input from the network; every problem
 * becomes `LEDGER_WITNESS_REQUEST_MALFORMED` (HTTP 400).
 */
export function parseAddCheckpointRequest(body: string): AddCheckpointRequest {
  const bad = (why: string) => new LedgerError('LEDGER_WITNESS_REQUEST_MALFORMED', why)
  if (typeof body !== 'string' || body.length > 1 << 20) throw bad('body too large or not text')
  const end = body.indexOf('\n\n')
  if (end < 0) throw bad('missing the empty line before the checkpoint')
  const [oldLine, ...proofLines] = body.slice(0, end).split('\n') as [string, ...string[]]
  const match = /^old (0|[1-9][0-9]{0,15})$/.exec(oldLine)
  if (!match || !Number.isSafeInteger(Number(match[1])))
    throw bad('first line must be "old <size>"')
  if (proofLines.length > 63) throw bad('more than 63 consistency proof lines')
  const proof = proofLines.map((line) => {
    const hash = fromBase64(line)
    if (!hash || !isHash(hash)) throw bad('a proof line is not a base64 SHA-256 hash')
    return hash
  })
  return { oldSize: Number(match[1]), proof, checkpoint: body.slice(end + 2) }
}
