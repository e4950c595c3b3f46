import { describe, expect, it } from 'vitest'
import { ed25519PublicKey } from '../crypto/ed25519.js'
import { formatAddCheckpointRequest, parseAddCheckpointRequest } from './add-checkpoint.js'
import { signCheckpoint } from './checkpoint.js'
import { createCosignatureVerifier, createCosigner } from './cosignature.js'
import { createMemoryLedger } from './memory-ledger.js'
import { EMPTY_ROOT_HASH } from './merkle-hash.js'
import { createEd25519NoteSigner, createEd25519NoteVerifier } from './note-keys.js'
import { openNote } from './signed-note.js'
import { createMemoryWitnessStore, createWitness } from './witness.js'

const origin = 'chongqing.landsea.example/log'
const logSeed = new Uint8Array(32).fill(3)
const witnessSeed = new Uint8Array(32).fill(4)
const logSigner = createEd25519NoteSigner({ name: origin, seed: logSeed })
const leaves = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => new TextEncoder().encode(`entry ${from + i}`))

function setup() {
  const ledger = createMemoryLedger()
  const store = createMemoryWitnessStore()
  const witness = createWitness({
    logs: [
      {
        origin,
        verifiers: [
          createEd25519NoteVerifier({ name: origin, publicKey: ed25519PublicKey(logSeed) }),
        ],
      },
    ],
    cosigner: createCosigner({ name: 'singapore.landsea.example/witness', seed: witnessSeed }),
    store,
  })
  const checkpointAt = (size: number) =>
    signCheckpoint({ origin, treeSize: size, rootHash: ledger.rootHash(size) }, logSigner)
  return { ledger, store, witness, checkpointAt }
}

describe('witness (C2SP tlog-witness add-checkpoint)', () => {
  it('cosigns the first checkpoint and then only consistent extensions', async () => {
    const { ledger, witness, checkpointAt } = setup()
    ledger.append(leaves(0, 5))
    const first = await witness.addCheckpoint(
      formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: checkpointAt(5) }),
    )
    expect(first.ok).toBe(true)
    ledger.append(leaves(5, 8))
    const proof = ledger.consistencyProof(5, 13).hashes
    const second = await witness.addCheckpoint(
      formatAddCheckpointRequest({ oldSize: 5, proof, checkpoint: checkpointAt(13) }),
    )
    if (!second.ok) throw new Error(second.message)
    const cosigned = checkpointAt(13) + second.cosignatures
    const verifier = createCosignatureVerifier({
      name: 'singapore.landsea.example/witness',
      publicKey: ed25519PublicKey(witnessSeed),
    })
    expect(openNote(cosigned, [verifier]).verified).toHaveLength(1)
  })

  it('answers a stale old size with the size it holds (409 in the protocol)', async () => {
    const { ledger, witness, checkpointAt } = setup()
    ledger.append(leaves(0, 4))
    await witness.addCheckpoint(
      formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: checkpointAt(4) }),
    )
    const again = await witness.addCheckpoint(
      formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: checkpointAt(4) }),
    )
    expect(again).toMatchObject({
      ok: false,
      code: 'LEDGER_WITNESS_OLD_SIZE_MISMATCH',
      latestSize: 4,
    })
  })

  it('refuses a fork with evidence: same size, different root', async () => {
    const { ledger, witness, store, checkpointAt } = setup()
    ledger.append(leaves(0, 4))
    await witness.addCheckpoint(
      formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: checkpointAt(4) }),
    )
    const forked = createMemoryLedger()
    forked.append([...leaves(0, 3), new TextEncoder().encode('rewritten')])
    const forkNote = signCheckpoint({ origin, treeSize: 4, rootHash: forked.rootHash() }, logSigner)
    const outcome = await witness.addCheckpoint(
      formatAddCheckpointRequest({ oldSize: 4, proof: [], checkpoint: forkNote }),
    )
    expect(outcome).toMatchObject({ ok: false, code: 'LEDGER_WITNESS_FORK' })
    const evidence = await store.listEvidence()
    expect(evidence).toHaveLength(1)
    expect(evidence[0]).toMatchObject({
      origin,
      previousCheckpoint: checkpointAt(4),
      submittedCheckpoint: forkNote,
    })
  })

  it('refuses a history rewrite whose consistency proof fails, and keeps evidence', async () => {
    const { ledger, witness, store, checkpointAt } = setup()
    ledger.append(leaves(0, 4))
    await witness.addCheckpoint(
      formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: checkpointAt(4) }),
    )
    const forked = createMemoryLedger()
    forked.append([new TextEncoder().encode('rewritten'), ...leaves(1, 9)])
    const forkNote = signCheckpoint(
      { origin, treeSize: 10, rootHash: forked.rootHash() },
      logSigner,
    )
    const outcome = await witness.addCheckpoint(
      formatAddCheckpointRequest({
        oldSize: 4,
        proof: forked.consistencyProof(4).hashes,
        checkpoint: forkNote,
      }),
    )
    expect(outcome).toMatchObject({ ok: false, code: 'LEDGER_CONSISTENCY_PROOF_INVALID' })
    expect(await store.listEvidence()).toHaveLength(1)
    expect((await store.latest(origin))?.treeSize).toBe(4)
  })

  it('C2SP tlog-witness "if the old size matches the checkpoint size": a non-empty proof is refused, the empty one cosigned', async () => {
    const { ledger, witness, store, checkpointAt } = setup()
    ledger.append(leaves(0, 4))
    await witness.addCheckpoint(
      formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: checkpointAt(4) }),
    )
    const padded = await witness.addCheckpoint(
      formatAddCheckpointRequest({
        oldSize: 4,
        proof: [ledger.rootHash(2)],
        checkpoint: checkpointAt(4),
      }),
    )
    expect(padded).toMatchObject({ ok: false, code: 'LEDGER_CONSISTENCY_PROOF_INVALID' })
    const same = await witness.addCheckpoint(
      formatAddCheckpointRequest({ oldSize: 4, proof: [], checkpoint: checkpointAt(4) }),
    )
    expect(same.ok).toBe(true)
    expect(await store.listEvidence()).toHaveLength(0)
  })

  it('C2SP tlog-witness "if the old size is zero, the consistency proof MUST be empty" (422)', async () => {
    const { ledger, witness, store, checkpointAt } = setup()
    ledger.append(leaves(0, 4))
    const outcome = await witness.addCheckpoint(
      formatAddCheckpointRequest({
        oldSize: 0,
        proof: [ledger.rootHash(2)],
        checkpoint: checkpointAt(4),
      }),
    )
    expect(outcome).toMatchObject({ ok: false, code: 'LEDGER_CONSISTENCY_PROOF_INVALID' })
    expect(await store.latest(origin)).toBeUndefined()
  })

  it('C2SP tlog-witness "a checkpoint of size zero MUST have the root hash of the empty tree": a false one is refused with evidence, the true one then cosigned', async () => {
    const { ledger, witness, store, checkpointAt } = setup()
    ledger.append(leaves(0, 2))
    const falseEmpty = signCheckpoint(
      { origin, treeSize: 0, rootHash: ledger.rootHash(2) },
      logSigner,
    )
    const refused = await witness.addCheckpoint(
      formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: falseEmpty }),
    )
    expect(refused).toMatchObject({ ok: false, code: 'LEDGER_WITNESS_EMPTY_TREE_ROOT' })
    expect(await store.latest(origin)).toBeUndefined()
    expect(await store.listEvidence()).toMatchObject([
      { reason: 'LEDGER_WITNESS_EMPTY_TREE_ROOT', submittedCheckpoint: falseEmpty },
    ])
    const trueEmpty = await witness.addCheckpoint(
      formatAddCheckpointRequest({
        oldSize: 0,
        proof: [],
        checkpoint: signCheckpoint({ origin, treeSize: 0, rootHash: EMPTY_ROOT_HASH }, logSigner),
      }),
    )
    expect(trueEmpty.ok).toBe(true)
    expect((await store.latest(origin))?.rootHash).toEqual(EMPTY_ROOT_HASH)
    const grown = await witness.addCheckpoint(
      formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: checkpointAt(2) }),
    )
    expect(grown.ok).toBe(true)
  })

  it('refuses unknown logs, bad signatures and malformed bodies', async () => {
    const { ledger, witness, checkpointAt } = setup()
    ledger.append(leaves(0, 2))
    const stranger = createEd25519NoteSigner({ name: 'other.example/log', seed: logSeed })
    const strangerNote = signCheckpoint(
      { origin: 'other.example/log', treeSize: 2, rootHash: ledger.rootHash() },
      stranger,
    )
    const impostor = createEd25519NoteSigner({ name: origin, seed: new Uint8Array(32).fill(5) })
    const impostorNote = signCheckpoint(
      { origin, treeSize: 2, rootHash: ledger.rootHash() },
      impostor,
    )
    const cases: [string, string][] = [
      [
        formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: strangerNote }),
        'LEDGER_WITNESS_UNKNOWN_LOG',
      ],
      [
        formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: impostorNote }),
        'LEDGER_WITNESS_UNAUTHENTICATED',
      ],
      [
        formatAddCheckpointRequest({ oldSize: 3, proof: [], checkpoint: checkpointAt(2) }),
        'LEDGER_WITNESS_REQUEST_MALFORMED',
      ],
      ['old 01\n\n' + checkpointAt(2), 'LEDGER_WITNESS_REQUEST_MALFORMED'],
      ['old 0\nnot-base64\n\n' + checkpointAt(2), 'LEDGER_WITNESS_REQUEST_MALFORMED'],
      ['garbage', 'LEDGER_WITNESS_REQUEST_MALFORMED'],
      ['old 0\n\nnot a checkpoint', 'LEDGER_WITNESS_REQUEST_MALFORMED'],
    ]
    for (const [body, code] of cases) {
      expect(await witness.addCheckpoint(body)).toMatchObject({ ok: false, code })
    }
  })

  it('round-trips the request body of the specification', () => {
    const body =
      'old 20852014\nPlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\njrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=\n\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n'
    const request = parseAddCheckpointRequest(body)
    expect(request.oldSize).toBe(20852014)
    expect(request.proof).toHaveLength(2)
    expect(formatAddCheckpointRequest(request)).toBe(body)
  })
})
