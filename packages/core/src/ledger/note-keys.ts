import { fromBase64, toBase64 } from '../crypto/base64.js'
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

const encoder = new TextEncoder()

/** A public note key: its name, signature type (0x01 log key, 0x04 cosigner) and raw key. */
export interface NotePublicKey {
  readonly name: string
  readonly type: number
  readonly publicKey: Uint8Array
}

/** Creates a signer of Ed25519 note signatures (type 0x01), as a log signs its checkpoints. */
export function createEd25519NoteSigner({
  name,
  seed,
  publicKey,
}: {
  name: string
  seed: Uint8Array
  /** The seed's public key when the caller has it (a platform derives it faster than pure JS). */
  publicKey?: Uint8Array
}): NoteSigner {
  if (!isValidKeyName(name) || seed.length !== 32) {
    throw new LedgerError(
      'LEDGER_KEY_MALFORMED',
      'a note signer needs a valid name and 32-byte seed',
    )
  }
  const keyId = noteKeyId(name, NOTE_SIGNATURE_TYPE.ed25519, publicKey ?? ed25519PublicKey(seed))
  return { name, keyId, sign: (text) => signEd25519(encoder.encode(text), seed) }
}

/**
 * Creates a verifier of Ed25519 note signatures (type 0x01); `verify` replaces
 * {@link verifyEd25519}, e.g. with a platform's.
 */
export function createEd25519NoteVerifier({
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
    keyId: noteKeyId(name, NOTE_SIGNATURE_TYPE.ed25519, publicKey),
    verify: (text, signature) => verify(signature, encoder.encode(text), publicKey),
  }
}

/**
 * Formats a verifier key in the form Go's `sumdb/note` and the witness ecosystem use:
 * `<name>+<hex key ID>+<base64(type || public key)>`.
 */
export function formatVerifierKey({ name, type, publicKey }: NotePublicKey): string {
  const id = noteKeyId(name, type, publicKey).toString(16).padStart(8, '0')
  const material = new Uint8Array(1 + publicKey.length)
  material[0] = type
  material.set(publicKey, 1)
  return `${name}+${id}+${toBase64(material)}`
}

/**
 * Parses a verifier key string and checks that its key ID matches its name and key. Untrusted
 * input: any problem becomes `LEDGER_KEY_MALFORMED`.
 */
export function parseVerifierKey(vkey: string): NotePublicKey {
  const bad = (why: string) => new LedgerError('LEDGER_KEY_MALFORMED', `verifier key: ${why}`)
  if (typeof vkey !== 'string') throw bad('not a string')
  // The base64 key material may itself contain '+': split on the first two only.
  const first = vkey.indexOf('+')
  const second = vkey.indexOf('+', first + 1)
  if (first < 0 || second < 0) throw bad('expected name+id+key')
  const [name, id, material] = [
    vkey.slice(0, first),
    vkey.slice(first + 1, second),
    vkey.slice(second + 1),
  ]
  const bytes = fromBase64(material)
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(id) || !bytes || bytes.length !== 33) {
    throw bad('malformed')
  }
  const type = bytes[0]!
  if (type !== NOTE_SIGNATURE_TYPE.ed25519 && type !== NOTE_SIGNATURE_TYPE.cosignatureV1) {
    throw bad(`unsupported signature type ${type}`)
  }
  const publicKey = bytes.slice(1)
  if (noteKeyId(name, type, publicKey) !== parseInt(id, 16)) throw bad('key ID does not match')
  return { name, type, publicKey }
}
