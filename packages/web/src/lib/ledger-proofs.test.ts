import { ed25519PublicKey, toBase64 } from '@landsea/core/crypto'
import {
  createCosigner,
  createEd25519NoteSigner,
  createMemoryLedger,
  formatNote,
  formatVerifierKey,
  hashLeaf,
  NOTE_SIGNATURE_TYPE,
  parseNote,
  signCheckpoint,
} from '@landsea/core/ledger'
import { describe, expect, it } from 'vitest'
import { readCheckpoint } from './checkpoint-view.js'
import { checkInclusion } from './prove-inclusion.js'

const ORIGIN = 'chongqing.landsea.example/log'
const WITNESS = 'singapore.landsea.example/witness'
const logSeed = new Uint8Array(32).fill(3)
const witnessSeed = new Uint8Array(32).fill(4)
const logKey = formatVerifierKey({
  name: ORIGIN,
  type: NOTE_SIGNATURE_TYPE.ed25519,
  publicKey: ed25519PublicKey(logSeed),
})
const witnessKey = formatVerifierKey({
  name: WITNESS,
  type: NOTE_SIGNATURE_TYPE.cosignatureV1,
  publicKey: ed25519PublicKey(witnessSeed),
})

const enc = (s: string) => new TextEncoder().encode(s)

function sampleLog() {
  const ledger = createMemoryLedger()
  ledger.append(Array.from({ length: 13 }, (_, i) => enc(`leaf ${i}`)))
  const signed = signCheckpoint(
    { origin: ORIGIN, treeSize: ledger.treeSize, rootHash: ledger.rootHash() },
    createEd25519NoteSigner({ name: ORIGIN, seed: logSeed }),
  )
  const note = parseNote(signed)
  const cosigner = createCosigner({ name: WITNESS, seed: witnessSeed, now: () => 1_796_115_600 })
  const cosigned = formatNote({
    text: note.text,
    signatures: [
      ...note.signatures,
      { name: WITNESS, keyId: cosigner.keyId, signature: cosigner.sign(note.text) },
    ],
  })
  return { ledger, cosigned }
}

describe('readCheckpoint', () => {
  const { ledger, cosigned } = sampleLog()

  it('verifies the log signature and the witness cosignature with its time', () => {
    const view = readCheckpoint(cosigned, logKey, [witnessKey])
    expect(view.problem).toBeUndefined()
    expect(view).toMatchObject({
      origin: ORIGIN,
      treeSize: 13,
      rootHash: toBase64(ledger.rootHash()),
    })
    expect(view.isLogSignatureValid).toBe(true)
    expect(view.signatures).toEqual([
      { name: ORIGIN, role: 'log', isVerified: true },
      { name: WITNESS, role: 'witness', isVerified: true, cosignedAt: '2026-12-01T09:00:00.000Z' },
    ])
  })

  it('shows an unknown witness as unverified', () => {
    const view = readCheckpoint(cosigned, logKey, [])
    expect(view.signatures[1]).toMatchObject({ name: WITNESS, isVerified: false })
    expect(view.isLogSignatureValid).toBe(true)
  })

  it('reports a tampered note or a wrong key instead of throwing', () => {
    const tampered = cosigned.replace('\n13\n', '\n14\n')
    expect(readCheckpoint(tampered, logKey, [witnessKey]).isLogSignatureValid).toBe(false)
    expect(readCheckpoint(cosigned, witnessKey, []).isLogSignatureValid).toBe(false)
    expect(readCheckpoint('garbage', logKey, []).problem).toBeTruthy()
    expect(readCheckpoint(cosigned, 'not a key', []).problem).toBeTruthy()
  })
})

describe('checkInclusion', () => {
  const { ledger } = sampleLog()
  const root = toBase64(ledger.rootHash())

  it('accepts every leaf of the tree with its audit path', () => {
    for (let i = 0; i < 13; i++) {
      const proof = ledger.inclusionProof(i)
      expect(
        checkInclusion({
          leafIndex: i,
          treeSize: 13,
          leafHash: toBase64(hashLeaf(enc(`leaf ${i}`))),
          auditPath: proof.hashes.map(toBase64),
          rootHash: root,
        }),
      ).toEqual({ isValid: true })
    }
  })

  it('rejects a wrong leaf, a wrong index and malformed hashes', () => {
    const proof = ledger.inclusionProof(5).hashes.map(toBase64)
    const ok = {
      leafIndex: 5,
      treeSize: 13,
      leafHash: toBase64(hashLeaf(enc('leaf 5'))),
      auditPath: proof,
      rootHash: root,
    }
    expect(checkInclusion({ ...ok, leafHash: toBase64(hashLeaf(enc('leaf 6'))) }).isValid).toBe(
      false,
    )
    expect(checkInclusion({ ...ok, leafIndex: 4 }).isValid).toBe(false)
    expect(checkInclusion({ ...ok, leafIndex: 99 }).isValid).toBe(false)
    expect(checkInclusion({ ...ok, auditPath: [...proof.slice(1), 'AAAA'] }).isValid).toBe(false)
    expect(checkInclusion({ ...ok, rootHash: '!!' }).isValid).toBe(false)
  })
})
