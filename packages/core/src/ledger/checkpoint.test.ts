import { describe, expect, it } from 'vitest'
import { toBase64 } from '../crypto/base64.js'
import { formatCheckpoint, openCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint.js'
import { LedgerError } from './ledger-error.js'
import { createEd25519NoteSigner, createEd25519NoteVerifier } from './note-keys.js'
import { ed25519PublicKey } from '../crypto/ed25519.js'

const root = new Uint8Array(32).fill(7)
const seed = new Uint8Array(32).fill(1)
const origin = 'chongqing.landsea.example/log'

function code(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerError)
    return (error as LedgerError).code
  }
  return 'ACCEPTED'
}

describe('C2SP tlog-checkpoint', () => {
  it('formats the three lines the spec fixes and parses them back', () => {
    const text = formatCheckpoint({ origin, treeSize: 20852163, rootHash: root })
    expect(text).toBe(`${origin}\n20852163\n${toBase64(root)}\n`)
    expect(parseCheckpoint(text)).toEqual({
      origin,
      treeSize: 20852163,
      rootHash: root,
      extensions: [],
    })
  })

  it('parses the example of the specification', () => {
    const cp = parseCheckpoint(
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    )
    expect(cp.treeSize).toBe(20852163)
    expect(cp.rootHash).toHaveLength(32)
  })

  it('refuses non-canonical sizes, bad hashes and missing lines', () => {
    const b64 = toBase64(root)
    for (const text of [
      `${origin}\n01\n${b64}\n`,
      `${origin}\n-1\n${b64}\n`,
      `${origin}\n+1\n${b64}\n`,
      `${origin}\n1e3\n${b64}\n`,
      `${origin}\n99999999999999999\n${b64}\n`,
      `${origin}\n1\n${b64.slice(1)}\n`,
      `${origin}\n1\n${toBase64(new Uint8Array(31))}\n`,
      `${origin}\n1\n`,
      `${origin}\n1\n${b64}`,
      `${origin}\n1\n${b64}\n\n`,
    ]) {
      expect(code(() => parseCheckpoint(text))).toBe('LEDGER_CHECKPOINT_MALFORMED')
    }
  })

  it('signs with the log key and opens only with it, for its own origin', () => {
    const signer = createEd25519NoteSigner({ name: origin, seed })
    const note = signCheckpoint({ origin, treeSize: 3, rootHash: root }, signer)
    const verifier = createEd25519NoteVerifier({ name: origin, publicKey: ed25519PublicKey(seed) })
    expect(openCheckpoint(note, [verifier]).checkpoint.treeSize).toBe(3)
    const forged = note.replace('\n3\n', '\n4\n')
    expect(code(() => openCheckpoint(forged, [verifier]))).toBe('LEDGER_NOTE_SIGNATURE_INVALID')
    const otherName = createEd25519NoteSigner({ name: 'singapore.landsea.example/log', seed })
    const misnamed = signCheckpoint({ origin, treeSize: 3, rootHash: root }, otherName)
    const otherVerifier = createEd25519NoteVerifier({
      name: 'singapore.landsea.example/log',
      publicKey: ed25519PublicKey(seed),
    })
    expect(code(() => openCheckpoint(misnamed, [otherVerifier]))).toBe(
      'LEDGER_CHECKPOINT_MALFORMED',
    )
  })
})
