import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'

const encoder = new TextEncoder()

/**
 * A one-shot, synchronous SHA-256. Core uses {@link sha256} (pure JS, runs anywhere); a caller on a
 * platform with a native one may pass it instead, e.g. `(data) => hash('sha256', data, 'buffer')`
 * from `node:crypto`.
 */
export type Sha256 = (data: Uint8Array) => Uint8Array

/** SHA-256 of bytes, or of the UTF-8 bytes of a string. */
export function sha256(input: string | Uint8Array): Uint8Array {
  return nobleSha256(typeof input === 'string' ? encoder.encode(input) : input)
}

/** Lower-case hex SHA-256, the checksum form DCSA uses (64 characters, `^[0-9a-f]+$`). */
export function sha256Hex(input: string | Uint8Array, hash: Sha256 = sha256): string {
  return bytesToHex(hash(typeof input === 'string' ? encoder.encode(input) : input))
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return bytesToHex(bytes)
}
