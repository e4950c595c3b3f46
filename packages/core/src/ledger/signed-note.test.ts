import { describe, expect, it } from 'vitest'
import { fromBase64 } from '../crypto/base64.js'
import vector from './fixtures/signed-note-vectors.json' with { type: 'json' }
import { LedgerError } from './ledger-error.js'
import {
  createEd25519NoteSigner,
  createEd25519NoteVerifier,
  formatVerifierKey,
  parseVerifierKey,
} from './note-keys.js'
import { formatNote, NOTE_SIGNATURE_TYPE, openNote, parseNote, signNote } from './signed-note.js'

// The signer key string is "PRIVATE+KEY+<name>+<id>+base64(0x01 || 32-byte seed)".
const seed = fromBase64(vector.signerKey.split('+').slice(4).join('+'))!.slice(1)
const note = `${vector.text}\n${vector.signatureLine}`

function code(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerError)
    return (error as LedgerError).code
  }
  return 'ACCEPTED'
}

describe('C2SP signed notes', () => {
  it('derives the published key ID and verifier key from the name and public key', () => {
    const key = parseVerifierKey(vector.verifierKey)
    expect(key.name).toBe('PeterNeumann')
    expect(key.type).toBe(NOTE_SIGNATURE_TYPE.ed25519)
    expect(formatVerifierKey(key)).toBe(vector.verifierKey)
    expect(createEd25519NoteSigner({ name: 'PeterNeumann', seed }).keyId).toBe(0xc74f20a3)
  })

  it('reproduces the published signature byte for byte (Ed25519 is deterministic)', () => {
    const signer = createEd25519NoteSigner({ name: 'PeterNeumann', seed })
    expect(formatNote(signNote(vector.text, [signer]))).toBe(note)
  })

  it('opens the published note and refuses a changed text or signature', () => {
    const verifier = createEd25519NoteVerifier(parseVerifierKey(vector.verifierKey))
    expect(openNote(note, [verifier]).text).toBe(vector.text)
    expect(code(() => openNote(note.replace('cryptography', 'cryptographY'), [verifier]))).toBe(
      'LEDGER_NOTE_SIGNATURE_INVALID',
    )
    expect(code(() => openNote(note.replace('JnAM=', 'JnAQ='), [verifier]))).toBe(
      'LEDGER_NOTE_SIGNATURE_INVALID',
    )
  })

  it('ignores unknown keys but refuses a note no known key signed', () => {
    const other = createEd25519NoteSigner({ name: 'other.example/log', seed: new Uint8Array(32) })
    const both = formatNote(
      signNote(vector.text, [other, createEd25519NoteSigner({ name: 'PeterNeumann', seed })]),
    )
    const verifier = createEd25519NoteVerifier(parseVerifierKey(vector.verifierKey))
    expect(openNote(both, [verifier]).verified.map((s) => s.name)).toEqual(['PeterNeumann'])
    const onlyOther = formatNote(signNote(vector.text, [other]))
    expect(code(() => openNote(onlyOther, [verifier]))).toBe('LEDGER_NOTE_UNVERIFIED')
  })

  it('rejects malformed notes and keys with LedgerError codes', () => {
    const malformed = [
      '',
      vector.text,
      `${vector.text}\n`,
      `${vector.text}\n— PeterNeumann\n`,
      `${vector.text}\n— PeterNeumann !!!!\n`,
      `${vector.text}\n- PeterNeumann AAAAAAA=\n`,
      `${vector.text}\n— PeterNeumann AAAA\n`,
      `bad\u0001text\n\n${vector.signatureLine}`,
      `${vector.text}\n${vector.signatureLine.repeat(101)}`,
      `\uD800\n\n${vector.signatureLine}`,
      42,
    ]
    for (const m of malformed)
      expect(code(() => parseNote(m as string))).toBe('LEDGER_NOTE_MALFORMED')
    const badKeys = [
      'PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
      'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T',
      'PeterNeumann+c74f20a3',
      'Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
      'PeterNeumann+c74f20a3+AhpcmQcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    ]
    for (const k of badKeys) expect(code(() => parseVerifierKey(k))).toBe('LEDGER_KEY_MALFORMED')
  })
})
