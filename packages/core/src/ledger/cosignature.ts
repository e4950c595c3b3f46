import {
  ed25519PublicKey,
  signEd25519,
  verifyEd25519,
  type Ed25519Verify,
} from '../crypto/ed25519.js'
import { LedgerError } from './ledger-error.js'
import {
  isValidKeyName,
  NOTE_SIGNATURE_TYPE,
  noteKeyId,
  type NoteSigner,
  type NoteVerifier,
} from './signed-note.js'

// C2SP tlog-cosignature, Ed25519 type (https://c2sp.org/tlog-cosignature): the signature is
// u64 timestamp || Ed25519 signature over "cosignature/v1\ntime <timestamp>\n" || note text.

const encoder = new TextEncoder()

function cosignedMessage(timestamp: bigint, text: string): Uint8Array {
  return encoder.encode(`cosignature/v1\ntime ${timestamp}\n${text}`)
}

/**
 * Creates a witness cosigner (signature type 0x04). `now` returns the time to stamp, in seconds
 * since the Epoch; the cosignature states that as of then this was the largest consistent tree
 * the witness saw for the origin.
 */
export function createCosigner({
  name,
  seed,
  publicKey,
  now = () => Math.floor(Date.now() / 1000),
}: {
  name: string
  seed: Uint8Array
  /** The seed's public key when the caller has it (a platform derives it faster than pure JS). */
  publicKey?: Uint8Array
  now?: () => number
}): NoteSigner {
  if (!isValidKeyName(name) || seed.length !== 32) {
    throw new LedgerError('LEDGER_KEY_MALFORMED', 'a cosigner needs a valid name and 32-byte seed')
  }
  const keyId = noteKeyId(
    name,
    NOTE_SIGNATURE_TYPE.cosignatureV1,
    publicKey ?? ed25519PublicKey(seed),
  )
  return {
    name,
    keyId,
    sign(text) {
      const timestamp = BigInt(now())
      const out = new Uint8Array(72)
      new DataView(out.buffer).setBigUint64(0, timestamp)
      out.set(signEd25519(cosignedMessage(timestamp, text), seed), 8)
      return out
    },
  }
}

/** The timestamp (seconds since the Epoch) of a cosignature, or `undefined` if malformed. */
export function cosignatureTimestamp(signature: Uint8Array): number | undefined {
  if (signature.length !== 72) return undefined
  const timestamp = new DataView(signature.buffer, signature.byteOffset, 8).getBigUint64(0)
  return timestamp < BigInt(Number.MAX_SAFE_INTEGER) ? Number(timestamp) : undefined
}

/**
 * Creates a verifier of a witness's cosignatures (type 0x04) for use with `openNote`; `verify`
 * replaces {@link verifyEd25519}, e.g. with a platform's.
 */
export function createCosignatureVerifier({
  name,
  publicKey,
  verify = verifyEd25519,
}: {
  name: string
  publicKey: Uint8Array
  verify?: Ed25519Verify
}): NoteVerifier {
  return {
    name,
    keyId: noteKeyId(name, NOTE_SIGNATURE_TYPE.cosignatureV1, publicKey),
    verify(text, signature) {
      if (signature.length !== 72) return false
      const timestamp = new DataView(signature.buffer, signature.byteOffset, 8).getBigUint64(0)
      // The spec caps timestamps at 2^63 - 1.
      if (timestamp >= 1n << 63n) return false
      return verify(signature.subarray(8), cosignedMessage(timestamp, text), publicKey)
    },
  }
}
