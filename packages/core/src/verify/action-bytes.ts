import { COMPACT_JWS } from '../ledger/leaf-envelope.js'

/**
 * One action's UTF-8 bytes, encoded once per verification for the three steps that hash or sign
 * them: the `inclusion` step's leaf hash, the `signatures` step's signing input and the
 * `chainLinkage` step's checksum of the JWS (which the next action carries).
 */
export interface ActionBytes {
  /**
   * `0x00 || encodeLeaf({ type: 'ebl-action', body: jws })`: the input of the leaf's RFC 9162
   * §2.1.1 hash, prefix included, so that hashing it needs no copy.
   */
  readonly leafHashInput: Uint8Array
  /** The JWS's own bytes: a view of `leafHashInput`. */
  readonly jws: Uint8Array
}

const encoder = new TextEncoder()
// `\u0000` is the leaf hash prefix 0x00; `{"body":"` puts the JWS at byte 10.
const JWS_OFFSET = 10

/**
 * The bytes of an action's JWS, or undefined when it is not a compact JWS (base64url and dots,
 * which JSON never escapes): then each step encodes it as before. For a compact JWS the leaf is
 * `{"body":"<jws>","type":"ebl-action","v":1}`, byte for byte what `encodeLeaf` writes, and every
 * character is one byte, so the JWS's signing input is its bytes up to its last dot.
 */
export function encodeActionBytes(jws: string): ActionBytes | undefined {
  if (!COMPACT_JWS.test(jws)) return undefined
  const leafHashInput = encoder.encode(`\u0000{"body":"${jws}","type":"ebl-action","v":1}`)
  return { leafHashInput, jws: leafHashInput.subarray(JWS_OFFSET, JWS_OFFSET + jws.length) }
}
