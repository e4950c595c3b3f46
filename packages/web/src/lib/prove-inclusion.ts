import { verifyInclusionProof } from '@landsea/core/ledger'
import { decodeHash } from './checkpoint-view.js'

/** Decodes a lowercase or uppercase hex SHA-256 hash, or null when it is not 64 hex digits. */
export function decodeHexHash(hex: string): Uint8Array | null {
  if (typeof hex !== 'string' || !/^[0-9a-fA-F]{64}$/.test(hex)) return null
  return Uint8Array.from(hex.match(/../g)!, (byte) => parseInt(byte, 16))
}

/** The outcome of checking an inclusion proof in the browser. */
export type InclusionCheck =
  { readonly isValid: true } | { readonly isValid: false; readonly reason: string }

/**
 * Checks that leaf `leafIndex` (with the given leaf hash) is in the tree of `treeSize` leaves whose
 * root is `rootHash`, using the audit path from the node (RFC 9162 §2.1.3.2). All hashes are
 * base64 from the network; anything malformed is a failed check, not an exception.
 */
export function checkInclusion({
  leafIndex,
  treeSize,
  leafHash,
  auditPath,
  rootHash,
  encoding = 'base64',
}: {
  leafIndex: number
  treeSize: number
  leafHash: string
  auditPath: readonly string[]
  rootHash: string
  /** How the hashes are written: base64 (ledger routes) or hex (shipment proofs). */
  encoding?: 'base64' | 'hex'
}): InclusionCheck {
  const decode = encoding === 'hex' ? decodeHexHash : decodeHash
  const leaf = decode(leafHash)
  const root = decode(rootHash)
  const hashes = Array.isArray(auditPath) ? auditPath.map(decode) : [null]
  if (!leaf || !root || hashes.some((h) => h === null)) {
    return { isValid: false, reason: `a hash is not 32 bytes of ${encoding}` }
  }
  try {
    verifyInclusionProof({ leafIndex, treeSize, hashes: hashes as Uint8Array[] }, leaf, root)
    return { isValid: true }
  } catch (error) {
    return { isValid: false, reason: error instanceof Error ? error.message : String(error) }
  }
}
