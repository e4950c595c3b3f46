import { ed25519 } from '@noble/curves/ed25519.js'
import { hasStrictEd25519Encoding } from './ed25519-strict.js'

/** The part of libsodium's API the fast verifier uses (declared here, as STYLE rule 3 asks). */
interface SodiumVerifier {
  crypto_sign_verify_detached(
    signature: Uint8Array,
    message: Uint8Array,
    publicKey: Uint8Array,
  ): boolean
}

let sodium: SodiumVerifier | undefined

/**
 * Loads libsodium (WebAssembly) so that {@link verifyEd25519} runs about ten times faster than
 * the pure-JS fallback. Safe to call many times; verification works without it, only slower.
 */
export async function initEd25519Verifier(): Promise<void> {
  if (sodium) return
  const module = await import('libsodium-wrappers')
  await module.default.ready
  sodium = module.default
}

/** Whether {@link initEd25519Verifier} has completed and the libsodium fast path is in use. */
export function isFastEd25519Verifier(): boolean {
  return sodium !== undefined
}

/**
 * A synchronous Ed25519 verifier with the contract of {@link verifyEd25519}: `true` only for a
 * valid signature; never throws.
 */
export type Ed25519Verify = (
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
) => boolean

/**
 * Verifies an RFC 8032 Ed25519 signature. Synchronous; never throws: malformed keys or signatures
 * (wrong length, non-canonical, small order) verify as `false`.
 */
export function verifyEd25519(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false
  try {
    if (sodium) return sodium.crypto_sign_verify_detached(signature, message, publicKey)
    // noble's strict mode still accepts a small-order R: refuse what libsodium refuses.
    if (!hasStrictEd25519Encoding(signature, publicKey)) return false
    return ed25519.verify(signature, message, publicKey, { zip215: false })
  } catch {
    return false
  }
}

/** Signs a message with the 32-byte Ed25519 private key seed (RFC 8032 §5.1.6). */
export function signEd25519(message: Uint8Array, seed: Uint8Array): Uint8Array {
  return ed25519.sign(message, seed)
}

/** The 32-byte public key of a 32-byte Ed25519 private key seed. */
export function ed25519PublicKey(seed: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(seed)
}
