import { canonicalJson, sha256Hex } from '../crypto/index.js'

/**
 * The eventID of an event sent without one (DCSA T&T 2.2 makes it optional): a UUIDv8 (RFC 9562
 * §5.8) made of the first 122 bits of SHA-256 over the event's RFC 8785 JSON, so the same event sent
 * twice is the same event, and ingestion stays idempotent.
 */
export function deriveEventId(event: Readonly<Record<string, unknown>>): string {
  const h = sha256Hex(canonicalJson(event))
  const variant = ((Number.parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
}
