import { describe, expect, it } from 'vitest'
import { sm3 as independentSm3 } from 'sm-crypto-v2'
import { toHex } from './sha256.js'
import { sm3 } from './sm3.js'

describe('sm3', () => {
  it('matches GB/T 32905-2016 Annex A example 1 ("abc")', () => {
    expect(toHex(sm3('abc'))).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    )
  })

  it('matches GB/T 32905-2016 Annex A example 2 ("abcd" × 16)', () => {
    expect(toHex(sm3('abcd'.repeat(16)))).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    )
  })

  it('agrees with an independent implementation around every padding boundary', () => {
    for (const length of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000]) {
      const message = new Uint8Array(length).map((_, i) => (i * 31 + 7) & 0xff)
      expect(toHex(sm3(message)), `length ${length}`).toBe(independentSm3(message))
    }
  })

  it('agrees with an independent implementation on every length up to three blocks', () => {
    let seed = 0x2545f491
    for (let length = 0; length <= 192; length++) {
      const message = new Uint8Array(length).map(() => {
        seed = (Math.imul(seed, 1103515245) + 12345) | 0
        return seed >>> 24
      })
      expect(toHex(sm3(message)), `length ${length}`).toBe(independentSm3(message))
    }
    const long = new Uint8Array(5000).map((_, i) => (i * 131 + 17) & 0xff)
    expect(toHex(sm3(long))).toBe(independentSm3(long))
  })

  it('hashes a subarray view by its own bytes only', () => {
    const buffer = new Uint8Array([0, 0x61, 0x62, 0x63, 0])
    expect(toHex(sm3(buffer.subarray(1, 4)))).toBe(toHex(sm3('abc')))
  })
})
