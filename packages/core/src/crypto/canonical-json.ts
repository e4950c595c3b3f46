import canonicalize from 'canonicalize'
import { CryptoError } from './crypto-error.js'

/**
 * Serialises a JSON value by RFC 8785 (JSON Canonicalization Scheme), the form every Landsea
 * checksum and signature is computed over.
 */
export function canonicalJson(value: unknown): string {
  let text: string | undefined
  try {
    text = canonicalize(value)
  } catch (cause) {
    // RFC 8785 §3.2.2.2 has no form for a lone surrogate (nor for Infinity or a cycle): the value
    // is refused with our code, never an untyped library error.
    throw new CryptoError(
      'CRYPTO_NOT_CANONICALIZABLE',
      `value cannot be canonicalised: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    )
  }
  if (text === undefined) {
    throw new CryptoError('CRYPTO_NOT_CANONICALIZABLE', 'value cannot be expressed as JSON')
  }
  return text
}

const encoder = new TextEncoder()

/** The UTF-8 bytes of {@link canonicalJson}. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return encoder.encode(canonicalJson(value))
}
