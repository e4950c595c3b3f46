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

  it('refuses other alphabets, other bases and absurd lengths', () => {
    for (const bad of ['z0OIl', 'u3q2', 'f00', 42, `z${'1'.repeat(5000)}`]) {
      expect(() => decodeMultibase(bad), String(bad)).toThrow(
        expect.objectContaining({ code: 'IDENTITY_MALFORMED' }),
      )
    }
  })
})
