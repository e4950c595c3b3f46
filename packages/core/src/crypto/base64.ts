const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

function table(alphabet: string): Int8Array {
  const t = new Int8Array(128).fill(-1)
  for (let i = 0; i < alphabet.length; i++) t[alphabet.charCodeAt(i)] = i
  return t
}
const STANDARD_TABLE = table(STANDARD)
const URL_SAFE_TABLE = table(URL_SAFE)

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = ''
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    out +=
      alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + alphabet[n & 63]!
  }
  const rest = bytes.length - i
  if (rest === 1) {
    const n = bytes[i]! << 16
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + (pad ? '==' : '')
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8)
    out +=
      alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + (pad ? '=' : '')
  }
  return out
}

/**
 * The length of `text` without its padding, or undefined where the padding or the length is
 * wrong: a padded text is whole groups of four, and no text ends in a lone character.
 */
function significantLength(text: string, pad: boolean): number | undefined {
  let end = text.length
  if (pad) {
    if (end % 4 !== 0) return undefined
    // At most two '=', and only at the end: any other '=' is outside the alphabet.
    if (end > 0 && text.charCodeAt(end - 1) === 0x3d)
      end -= text.charCodeAt(end - 2) === 0x3d ? 2 : 1
  }
  return end % 4 === 1 ? undefined : end
}

// Strict decoding matters for tamper evidence: a lenient decoder maps several texts to the same
// bytes (non-zero trailing bits, missing padding), so a changed character could go unnoticed.
// The verifier decodes every JWS part and proof hash of a bundle, so this reads the text in
// place (no sliced copies) and checks each group of four characters at once.
function decode(text: string, t: Int8Array, pad: boolean): Uint8Array | undefined {
  const end = significantLength(text, pad)
  if (end === undefined) return undefined
  const rest = end % 4
  const full = end - rest
  const out = new Uint8Array((full / 4) * 3 + (rest > 0 ? rest - 1 : 0))
  let o = 0
  for (let i = 0; i < full; i += 4) {
    const a = text.charCodeAt(i)
    const b = text.charCodeAt(i + 1)
    const c = text.charCodeAt(i + 2)
    const d = text.charCodeAt(i + 3)
    // A code above 127 is outside every alphabet; below it, the table marks outsiders with -1.
    if ((a | b | c | d) > 127) return undefined
    const va = t[a]!
    const vb = t[b]!
    const vc = t[c]!
    const vd = t[d]!
    if ((va | vb | vc | vd) < 0) return undefined
    const n = (va << 18) | (vb << 12) | (vc << 6) | vd
    out[o] = n >> 16
    out[o + 1] = (n >> 8) & 0xff
    out[o + 2] = n & 0xff
    o += 3
  }
  if (rest > 0) {
    const a = text.charCodeAt(full)
    const b = text.charCodeAt(full + 1)
    const c = rest === 3 ? text.charCodeAt(full + 2) : 0x41 // 'A', the zero digit
    if ((a | b | c) > 127 || (t[a]! | t[b]! | t[c]!) < 0) return undefined
    const n = (t[a]! << 18) | (t[b]! << 12) | (t[c]! << 6)
    // The bits below the last whole byte must be zero, or two texts would decode alike.
    if ((rest === 2 ? n & 0xffff : n & 0xff) !== 0) return undefined
    out[o++] = n >> 16
    if (rest === 3) out[o++] = (n >> 8) & 0xff
  }
  return out
}

// Node's Buffer codes base64 natively (several times the JS loop's speed on a JWS payload), but
// leniently: it skips characters outside the alphabet, reads both alphabets and ignores trailing
// bits. Checking the text first (`isCanonicalText`) makes it exactly as strict as `decode` above.
// Browsers, without Buffer, keep the loop.
type NativeBytes = Uint8Array & { toString(encoding: 'base64' | 'base64url'): string }
interface NativeBase64 {
  from(text: string, encoding: 'base64' | 'base64url'): NativeBytes
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): NativeBytes
}
const native = (globalThis as { Buffer?: NativeBase64 }).Buffer

// Below about a hundred characters (a hash, a signature, a key) the loop is faster than the
// native round trip, whose two calls and Buffer allocation cost more than the decoding.
const SHORT_TEXT = 100

function nativeDecode(text: string, encoding: 'base64' | 'base64url'): Uint8Array | undefined {
  if (text.length <= SHORT_TEXT)
    return encoding === 'base64'
      ? decode(text, STANDARD_TABLE, true)
      : decode(text, URL_SAFE_TABLE, false)
  if (!isCanonicalText(text, encoding)) return undefined
  const bytes = native!.from(text, encoding)
  // A plain view (no copy): callers compare and hash Uint8Arrays, never Buffers.
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

const STANDARD_TEXT = /^[A-Za-z0-9+/]*={0,2}$/
const URL_SAFE_TEXT = /^[A-Za-z0-9_-]*$/

/**
 * Whether `text` is the one canonical encoding of some bytes, the rules `decode` applies: only
 * the alphabet (and for base64 its padding, to a multiple of 4), no lone last character, and
 * zero bits below the last whole byte. Then the lenient native decoder reads it as `decode` does,
 * with no re-encoding to compare.
 */
function isCanonicalText(text: string, encoding: 'base64' | 'base64url'): boolean {
  const isStandard = encoding === 'base64'
  if (!(isStandard ? STANDARD_TEXT : URL_SAFE_TEXT).test(text)) return false
  const end = significantLength(text, isStandard)
  if (end === undefined) return false
  const rest = end % 4
  if (rest === 0) return true
  const last = (isStandard ? STANDARD_TABLE : URL_SAFE_TABLE)[text.charCodeAt(end - 1)]!
  return (last & (rest === 2 ? 0x0f : 0x03)) === 0
}

/** The portable codecs, for platforms without a native one and to test the native path against. */
export const portableBase64 = {
  toBase64: (bytes: Uint8Array) => encode(bytes, STANDARD, true),
  fromBase64: (text: string) => decode(text, STANDARD_TABLE, true),
  toBase64Url: (bytes: Uint8Array) => encode(bytes, URL_SAFE, false),
  fromBase64Url: (text: string) => decode(text, URL_SAFE_TABLE, false),
}

const nativeEncode = (bytes: Uint8Array, encoding: 'base64' | 'base64url') =>
  native!.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding)

/** Standard padded base64 (RFC 4648 §4), as signed notes and checkpoints use. */
export const toBase64: (bytes: Uint8Array) => string = native
  ? (bytes) => nativeEncode(bytes, 'base64')
  : portableBase64.toBase64

/**
 * Decodes standard padded base64 strictly (canonical padding and zero trailing bits), or returns
 * `undefined`. Input is untrusted; this never throws.
 */
export const fromBase64: (text: string) => Uint8Array | undefined = native
  ? (text) => nativeDecode(text, 'base64')
  : portableBase64.fromBase64

/** Unpadded base64url (RFC 4648 §5), as JWS uses. */
export const toBase64Url: (bytes: Uint8Array) => string = native
  ? (bytes) => nativeEncode(bytes, 'base64url')
  : portableBase64.toBase64Url

/** Decodes unpadded base64url strictly, or returns `undefined`. Never throws. */
export const fromBase64Url: (text: string) => Uint8Array | undefined = native
  ? (text) => nativeDecode(text, 'base64url')
  : portableBase64.fromBase64Url
