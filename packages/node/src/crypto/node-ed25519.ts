import { createRequire } from 'node:module'
import { createPrivateKey, createPublicKey, verify, type KeyObject } from 'node:crypto'
import { createStrictEd25519Verifier, type Ed25519Verify } from '@landsea/core/crypto'

type SodiumNative = typeof import('sodium-native')

// sodium-native is libsodium itself, compiled for the platform (prebuilt for Linux, macOS and
// Windows on x64 and arm64): about twice OpenSSL's Ed25519 rate here and five times the wasm build
// core uses. On a platform without a prebuild, OpenSSL with libsodium's rules stands in.
function loadSodium(): SodiumNative | undefined {
  try {
    return createRequire(import.meta.url)('sodium-native') as SodiumNative
  } catch {
    return undefined
  }
}
const sodium = loadSodium()

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
}

// Importing a key into OpenSSL costs about a tenth of a verification, and the keys of a bundle
// (a few signers, one log, its witnesses) repeat from bundle to bundle: keep the KeyObjects of
// recent public keys. They hold public keys only.
const MAX_KEYS = 1024
const keyObjects = new Map<string, KeyObject>()

function keyObjectOf(publicKey: Uint8Array): KeyObject {
  const x = asBuffer(publicKey).toString('base64url')
  let key = keyObjects.get(x)
  if (!key) {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' })
    if (keyObjects.size >= MAX_KEYS) keyObjects.clear()
    keyObjects.set(x, key)
  }
  return key
}

/** Ed25519 through OpenSSL held to libsodium's rules (`createStrictEd25519Verifier`). Never throws. */
export const opensslEd25519Verify: Ed25519Verify = createStrictEd25519Verifier(
  (signature, message, publicKey) => verify(null, message, keyObjectOf(publicKey), signature),
)

/**
 * The fastest correct Ed25519 verifier of this process, for the `ed25519` option of core's
 * `verifyBundle` and for title actions: native libsodium (`crypto_sign_verify_detached`, which
 * refuses S ≥ L, small-order R or A and non-canonical A, the rules core's wasm verifier follows),
 * else {@link opensslEd25519Verify}. Never throws.
 */
// sodium-native 4 reads any Uint8Array (a view too) in place: no Buffer is wrapped around them.
export const nodeEd25519Verify: Ed25519Verify = sodium
  ? (signature, message, publicKey) =>
      signature.length === 64 &&
      publicKey.length === 32 &&
      sodium.crypto_sign_verify_detached(
        signature as Buffer,
        message as Buffer,
        publicKey as Buffer,
      )
  : opensslEd25519Verify

/** Which implementation {@link nodeEd25519Verify} is. */
export const nodeEd25519Implementation: 'libsodium (native)' | 'OpenSSL' = sodium
  ? 'libsodium (native)'
  : 'OpenSSL'

// RFC 8410 PKCS #8 prefix of an Ed25519 private key: the 32-byte seed follows.
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex')

/**
 * The Ed25519 public key of a 32-byte seed through OpenSSL: what core's `ed25519PublicKey` computes
 * in pure JS, without its first-use table build (a node's log and witness keys at every start).
 */
export function nodeEd25519PublicKey(seed: Uint8Array): Uint8Array {
  const key = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519, seed]),
    format: 'der',
    type: 'pkcs8',
  })
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' })
  return new Uint8Array(spki.subarray(spki.length - 32))
}
