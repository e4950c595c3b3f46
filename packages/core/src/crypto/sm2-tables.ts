// Fast public-scalar multiplication on sm2p256v1 for SM2 verification (s·G + t·P), where
// nothing is secret. Jacobian coordinates with the curve's a = −3 and mixed additions of affine
// points from fixed signed-window tables: a table holds j·2^(W·i)·Q for every window i and
// 1 ≤ j ≤ 2^(W−1), so a multiplication is one mixed addition per window and no doubling. Field
// elements are BigInts kept unreduced between additions and reduced by `% P` after each product;
// only the final x is normalised. @noble/curves still decodes and validates points and signs.

/** The prime of sm2p256v1's field, GB/T 32918.5. */
const P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn

/** An affine point (x, y), coordinates in [0, P). */
export interface AffinePoint {
  readonly x: bigint
  readonly y: bigint
}

/** A signed-window table of a point: `points[i][j − 1]` = j·2^(W·i)·Q. */
export interface WindowTable {
  readonly bits: number
  readonly points: readonly (readonly AffinePoint[])[]
}

// A Jacobian point (X : Y : Z) = (X/Z², Y/Z³); Z ≡ 0 is the point at infinity. Mutable, as an
// accumulator.
interface Jacobian {
  x: bigint
  y: bigint
  z: bigint
}

function reduce(a: bigint): bigint {
  const r = a % P
  return r < 0n ? r + P : r
}

function invert(a: bigint): bigint {
  let [oldR, r] = [reduce(a), P]
  let [oldS, s] = [1n, 0n]
  while (r !== 0n) {
    const q = oldR / r
    ;[oldR, r] = [r, oldR - q * r]
    ;[oldS, s] = [s, oldS - q * s]
  }
  return reduce(oldS)
}

function isZero(a: bigint): boolean {
  return a % P === 0n
}

/** acc ← 2·acc (dbl-2001-b, a = −3: 3M + 5S). */
function double(acc: Jacobian): void {
  const { x, y, z } = acc
  if (isZero(z) || isZero(y)) {
    acc.z = 0n
    return
  }
  const delta = (z * z) % P
  const gamma = (y * y) % P
  const beta = (x * gamma) % P
  const alpha = (3n * (x - delta) * (x + delta)) % P
  const x3 = (alpha * alpha - 8n * beta) % P
  const yz = y + z
  acc.z = (yz * yz - gamma - delta) % P
  acc.y = (alpha * (4n * beta - x3) - ((8n * gamma * gamma) % P)) % P
  acc.x = x3
}

/** acc ← acc + (x2, y2) with (x2, y2) affine (madd-2007-bl: 7M + 4S), any inputs. */
function addAffine(acc: Jacobian, x2: bigint, y2: bigint): void {
  const { x: x1, y: y1, z: z1 } = acc
  if (isZero(z1)) {
    acc.x = x2
    acc.y = y2
    acc.z = 1n
    return
  }
  const z1z1 = (z1 * z1) % P
  const u2 = (x2 * z1z1) % P
  const s2 = (((y2 * z1) % P) * z1z1) % P
  const h = u2 - x1
  const r = 2n * (s2 - y1)
  if (isZero(h)) {
    if (isZero(r)) double(acc)
    else acc.z = 0n
    return
  }
  const hh = (h * h) % P
  const i = 4n * hh
  const j = (h * i) % P
  const v = (x1 * i) % P
  const x3 = (r * r - j - 2n * v) % P
  const zh = z1 + h
  acc.y = (r * (v - x3) - ((2n * y1 * j) % P)) % P
  acc.z = (zh * zh - z1z1 - hh) % P
  acc.x = x3
}

/** Affine forms of Jacobian points with one inversion (Montgomery's trick); none at infinity. */
function toAffineAll(points: readonly Jacobian[]): AffinePoint[] {
  const prefix: bigint[] = []
  let product = 1n
  for (const point of points) {
    prefix.push(product)
    product = (product * point.z) % P
  }
  let inverse = invert(product)
  const out: AffinePoint[] = new Array<AffinePoint>(points.length)
  for (let k = points.length - 1; k >= 0; k--) {
    const point = points[k]!
    const zInverse = (inverse * prefix[k]!) % P
    inverse = (inverse * point.z) % P
    const zz = (zInverse * zInverse) % P
    out[k] = { x: reduce(point.x * zz), y: reduce(((point.y * zz) % P) * zInverse) }
  }
  return out
}

/**
 * Builds the W-bit signed-window table of a point of prime order n (256 bits): ⌈256/W⌉ + 1 windows
 * of 2^(W−1) affine points. Costs about 14 field products a point.
 */
export function buildWindowTable(point: AffinePoint, bits: number): WindowTable {
  const windows = Math.ceil(256 / bits) + 1
  const half = 2 ** (bits - 1)
  const points: AffinePoint[][] = []
  let base = point
  for (let window = 0; window < windows; window++) {
    const row: Jacobian[] = []
    const acc: Jacobian = { x: 0n, y: 0n, z: 0n }
    for (let j = 1; j <= half; j++) {
      addAffine(acc, base.x, base.y)
      row.push({ ...acc })
    }
    const affine = toAffineAll(row)
    points.push(affine)
    if (window + 1 < windows) {
      const next: Jacobian = { ...row[half - 1]! }
      double(next)
      base = toAffineAll([next])[0]!
    }
  }
  return { bits, points }
}

/** acc ← acc + k·Q for 0 ≤ k < 2^256, Q the point of `table`. */
function addMultiple(acc: Jacobian, table: WindowTable, k: bigint): void {
  const { bits, points } = table
  const half = 2 ** (bits - 1)
  const mask = BigInt(2 ** bits - 1)
  const shift = BigInt(bits)
  let rest = k
  let carry = 0
  for (const row of points) {
    let digit = Number(rest & mask) + carry
    rest >>= shift
    carry = 0
    if (digit > half) {
      digit -= 2 * half
      carry = 1
    }
    if (digit > 0) {
      const q = row[digit - 1]!
      addAffine(acc, q.x, q.y)
    } else if (digit < 0) {
      const q = row[-digit - 1]!
      addAffine(acc, q.x, P - q.y)
    }
  }
}

/**
 * The affine x of a·A + b·B (A, B given by their tables), or undefined at infinity. For public
 * scalars only: the time taken depends on them.
 */
export function mulAddX(
  a: bigint,
  tableA: WindowTable,
  b: bigint,
  tableB: WindowTable,
): bigint | undefined {
  const acc: Jacobian = { x: 0n, y: 0n, z: 0n }
  addMultiple(acc, tableA, a)
  addMultiple(acc, tableB, b)
  return affineX(acc)
}

/** The affine x of a·A + B (A by its table, B affine), or undefined at infinity. */
export function mulPlusX(a: bigint, tableA: WindowTable, b: AffinePoint): bigint | undefined {
  const acc: Jacobian = { x: 0n, y: 0n, z: 0n }
  addMultiple(acc, tableA, a)
  addAffine(acc, b.x, b.y)
  return affineX(acc)
}

function affineX(acc: Jacobian): bigint | undefined {
  if (isZero(acc.z)) return undefined
  const zInverse = invert(acc.z)
  return reduce(acc.x * ((zInverse * zInverse) % P))
}

/** The odd multiples Q, 3Q, …, (2^(W−1) − 1)·Q of a point, affine, for a width-W NAF walk. */
export function oddMultiples(point: AffinePoint, width: number): AffinePoint[] {
  const twice: Jacobian = { x: point.x, y: point.y, z: 1n }
  double(twice)
  if (isZero(twice.z)) return [point]
  const step = toAffineAll([twice])[0]!
  const acc: Jacobian = { x: point.x, y: point.y, z: 1n }
  const multiples: Jacobian[] = [{ ...acc }]
  for (let k = 1; k < 2 ** (width - 2); k++) {
    addAffine(acc, step.x, step.y)
    if (isZero(acc.z)) break
    multiples.push({ ...acc })
  }
  return toAffineAll(multiples)
}

/** The width-W non-adjacent form of k ≥ 0, least significant digit first. */
function wnaf(k: bigint, width: number): Int16Array {
  const digits = new Int16Array(258)
  const modulus = 2 ** width
  const mask = BigInt(modulus - 1)
  let rest = k
  for (let i = 0; rest > 0n; i++) {
    if (rest & 1n) {
      let digit = Number(rest & mask)
      if (digit >= modulus / 2) digit -= modulus
      digits[i] = digit
      rest -= BigInt(digit)
    }
    rest >>= 1n
  }
  return digits
}

function addDigit(acc: Jacobian, multiples: readonly AffinePoint[], digit: number): void {
  if (digit > 0) {
    const q = multiples[(digit - 1) >> 1]!
    addAffine(acc, q.x, q.y)
  } else if (digit < 0) {
    const q = multiples[(-digit - 1) >> 1]!
    addAffine(acc, q.x, P - q.y)
  }
}

/**
 * The affine x of a·A + b·B by Straus–Shamir: one doubling chain shared by both scalars' width-W
 * NAFs (`multiplesA` and `multiplesB` from {@link oddMultiples}), or undefined at infinity. For a
 * point without a table; public scalars only.
 */
export function strausX(
  a: bigint,
  multiplesA: readonly AffinePoint[],
  widthA: number,
  b: bigint,
  multiplesB: readonly AffinePoint[],
  widthB: number,
): bigint | undefined {
  const nafA = wnaf(a, widthA)
  const nafB = wnaf(b, widthB)
  const acc: Jacobian = { x: 0n, y: 0n, z: 0n }
  let top = nafA.length - 1
  while (top >= 0 && nafA[top] === 0 && nafB[top] === 0) top--
  for (let i = top; i >= 0; i--) {
    if (!isZero(acc.z)) double(acc)
    addDigit(acc, multiplesA, nafA[i]!)
    addDigit(acc, multiplesB, nafB[i]!)
  }
  return affineX(acc)
}
