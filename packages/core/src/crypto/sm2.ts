// SM2 digital signatures, GB/T 32918.2-2016 (GM/T 0003.2-2012), over the recommended curve
// sm2p256v1 (GB/T 32918.5) with SM3 as the hash. Node 20's OpenSSL cannot pass the user ID, so
// its "SM2" is ECDSA on the SM2 curve and does not interoperate; this module is the pure version.
import {
  weierstrass,
  type WeierstrassOpts,
  type WeierstrassPoint,
} from '@noble/curves/abstract/weierstrass.js'
import { bytesToNumberBE, numberToBytesBE, randomBytes } from '@noble/curves/utils.js'
import {
  buildWindowTable,
  mulAddX,
  oddMultiples,
  strausX,
  type AffinePoint,
  type WindowTable,
} from './sm2-tables.js'
import { sm3 } from './sm3.js'

/** The default distinguishing identifier of GM/T 0009-2012 §10, used when none is agreed. */
export const SM2_DEFAULT_USER_ID = '1234567812345678'

const CURVE: WeierstrassOpts<bigint> = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  h: 1n,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
}

/** The sm2p256v1 point group. */
export const Sm2Point = weierstrass(CURVE)
type Point = WeierstrassPoint<bigint>

const N = CURVE.n
const encoder = new TextEncoder()

function mod(a: bigint, m: bigint): bigint {
  const r = a % m
  return r >= 0n ? r : r + m
}

function invert(a: bigint, m: bigint): bigint {
  // Extended Euclid; `a` is never 0 mod m here (1 + d with d < n - 1).
  let [oldR, r] = [mod(a, m), m]
  let [oldS, s] = [1n, 0n]
  while (r !== 0n) {
    const q = oldR / r
    ;[oldR, r] = [r, oldR - q * r]
    ;[oldS, s] = [s, oldS - q * s]
  }
  return mod(oldS, m)
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

function userIdBytes(userId: string | Uint8Array): Uint8Array {
  const bytes = typeof userId === 'string' ? encoder.encode(userId) : userId
  // ENTL is a 16-bit count of bits (§5.5), so the ID is at most 8191 bytes.
  if (bytes.length > 8191) throw new RangeError('SM2 user ID longer than 8191 bytes')
  return bytes
}

const CURVE_BYTES = concat(
  numberToBytesBE(CURVE.a, 32),
  numberToBytesBE(CURVE.b, 32),
  numberToBytesBE(CURVE.Gx, 32),
  numberToBytesBE(CURVE.Gy, 32),
)

/** Z_A = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), GB/T 32918.2 §5.5. */
function computeZa(point: Point, userId: string | Uint8Array): Uint8Array {
  const id = userIdBytes(userId)
  const bits = id.length * 8
  return sm3(
    concat(
      new Uint8Array([bits >>> 8, bits & 0xff]),
      id,
      CURVE_BYTES,
      numberToBytesBE(point.x, 32),
      numberToBytesBE(point.y, 32),
    ),
  )
}

interface CachedKey {
  readonly point: Point
  readonly za: Map<string, Uint8Array>
  uses: number
  multiples?: readonly AffinePoint[]
  table?: WindowTable
  /** Signatures (e, r, s) this key was seen to verify: a pure result, so never computed twice. */
  readonly verified: Set<string>
}

// Verifiers see the same few public keys again and again. Decoding a point and computing Z_A
// cost a third of a verification, so recent keys are remembered. s·G + t·P is computed with
// sm2-tables.ts (Jacobian coordinates, a = −3, mixed additions of affine points): for a key seen
// a few times by Straus–Shamir over width-w NAFs (one shared doubling chain; ~2.3× fewer field
// products than @noble/curves' generic complete formulas), and once a key is in steady use with
// signed-window tables of the generator and the key (one mixed addition per window and no
// doubling; tables cost ~10–20 ms and ~50–100 kB once each, worth it after about ten uses).
// The same signature also comes back (a credential or a trust list in every bill's bundle): a key
// remembers the last few it verified, by digest e and (r, s), so those cost one SM3 hash.
const keyCache = new Map<string, CachedKey>()
const KEY_CACHE_LIMIT = 32
const TABLE_AFTER_USES = 16
const KEY_TABLE_BITS = 4
const VERIFIED_PER_KEY = 512
const BASE_TABLE_BITS = 6
const BASE_NAF_WIDTH = 7
const KEY_NAF_WIDTH = 5
let baseTable: WindowTable | undefined
let baseMultiples: readonly AffinePoint[] | undefined

function toHexKey(bytes: Uint8Array): string {
  let hex = ''
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return hex
}

function cachedKey(publicKey: Uint8Array): CachedKey {
  const hex = toHexKey(publicKey)
  let entry = keyCache.get(hex)
  if (!entry) {
    // fromBytes checks that the point is on the curve and not the identity.
    const point = Sm2Point.fromBytes(publicKey)
    point.assertValidity()
    entry = { point, za: new Map(), uses: 0, verified: new Set() }
    if (keyCache.size >= KEY_CACHE_LIMIT) {
      const oldest = keyCache.keys().next().value
      if (oldest !== undefined) keyCache.delete(oldest)
    }
    keyCache.set(hex, entry)
  }
  return entry
}

function zaFor(entry: CachedKey, userId: string | Uint8Array): Uint8Array {
  if (typeof userId !== 'string') return computeZa(entry.point, userId)
  let za = entry.za.get(userId)
  if (!za) {
    za = computeZa(entry.point, userId)
    entry.za.set(userId, za)
  }
  return za
}

/** Options of {@link sm2Sign} and {@link sm2Verify}. */
export interface Sm2Options {
  /** The signer's distinguishing identifier; defaults to {@link SM2_DEFAULT_USER_ID}. */
  readonly userId?: string | Uint8Array
}

/** Z_A of a public key (uncompressed or compressed SEC1 bytes) for a user ID. */
export function sm2ComputeZa(
  publicKey: Uint8Array,
  userId: string | Uint8Array = SM2_DEFAULT_USER_ID,
): Uint8Array {
  return computeZa(Sm2Point.fromBytes(publicKey), userId)
}

/** Generates a random SM2 private key: 32 bytes, a scalar in [1, n − 2]. */
export function sm2GeneratePrivateKey(): Uint8Array {
  for (;;) {
    const d = bytesToNumberBE(randomBytes(32))
    if (d >= 1n && d <= N - 2n) return numberToBytesBE(d, 32)
  }
}

function privateScalar(privateKey: Uint8Array): bigint {
  if (privateKey.length !== 32) throw new RangeError('SM2 private key must be 32 bytes')
  const d = bytesToNumberBE(privateKey)
  // §6.1: d ∈ [1, n − 2], so that 1 + d is invertible mod n.
  if (d < 1n || d > N - 2n) throw new RangeError('SM2 private key out of range')
  return d
}

/** The public key of an SM2 private key, as SEC1 bytes (65 bytes uncompressed by default). */
export function sm2GetPublicKey(privateKey: Uint8Array, isCompressed = false): Uint8Array {
  return Sm2Point.BASE.multiply(privateScalar(privateKey)).toBytes(isCompressed)
}

/**
 * Signs a message with SM2 (GB/T 32918.2 §6.1): e = SM3(Z_A ‖ M), returns r ‖ s (64 bytes).
 * `publicKey` (the key's own, SEC1) saves deriving it and Z_A again for each signature; a wrong
 * one only yields signatures that do not verify. `k` fixes the per-signature secret and exists only
 * for the standard's known-answer tests; never pass it otherwise.
 */
export function sm2Sign(
  message: Uint8Array,
  privateKey: Uint8Array,
  {
    userId = SM2_DEFAULT_USER_ID,
    k: fixedK,
    publicKey,
  }: Sm2Options & { readonly k?: Uint8Array; readonly publicKey?: Uint8Array } = {},
): Uint8Array {
  const d = privateScalar(privateKey)
  const za = publicKey
    ? zaFor(cachedKey(publicKey), userId)
    : computeZa(Sm2Point.BASE.multiply(d), userId)
  const e = bytesToNumberBE(sm3(concat(za, message)))
  const dInverse = invert(1n + d, N)
  for (;;) {
    const k = fixedK ? bytesToNumberBE(fixedK) : bytesToNumberBE(randomBytes(32))
    if (k < 1n || k >= N) {
      if (fixedK) throw new RangeError('k out of range')
      continue
    }
    const x1 = Sm2Point.BASE.multiply(k).x
    const r = mod(e + x1, N)
    if (r === 0n || r + k === N) {
      if (fixedK) throw new RangeError('k gives r = 0 or r + k = n')
      continue
    }
    const s = mod(dInverse * (k - r * d), N)
    if (s === 0n) {
      if (fixedK) throw new RangeError('k gives s = 0')
      continue
    }
    return concat(numberToBytesBE(r, 32), numberToBytesBE(s, 32))
  }
}

/**
 * Verifies an SM2 signature r ‖ s (64 bytes) over a message (GB/T 32918.2 §7.1). All inputs
 * are hostile: any malformed signature or key gives `false`, never an exception.
 */
export function sm2Verify(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
  { userId = SM2_DEFAULT_USER_ID }: Sm2Options = {},
): boolean {
  if (signature.length !== 64) return false
  const r = bytesToNumberBE(signature.subarray(0, 32))
  const s = bytesToNumberBE(signature.subarray(32))
  if (r < 1n || r >= N || s < 1n || s >= N) return false
  const t = mod(r + s, N)
  if (t === 0n) return false
  let entry: CachedKey
  let za: Uint8Array
  try {
    entry = cachedKey(publicKey)
    za = zaFor(entry, userId)
  } catch {
    return false
  }
  const e = bytesToNumberBE(sm3(concat(za, message)))
  const seen = `${e.toString(16)}:${r.toString(16)}:${s.toString(16)}`
  if (entry.verified.has(seen)) return true
  entry.uses++
  let x: bigint | undefined
  if (entry.uses >= TABLE_AFTER_USES) {
    baseTable ??= buildWindowTable({ x: CURVE.Gx, y: CURVE.Gy }, BASE_TABLE_BITS)
    entry.table ??= buildWindowTable(entry.point.toAffine(), KEY_TABLE_BITS)
    x = mulAddX(s, baseTable, t, entry.table)
  } else {
    baseMultiples ??= oddMultiples({ x: CURVE.Gx, y: CURVE.Gy }, BASE_NAF_WIDTH)
    entry.multiples ??= oddMultiples(entry.point.toAffine(), KEY_NAF_WIDTH)
    x = strausX(s, baseMultiples, BASE_NAF_WIDTH, t, entry.multiples, KEY_NAF_WIDTH)
  }
  if (x === undefined || mod(e + x, N) !== r) return false
  if (entry.verified.size >= VERIFIED_PER_KEY)
    entry.verified.delete(entry.verified.values().next().value!)
  entry.verified.add(seen)
  return true
}
