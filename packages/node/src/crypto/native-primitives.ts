import { nodeEd25519Verify } from './node-ed25519.js'
import { nodeGunzip } from './node-gunzip.js'
import { nodeP256Verify } from './node-p256.js'
import { nodeSha256 } from './node-sha256.js'

/**
 * The fast paths of `verifyBundle` in Node (the CLI's): native SHA-256, Ed25519, P-256 and zlib,
 * in place of the portable JavaScript ones; the verdicts are the same (node/test/verify-paths).
 */
export const NATIVE_VERIFY_PRIMITIVES = {
  sha256: nodeSha256,
  ed25519: nodeEd25519Verify,
  p256: nodeP256Verify,
  gunzip: nodeGunzip,
} as const
