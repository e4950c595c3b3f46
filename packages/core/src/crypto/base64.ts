const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

function table(alphabet: string): Int16Array {
  const t = new Int16Array(128).fill(-1)
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

const lookup = (t: Int16Array, c: number) => (c < 128 ? t[c]! : -1)

// Strict decoding matters for tamper evidence: a lenient decoder maps several texts to the same
// bytes (non-zero trailing bits, missing padding), so a changed character could go unnoticed.
function decode(text: string, t: Int16Array, pad: boolean): Uint8Array | undefined {
  let body = text
  if (pad) {
    if (text.length % 4 !== 0) return undefined
    if (text.endsWith('==')) body = text.slice(0, -2)
    else if (text.endsWith('=')) body = text.slice(0, -1)
  }
  if (body.length % 4 === 1) return undefined
  const out = new Uint8Array(Math.floor((body.length * 3) / 4))
  let o = 0
  let i = 0
  // Four characters make three bytes; a character outside the alphabet makes the sum negative.
  for (; i + 4 <= body.length; i += 4) {
    const a = lookup(t, body.charCodeAt(i))
    const b = lookup(t, body.charCodeAt(i + 1))
    const c = lookup(t, body.charCodeAt(i + 2))
    const d = lookup(t, body.charCodeAt(i + 3))
    if ((a | b | c | d) < 0) return undefined
    const n = (a << 18) | (b << 12) | (c << 6) | d
    out[o++] = n >> 16
    out[o++] = (n >> 8) & 0xff
    out[o++] = n & 0xff
  }
  let acc = 0
  let bits = 0
  for (; i < body.length; i++) {
    const v = lookup(t, body.charCodeAt(i))
    if (v < 0) return undefined
    acc = ((acc << 6) | v) & 0xffffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (acc >> bits) & 0xff
    }
  }
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) return undefined
  return out
}

/** Standard padded base64 (RFC 4648 §4), as signed notes and checkpoints use. */
export function toBase64(bytes: Uint8Array): string {
  return encode(bytes, STANDARD, true)
}

/**
 * Decodes standard padded base64 strictly (canonical padding and zero trailing bits), or returns
 * `undefined`. Input is untrusted; this never throws.
 */
export function fromBase64(text: string): Uint8Array | undefined {
  return decode(text, STANDARD_TABLE, true)
}

/** Unpadded base64url (RFC 4648 §5), as JWS uses. */
export function toBase64Url(bytes: Uint8Array): string {
  return encode(bytes, URL_SAFE, false)
}

/** Decodes unpadded base64url strictly, or returns `undefined`. Never throws. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  return decode(text, URL_SAFE_TABLE, false)
}
