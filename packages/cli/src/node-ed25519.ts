import { createPublicKey, verify, type KeyObject } from 'node:crypto'
import { createStrictEd25519Verifier } from '@landsea/core/crypto'

// Importing a key into OpenSSL costs about a tenth of a verification, and the keys of a bundle
// (a few signers, one log, its witnesses) repeat from bundle to bundle: keep the KeyObjects of
// recent public keys. They hold public keys only.
const MAX_KEYS = 1024
const keyObjects = new Map<string, KeyObject>()

function keyObjectOf(publicKey: Uint8Array): KeyObject {
  const x = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.length).toString(
    'base64url',
  )
  let key = keyObjects.get(x)
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' })
    if (keyObjects.size >= MAX_KEYS) keyObjects.clear()
    keyObjects.set(x, key)
  }
  return key
}

/**
 * Ed25519 through OpenSSL (`node:crypto`), for the `ed25519` option of core's `verifyBundle`: on
 * this platform the fastest verifier, and with `createStrictEd25519Verifier`'s encoding checks it
 * accepts exactly what libsodium (core's `verifyEd25519`) accepts. Never throws.
 */
export const nodeEd25519Verify = createStrictEd25519Verifier((signature, message, publicKey) =>
  verify(null, message, keyObjectOf(publicKey), signature),
)
