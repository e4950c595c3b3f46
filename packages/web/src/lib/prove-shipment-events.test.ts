import { ed25519PublicKey, toBase64 } from '@landsea/core/crypto'
import {
  createEd25519NoteSigner,
  createMemoryLedger,
  encodeLeaf,
  formatVerifierKey,
  hashLeaf,
  NOTE_SIGNATURE_TYPE,
  signCheckpoint,
} from '@landsea/core/ledger'
import { describe, expect, it } from 'vitest'
import journey from './fixtures/corridor-journey.json'
import { proveShipmentEvents } from './prove-shipment-events.js'

const ORIGIN = 'chongqing-node.landsea/log'
const seed = new Uint8Array(32).fill(9)
const logKey = formatVerifierKey({
  name: ORIGIN,
  type: NOTE_SIGNATURE_TYPE.ed25519,
  publicKey: ed25519PublicKey(seed),
})

/** The answer of GET /api/shipments/{key}/proofs, built the way the node builds it. */
function proofsAnswer({ signed = true } = {}) {
  const ledger = createMemoryLedger()
  ledger.append([new TextEncoder().encode('another leaf')])
  const indexes = journey.map((event) =>
    ledger.append([encodeLeaf({ type: 'tracking-event', body: event })]),
  )
  const treeSize = ledger.treeSize
  return {
    shipmentKey: 'LSCKG2605001',
    treeSize,
    rootHash: toBase64(ledger.rootHash()),
    ...(signed
      ? {
          checkpoint: signCheckpoint(
            { origin: ORIGIN, treeSize, rootHash: ledger.rootHash() },
            createEd25519NoteSigner({ name: ORIGIN, seed }),
          ),
        }
      : {}),
    events: journey.map((event, i) => ({
      event,
      leafIndex: indexes[i]!,
      leafHash: toBase64(hashLeaf(encodeLeaf({ type: 'tracking-event', body: event }))),
      inclusionProof: ledger.inclusionProof(indexes[i]!).hashes.map(toBase64),
    })),
  }
}

describe('proveShipmentEvents', () => {
  it('proves every event of the journey against a signed root', () => {
    const report = proveShipmentEvents(proofsAnswer(), logKey)
    expect(report.problem).toBeUndefined()
    expect(report.events).toHaveLength(journey.length)
    expect(report.isAllProven).toBe(true)
    expect(report.isRootSigned).toBe(true)
  })

  it('says when no checkpoint signs the root', () => {
    const report = proveShipmentEvents(proofsAnswer({ signed: false }), logKey)
    expect(report.isAllProven).toBe(true)
    expect(report.isRootSigned).toBe(false)
  })

  it('catches an event changed after it was logged, and a wrong root', () => {
    const answer = proofsAnswer()
    const changed = {
      ...answer,
      events: answer.events.map((e, i) =>
        i === 3 ? { ...e, event: { ...e.event, eventDateTime: '2026-05-10T10:00:00Z' } } : e,
      ),
    }
    const report = proveShipmentEvents(changed, logKey)
    expect(report.isAllProven).toBe(false)
    expect(report.events[3]).toMatchObject({ isLeafHashMatching: false, isIncluded: false })
    expect(report.events[2]).toMatchObject({ isLeafHashMatching: true, isIncluded: true })
    const wrongRoot = proveShipmentEvents({ ...answer, rootHash: 'ab'.repeat(32) }, logKey)
    expect(wrongRoot.isAllProven).toBe(false)
    expect(wrongRoot.isRootSigned).toBe(false)
  })

  it('answers hostile bodies with a problem, not an exception', () => {
    expect(proveShipmentEvents(null, logKey).problem).toBeTruthy()
    expect(proveShipmentEvents({ events: 'x', rootHash: 1 }, logKey).isAllProven).toBe(false)
    const odd = proveShipmentEvents(
      { treeSize: 2, rootHash: 'zz', events: [{ event: 1n as unknown, leafIndex: 'a' }] },
      logKey,
    )
    expect(odd.isAllProven).toBe(false)
  })
})
