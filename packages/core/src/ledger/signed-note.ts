import { sha256 } from '@noble/hashes/sha2.js'
import { fromBase64, toBase64 } from '../crypto/base64.js'
import { LedgerError } from './ledger-error.js'

// C2SP signed-note v1 (https://c2sp.org/signed-note): a text ending in a newline, a blank line,
// then lines "— <key name> base64(uint32 key ID || signature)".

const encoder = new TextEncoder()
const SIGNATURE_PREFIX = '\u2014 '
const MAX_NOTE_LENGTH = 1 << 20
const MAX_SIGNATURES = 100

/** Signature type bytes of the C2SP signed-note registry that Landsea uses. */
export const NOTE_SIGNATURE_TYPE = { ed25519: 0x01, cosignatureV1: 0x04 } as const

/** One signature line of a note. `signature` excludes the 4-byte key ID. */
export interface NoteSignature {
  readonly name: string
  readonly keyId: number
  readonly signature: Uint8Array
}

/** A signed note split into its text (ending in a newline) and signatures. */
export interface Note {
  readonly text: string
  readonly signatures: readonly NoteSignature[]
}

/** Produces note signatures for one key. */
export interface NoteSigner {
  readonly name: string
  readonly keyId: number
  sign(text: string): Uint8Array
}

/** Checks note signatures of one key, identified by name and key ID. */
export interface NoteVerifier {
  readonly name: string
  readonly keyId: number
  verify(text: string, signature: Uint8Array): boolean
}

/** Whether a key name is valid: non-empty, no Unicode spaces, no `+`. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name) && !hasControlCharacters(name)
}

function hasControlCharacters(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0009\u000b-\u001f]/.test(text)
}

/**
 * The key ID the spec recommends: the first 4 bytes, big-endian, of
 * `SHA-256(key name || 0x0A || signature type || public key)`.
 */
export function noteKeyId(name: string, type: number, publicKey: Uint8Array): number {
  const nameBytes = encoder.encode(`${name}\n`)
  const input = new Uint8Array(nameBytes.length + 1 + publicKey.length)
  input.set(nameBytes)
  input[nameBytes.length] = type
  input.set(publicKey, nameBytes.length + 1)
  const digest = sha256(input)
  return ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0
}

function malformed(message: string): LedgerError {
  return new LedgerError('LEDGER_NOTE_MALFORMED', message)
}

/**
 * Splits a signed note into text and signatures. The note is untrusted input: every rule of the
 * format is checked and any violation becomes `LEDGER_NOTE_MALFORMED`; no signature is checked.
 */
export function parseNote(note: string): Note {
  if (typeof note !== 'string') throw malformed('a note is a string')
  if (note.length > MAX_NOTE_LENGTH) throw malformed('the note is too large')
  if (hasControlCharacters(note)) throw malformed('the note contains control characters')
  if (/[\uD800-\uDFFF]/.test(note.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) {
    throw malformed('the note is not valid UTF-8')
  }
  const split = note.lastIndexOf('\n\n')
  if (split < 0 || !note.endsWith('\n'))
    throw malformed('a note ends with a blank line and signatures')
  const text = note.slice(0, split + 1)
  const lines = note.slice(split + 2, -1).split('\n')
  if (lines.length > MAX_SIGNATURES) throw malformed('too many signatures')
  const signatures = lines.map((line): NoteSignature => {
    if (!line.startsWith(SIGNATURE_PREFIX)) throw malformed('a signature line starts with "— "')
    const rest = line.slice(SIGNATURE_PREFIX.length)
    const space = rest.indexOf(' ')
    const name = rest.slice(0, space)
    const bytes = space > 0 ? fromBase64(rest.slice(space + 1)) : undefined
    if (!isValidKeyName(name) || !bytes || bytes.length < 5) throw malformed('bad signature line')
    const keyId = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0
    return { name, keyId, signature: bytes.slice(4) }
  })
  return { text, signatures }
}

/** One signature line, `— <name> base64(keyId || signature)` with its newline. */
export function formatSignatureLine({ name, keyId, signature }: NoteSignature): string {
  const bytes = new Uint8Array(4 + signature.length)
  new DataView(bytes.buffer).setUint32(0, keyId)
  bytes.set(signature, 4)
  return `${SIGNATURE_PREFIX}${name} ${toBase64(bytes)}\n`
}

/** Serialises a note: text, blank line, signature lines. */
export function formatNote({ text, signatures }: Note): string {
  return `${text}\n${signatures.map(formatSignatureLine).join('')}`
}

/** Signs a note text (which must end in a newline and hold no blank-line-only tail) with signers. */
export function signNote(text: string, signers: readonly NoteSigner[]): Note {
  if (!text.endsWith('\n') || hasControlCharacters(text)) {
    throw malformed('note text ends with a newline and has no control characters')
  }
  const signatures = signers.map((s) => ({ name: s.name, keyId: s.keyId, signature: s.sign(text) }))
  return { text, signatures }
}

/** The outcome of {@link openNote}: the text and the signatures that verified. */
export interface OpenedNote {
  readonly text: string
  readonly verified: readonly NoteSignature[]
  readonly signatures: readonly NoteSignature[]
}

/**
 * Parses a note and verifies the signatures of known keys (matched by name and key ID; others
 * are ignored, as the spec requires).
 *
 * @throws LedgerError `LEDGER_NOTE_MALFORMED`; `LEDGER_NOTE_SIGNATURE_INVALID` when a known key's
 * signature fails; `LEDGER_NOTE_UNVERIFIED` when no known key signed.
 */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, signatures } = parseNote(note)
  const verified: NoteSignature[] = []
  for (const sig of signatures) {
    const verifier = verifiers.find((v) => v.name === sig.name && v.keyId === sig.keyId)
    if (!verifier) continue
    if (!verifier.verify(text, sig.signature)) {
      throw new LedgerError(
        'LEDGER_NOTE_SIGNATURE_INVALID',
        `the signature of ${sig.name} is invalid`,
      )
    }
    verified.push(sig)
  }
  if (verified.length === 0) {
    throw new LedgerError('LEDGER_NOTE_UNVERIFIED', 'no known key signed the note')
  }
  return { text, verified, signatures }
}
