import { describe, expect, it } from 'vitest'
import { bytesToNumberBE, randomBytes } from '@noble/curves/utils.js'
import { Sm2Point, sm2GeneratePrivateKey, sm2GetPublicKey, sm2Sign, sm2Verify } from './sm2.js'
import { buildWindowTable, mulAddX, mulPlusX, oddMultiples, strausX } from './sm2-tables.js'

const N = Sm2Point.Fn.ORDER
const G = Sm2Point.BASE
const randomScalar = () => bytesToNumberBE(randomBytes(32)) % N

describe('sm2 window tables against @noble/curves (the reference walk)', () => {
  const key = Sm2Point.fromBytes(sm2GetPublicKey(sm2GeneratePrivateKey()))
  const tables = [4, 5, 6].map((bits) => ({
    bits,
    g: buildWindowTable(G.toAffine(), bits),
    p: buildWindowTable(key.toAffine(), bits),
  }))

  it('computes s·G + t·P as noble does, for random and edge scalars', () => {
    const edges = [0n, 1n, 2n, 15n, 16n, 31n, 32n, N - 1n, N - 2n, (1n << 255n) - 1n, N >> 1n]
    const pairs: [bigint, bigint][] = edges.flatMap((s) =>
      edges.map((t): [bigint, bigint] => [s, t]),
    )
    for (let i = 0; i < 40; i++) pairs.push([randomScalar(), randomScalar()])
    const gOdd = oddMultiples(G.toAffine(), 7)
    const pOdd = oddMultiples(key.toAffine(), 5)
    for (const [s, t] of pairs) {
      const sum = G.multiplyUnsafe(s).add(key.multiplyUnsafe(t))
      const expected = sum.is0() ? undefined : sum.x
      for (const { g, p } of tables) expect(mulAddX(s, g, t, p)).toBe(expected)
      expect(strausX(s, gOdd, 7, t, pOdd, 5)).toBe(expected)
    }
  })

  it('meets the point at infinity and doubling inside the walk', () => {
    const { g } = tables[0]!
    // s·G + (n − s)·G = O, and s·G + s·G = 2s·G (the accumulator adds a point equal to itself).
    for (const s of [1n, 7n, randomScalar()]) {
      expect(mulAddX(s, g, N - s, g)).toBeUndefined()
      expect(mulAddX(s, g, s, g)).toBe(G.multiplyUnsafe((2n * s) % N).x)
      expect(mulPlusX(s, g, G.multiplyUnsafe(N - s).toAffine())).toBeUndefined()
      const gOdd = oddMultiples(G.toAffine(), 5)
      expect(strausX(s, gOdd, 5, N - s, gOdd, 5)).toBeUndefined()
      expect(strausX(s, gOdd, 5, s, gOdd, 5)).toBe(G.multiplyUnsafe((2n * s) % N).x)
      expect(mulPlusX(s, g, G.multiplyUnsafe(s).toAffine())).toBe(G.multiplyUnsafe((2n * s) % N).x)
    }
  })

  it('verifies through the table path exactly as through the cold path', () => {
    const d = sm2GeneratePrivateKey()
    const publicKey = sm2GetPublicKey(d)
    const message = new TextEncoder().encode('table path')
    const signatures = Array.from({ length: 6 }, (_, i) =>
      sm2Sign(message, d, { userId: `id-${i}` }),
    )
    for (let round = 0; round < 3; round++) {
      signatures.forEach((signature, i) => {
        expect(sm2Verify(signature, message, publicKey, { userId: `id-${i}` })).toBe(true)
        expect(sm2Verify(signature, message, publicKey, { userId: `id-${i + 1}` })).toBe(false)
        const tampered = signature.slice()
        tampered[63] = tampered[63]! ^ 1
        expect(sm2Verify(tampered, message, publicKey, { userId: `id-${i}` })).toBe(false)
      })
    }
  })
})
