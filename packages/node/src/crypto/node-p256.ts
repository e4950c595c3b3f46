import { createPublicKey, verify, type KeyObject } from 'node:crypto'
import type { P256Verify } from '@landsea/core/crypto'

// Identity evidence repeats its few P-256 keys (an authority's, a registrar's) from bundle to
// bundle: keep their KeyObjects. They hold public keys only.
const MAX_KEYS = 256
const keys = new Map<string, KeyObject>()

function keyObject(x: string, y: string): KeyObject {
  const id = `${x}.${y}`
  let key = keys.get(id)
  if (!key) {
    key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x, y }, format: 'jwk' })
    if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value!)
    keys.set(id, key)
  }
  return key
}

/**
 * ECDSA P-256 / SHA-256 through OpenSSL (`crypto.verify`, synchronous), for the `p256` option of
 * core's `verifyBundle`: the same check as WebCrypto's (which jose uses) without its thread-pool
 * round trip. A key that is not a point of the curve fails to import: a failed verification.
 */
export const nodeP256Verify: P256Verify = (signature, message, publicJwk) => {
  if (typeof publicJwk.x !== 'string' || typeof publicJwk.y !== 'string') return false
  try {
    const key = keyObject(publicJwk.x, publicJwk.y)
    return verify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, signature)
  } catch {
    return false
  }
}
