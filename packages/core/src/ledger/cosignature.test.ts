import { describe, expect, it } from 'vitest'
import { ed25519PublicKey } from '../crypto/ed25519.js'
import { formatCheckpoint } from './checkpoint.js'
import { cosignatureTimestamp, createCosignatureVerifier, createCosigner } from './cosignature.js'
import { formatNote, NOTE_SIGNATURE_TYPE, noteKeyId, openNote, signNote } from './signed-note.js'

const seed = new Uint8Array(32).fill(9)
const name = 'singapore.landsea.example/witness'
const text = formatCheckpoint({
  origin: 'o.example/log',
  treeSize: 5,
  rootHash: new Uint8Array(32),
})

describe('C2SP tlog-cosignature (Ed25519, type 0x04)', () => {
  it('uses the type 0x04 key ID, a u64 timestamp and the cosignature/v1 message', () => {
    const cosigner = createCosigner({ name, seed, now: () => 1679315147 })
    expect(cosigner.keyId).toBe(
      noteKeyId(name, NOTE_SIGNATURE_TYPE.cosignatureV1, ed25519PublicKey(seed)),
    )
    expect(cosigner.keyId).not.toBe(
      noteKeyId(name, NOTE_SIGNATURE_TYPE.ed25519, ed25519PublicKey(seed)),
    )
    const signature = cosigner.sign(text)
    expect(signature).toHaveLength(72)
    expect(cosignatureTimestamp(signature)).toBe(1679315147)
    const verifier = createCosignatureVerifier({ name, publicKey: ed25519PublicKey(seed) })
    expect(verifier.verify(text, signature)).toBe(true)
    expect(verifier.verify(text.replace('5', '6'), signature)).toBe(false)
    const restamped = signature.slice()
    restamped[7] = restamped[7]! ^ 1
    expect(verifier.verify(text, restamped)).toBe(false)
    expect(verifier.verify(text, signature.subarray(0, 71))).toBe(false)
  })

  it('verifies inside a note next to the log signature', () => {
    const cosigner = createCosigner({ name, seed })
    const note = formatNote(signNote(text, [cosigner]))
    const verifier = createCosignatureVerifier({ name, publicKey: ed25519PublicKey(seed) })
    expect(openNote(note, [verifier]).verified).toHaveLength(1)
  })
})
