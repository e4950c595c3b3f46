import { toBase64 } from '@landsea/core/crypto'
import { encodeLeaf, hashLeaf } from '@landsea/core/ledger'
import { readCheckpoint } from './checkpoint-view.js'
import { checkInclusion } from './prove-inclusion.js'

/** What the browser could establish about one event of a shipment. */
export interface EventProof {
  readonly eventID: string
  readonly leafIndex: number
  /** The leaf hash recomputed here from the event matches the node's. */
  readonly isLeafHashMatching: boolean
  /** The audit path leads from that leaf to the root. */
  readonly isIncluded: boolean
}

/** The outcome of checking `GET /api/shipments/{key}/proofs` in the browser. */
export interface ShipmentProofReport {
  readonly treeSize: number
  readonly rootHash: string
  /** True when a checkpoint came with the proofs, its log signature verifies and it names this root. */
  readonly isRootSigned: boolean
  readonly events: readonly EventProof[]
  readonly isAllProven: boolean
  readonly problem?: string
}

type Json = Record<string, unknown>
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Checks a shipment's event proofs: each leaf hash recomputed from the event itself (RFC 9162 leaf
 * of Landsea's `tracking-event` envelope), each inclusion proof against the root, and the root
 * against the signed checkpoint when one covers it. The body is from the network: nothing throws.
 */
export function proveShipmentEvents(body: unknown, logKey: string): ShipmentProofReport {
  if (!isRecord(body) || !Array.isArray(body.events) || typeof body.rootHash !== 'string') {
    return {
      treeSize: 0,
      rootHash: '',
      isRootSigned: false,
      events: [],
      isAllProven: false,
      problem: 'not a proofs answer',
    }
  }
  const treeSize = typeof body.treeSize === 'number' ? body.treeSize : 0
  const rootHash = body.rootHash
  const events = body.events.filter(isRecord).map((item): EventProof => {
    const event = item.event
    const leafIndex = typeof item.leafIndex === 'number' ? item.leafIndex : -1
    let recomputed = ''
    try {
      recomputed = toBase64(hashLeaf(encodeLeaf({ type: 'tracking-event', body: event })))
    } catch {
      // An event that cannot be encoded cannot match any leaf.
    }
    const leafHash = typeof item.leafHash === 'string' ? item.leafHash : ''
    const isLeafHashMatching = recomputed !== '' && recomputed === leafHash
    const included = checkInclusion({
      leafIndex,
      treeSize,
      leafHash: recomputed || leafHash,
      auditPath: Array.isArray(item.inclusionProof) ? (item.inclusionProof as string[]) : [],
      rootHash,
    })
    const eventID = isRecord(event) && typeof event.eventID === 'string' ? event.eventID : '—'
    return { eventID, leafIndex, isLeafHashMatching, isIncluded: included.isValid }
  })
  let isRootSigned = false
  if (typeof body.checkpoint === 'string') {
    const view = readCheckpoint(body.checkpoint, logKey, [])
    isRootSigned =
      view.isLogSignatureValid && view.treeSize === treeSize && view.rootHash === rootHash
  }
  return {
    treeSize,
    rootHash,
    isRootSigned,
    events,
    isAllProven: events.length > 0 && events.every((e) => e.isLeafHashMatching && e.isIncluded),
  }
}
