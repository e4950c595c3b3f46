// SM3 cryptographic hash, GB/T 32905-2016 (GM/T 0004-2012). Written here because Node's built-in
// `sm3` is not available in the browser and no small browser-safe package provides it.

const IV = new Uint32Array([
  0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e,
])

/** T_j rotated left by j mod 32, precomputed (GB/T 32905 §5.3.3). */
const ROTATED_T = new Uint32Array(64)
for (let j = 0; j < 64; j++) {
  ROTATED_T[j] = rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32)
}

function rotl(x: number, n: number): number {
  return ((x << n) | (x >>> (32 - n))) >>> 0
}

function p0(x: number): number {
  return (x ^ rotl(x, 9) ^ rotl(x, 17)) >>> 0
}

function p1(x: number): number {
  return (x ^ rotl(x, 15) ^ rotl(x, 23)) >>> 0
}

const W = new Uint32Array(68)
const W1 = new Uint32Array(64)

function compress(v: Uint32Array, block: DataView, offset: number): void {
  for (let j = 0; j < 16; j++) W[j] = block.getUint32(offset + j * 4)
  for (let j = 16; j < 68; j++) {
    W[j] = p1(W[j - 16]! ^ W[j - 9]! ^ rotl(W[j - 3]!, 15)) ^ rotl(W[j - 13]!, 7) ^ W[j - 6]!
  }
  for (let j = 0; j < 64; j++) W1[j] = W[j]! ^ W[j + 4]!
  let a = v[0]!
  let b = v[1]!
  let c = v[2]!
  let d = v[3]!
  let e = v[4]!
  let f = v[5]!
  let g = v[6]!
  let h = v[7]!
  for (let j = 0; j < 64; j++) {
    const a12 = rotl(a, 12)
    const ss1 = rotl((a12 + e + ROTATED_T[j]!) >>> 0, 7)
    const ss2 = (ss1 ^ a12) >>> 0
    const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c)
    const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g)
    const tt1 = (ff + d + ss2 + W1[j]!) >>> 0
    const tt2 = (gg + h + ss1 + W[j]!) >>> 0
    d = c
    c = rotl(b, 9)
    b = a
    a = tt1
    h = g
    g = rotl(f, 19)
    f = e
    e = p0(tt2)
  }
  v[0] = v[0]! ^ a
  v[1] = v[1]! ^ b
  v[2] = v[2]! ^ c
  v[3] = v[3]! ^ d
  v[4] = v[4]! ^ e
  v[5] = v[5]! ^ f
  v[6] = v[6]! ^ g
  v[7] = v[7]! ^ h
}

const encoder = new TextEncoder()

/** SM3 digest (32 bytes) of bytes, or of the UTF-8 bytes of a string. */
export function sm3(input: string | Uint8Array): Uint8Array {
  const message = typeof input === 'string' ? encoder.encode(input) : input
  const fullBlocks = Math.floor(message.length / 64)
  // §5.2 padding: 0x80, zeros, then the message length in bits as a 64-bit big-endian integer.
  const tailLength = message.length - fullBlocks * 64 < 56 ? 64 : 128
  const tail = new Uint8Array(tailLength)
  tail.set(message.subarray(fullBlocks * 64))
  tail[message.length - fullBlocks * 64] = 0x80
  const tailView = new DataView(tail.buffer)
  const bitLength = message.length * 8
  tailView.setUint32(tailLength - 8, Math.floor(bitLength / 2 ** 32))
  tailView.setUint32(tailLength - 4, bitLength >>> 0)

  const v = new Uint32Array(IV)
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength)
  for (let i = 0; i < fullBlocks; i++) compress(v, view, i * 64)
  for (let offset = 0; offset < tailLength; offset += 64) compress(v, tailView, offset)

  const out = new Uint8Array(32)
  const outView = new DataView(out.buffer)
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, v[i]!)
  return out
}
