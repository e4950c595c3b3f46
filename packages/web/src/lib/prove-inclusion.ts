import { verifyInclusionProof } from '@landsea/core/ledger'
import { decodeHash } from './checkpoint-view.js'

/** The outcome of checking an inclusion proof in the browser. */
export type InclusionCheck =
  { readonly isValid: true } | { readonly isValid: false; readonly reason: string }

/**
 * Checks that leaf `leafIndex` (with the given leaf hash) is in the tree of `treeSize` leaves whose
 * root is `rootHash`, using the audit path from the node (RFC 9162 §2.1.3.2). All hashes are
 * base64 from the network (the ledger routes and shipment proofs alike); anything malformed is a failed check, not an exception.
 */
export function checkInclusion({
  leafIndex,
  treeSize,
  leafHash,
  auditPath,
  rootHash,
}: {
  leafIndex: number
  treeSize: number
  leafHash: string
  auditPath: readonly string[]
  rootHash: string
}): InclusionCheck {
  const decode = decodeHash
  const leaf = decode(leafHash)
  const root = decode(rootHash)
  const hashes = Array.isArray(auditPath) ? auditPath.map(decode) : [null]
  if (!leaf || !root || hashes.some((h) => h === null)) {
    return { isValid: false, reason: 'a hash is not 32 bytes of base64' }
  }
  try {
    verifyInclusionProof({ leafIndex, treeSize, hashes: hashes as Uint8Array[] }, leaf, root)
    return { isValid: true }
  } catch (error) {
    return { isValid: false, reason: error instanceof Error ? error.message : String(error) }
  }
}
