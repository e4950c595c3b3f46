import { describe, expect, it } from 'vitest'
import { decodeBase58btc, decodeMultibase, encodeBase58btc, encodeMultibase } from './multibase.js'

describe('base58btc and multibase', () => {
  it('matches the draft-msporny-base58 examples', () => {
    expect(encodeBase58btc(new TextEncoder().encode('Hello World!'))).toBe('2NEpo7TZRRrLZSi2U')
    expect(
      encodeBase58btc(new TextEncoder().encode('The quick brown fox jumps over the lazy dog.')),
    ).toBe('USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z')
    expect(encodeBase58btc(new Uint8Array([0, 0, 0x28, 0x7f, 0xb4, 0xcd]))).toBe('11233QC4')
  })

  it('round-trips, keeping leading zero bytes', () => {
    for (const bytes of [
      new Uint8Array([]),
      new Uint8Array([0]),
      new Uint8Array([0, 0, 1, 255]),
      crypto.getRandomValues(new Uint8Array(64)),
    ]) {
      expect(decodeBase58btc(encodeBase58btc(bytes))).toEqual(bytes)
      expect(decodeMultibase(encodeMultibase(bytes))).toEqual(bytes)
    }
  })

  it('decodes as the number the digits spell, on random texts, and refuses what is not base58', () => {
    const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
    // Reference: the digits as one BigInt, its bytes, one zero byte per leading '1'.
    const reference = (text: string): Uint8Array | undefined => {
      let value = 0n
      for (const char of text) {
        const digit = alphabet.indexOf(char)
        if (digit < 0 || char.length !== 1) return undefined
        value = value * 58n + BigInt(digit)
      }
      const zeros = /^1*/.exec(text)![0].length
      const hex = value === 0n ? '' : value.toString(16)
      const body = (hex.length % 2 ? `0${hex}` : hex).match(/../g) ?? []
      return new Uint8Array([
        ...new Array<number>(zeros).fill(0),
        ...body.map((h) => parseInt(h, 16)),
      ])
    }
    let seed = 7
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return seed % n
    }
    for (let t = 0; t < 5000; t++) {
      let text = '1'.repeat(next(4) === 0 ? next(4) : 0)
      const length = next(100)
      for (let i = 0; i < length; i++) {
        text += next(300) === 0 ? String.fromCharCode(next(400)) : alphabet[next(58)]!
      }
      const expected = reference(text)
      if (expected) expect(decodeBase58btc(text), text).toEqual(expected)
      else expect(() => decodeBase58btc(text), text).toThrow('not base58btc')
    }
  })

  it('refuses other alphabets, other bases and absurd lengths', () => {
    for (const bad of ['z0OIl', 'u3q2', 'f00', 42, `z${'1'.repeat(5000)}`]) {
      expect(() => decodeMultibase(bad), String(bad)).toThrow(
        expect.objectContaining({ code: 'IDENTITY_MALFORMED' }),
      )
    }
  })
})
