import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ed25519PublicKey } from '@landsea/core/crypto'
import {
  createCosignatureVerifier,
  createEd25519NoteSigner,
  createMemoryLedger,
  formatAddCheckpointRequest,
  formatVerifierKey,
  NOTE_SIGNATURE_TYPE,
  openNote,
  parseVerifierKey,
  signCheckpoint,
} from '@landsea/core/ledger'
import { describe, expect, it } from 'vitest'
import { startWitness } from '../src/standalone-witness.js'

const origin = 'third-party.example/log'
const seed = new Uint8Array(32).fill(21)
const logKey = formatVerifierKey({
  name: origin,
  type: NOTE_SIGNATURE_TYPE.ed25519,
  publicKey: ed25519PublicKey(seed),
})

describe('landsea witness serve (standalone witness)', () => {
  it('cosigns a consistent checkpoint of a log it follows, and keeps its key across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'landsea-witness-'))
    const ledger = createMemoryLedger()
    ledger.append([new TextEncoder().encode('a'), new TextEncoder().encode('b')])
    const signer = createEd25519NoteSigner({ name: origin, seed })
    const checkpoint = signCheckpoint({ origin, treeSize: 2, rootHash: ledger.rootHash() }, signer)
    const witness = await startWitness({
      dataDir,
      logKeys: [logKey],
      name: 'w.example/witness',
      port: 0,
    })
    let witnessKey: string
    try {
      witnessKey = witness.witnessKey
      const res = await witness.app.inject({
        method: 'POST',
        url: '/api/witness/add-checkpoint',
        headers: { 'content-type': 'text/plain' },
        payload: formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint }),
      })
      expect(res.statusCode, res.body).toBe(200)
      const verifier = createCosignatureVerifier(parseVerifierKey(witnessKey))
      expect(openNote(checkpoint + res.body, [verifier]).verified).toHaveLength(1)
      const unknown = await witness.app.inject({
        method: 'POST',
        url: '/api/witness/add-checkpoint',
        headers: { 'content-type': 'text/plain' },
        payload: formatAddCheckpointRequest({
          oldSize: 0,
          proof: [],
          checkpoint: signCheckpoint(
            { origin: 'other.example/log', treeSize: 2, rootHash: ledger.rootHash() },
            createEd25519NoteSigner({ name: 'other.example/log', seed }),
          ),
        }),
      })
      expect(unknown.statusCode).toBe(404)
    } finally {
      await witness.close()
    }
    const again = await startWitness({
      dataDir,
      logKeys: [logKey],
      name: 'w.example/witness',
      port: 0,
    })
    try {
      expect(again.witnessKey).toBe(witnessKey)
      const stale = await again.app.inject({
        method: 'POST',
        url: '/api/witness/add-checkpoint',
        headers: { 'content-type': 'text/plain' },
        payload: formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint }),
      })
      expect(stale.statusCode).toBe(409)
      expect(stale.body).toBe('2\n')
    } finally {
      await again.close()
    }
  })
})
