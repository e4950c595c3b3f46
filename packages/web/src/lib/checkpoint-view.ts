import { fromBase64, toBase64 } from '@landsea/core/crypto'
import {
  cosignatureTimestamp,
  createCosignatureVerifier,
  createEd25519NoteVerifier,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  type NoteVerifier,
} from '@landsea/core/ledger'

/** A signature line of the checkpoint, and whether this browser could verify it. */
export interface CheckpointSignatureView {
  readonly name: string
  readonly role: 'log' | 'witness'
  readonly isVerified: boolean
  /** Cosignature time (ISO 8601), witnesses only. */
  readonly cosignedAt?: string
}

/** The latest checkpoint as the ledger screen shows it. */
export interface CheckpointView {
  readonly origin: string
  readonly treeSize: number
  readonly rootHash: string
  readonly signatures: readonly CheckpointSignatureView[]
  readonly isLogSignatureValid: boolean
  /** Why the checkpoint could not be read or verified, when it could not. */
  readonly problem?: string
}

/**
 * Reads and verifies a checkpoint signed note in the browser: the log's signature with the node's
 * log key, each cosignature with the known witness keys (from the node's peers). The note comes
 * from the network, so every problem is reported, never thrown.
 */
export function readCheckpoint(
  note: string,
  logKey: string,
  witnessKeys: readonly string[],
): CheckpointView {
  let origin = ''
  try {
    const log = parseVerifierKey(logKey)
    origin = log.name
    const verifiers: NoteVerifier[] = [createEd25519NoteVerifier(log)]
    for (const key of witnessKeys) {
      try {
        verifiers.push(createCosignatureVerifier(parseVerifierKey(key)))
      } catch {
        // A malformed witness key only means that witness's line shows as unverified.
      }
    }
    const opened = openNote(note, verifiers)
    const checkpoint = parseCheckpoint(opened.text)
    const isVerified = (s: { name: string; keyId: number }) =>
      opened.verified.some((v) => v.name === s.name && v.keyId === s.keyId)
    const signatures = opened.signatures.map((s): CheckpointSignatureView => {
      if (s.name === checkpoint.origin)
        return { name: s.name, role: 'log', isVerified: isVerified(s) }
      const seconds = cosignatureTimestamp(s.signature)
      return {
        name: s.name,
        role: 'witness',
        isVerified: isVerified(s),
        ...(seconds !== undefined ? { cosignedAt: new Date(seconds * 1000).toISOString() } : {}),
      }
    })
    return {
      origin: checkpoint.origin,
      treeSize: checkpoint.treeSize,
      rootHash: toBase64(checkpoint.rootHash),
      signatures,
      isLogSignatureValid:
        checkpoint.origin === origin && signatures.some((s) => s.role === 'log' && s.isVerified),
    }
  } catch (error) {
    return {
      origin,
      treeSize: 0,
      rootHash: '',
      signatures: [],
      isLogSignatureValid: false,
      problem: error instanceof Error ? error.message : String(error),
    }
  }
}

/** Decodes a base64 hash from the API, or null when it is not 32 bytes of base64. */
export function decodeHash(base64: string): Uint8Array | null {
  if (typeof base64 !== 'string') return null
  const bytes = fromBase64(base64)
  return bytes?.length === 32 ? bytes : null
}
