import { ed25519 } from '@noble/curves/ed25519.js'
import { describe, expect, it } from 'vitest'
import { initEd25519Verifier, signEd25519, ed25519PublicKey, verifyEd25519 } from './ed25519.js'
import { createStrictEd25519Verifier, hasStrictEd25519Encoding } from './ed25519-strict.js'
import { ED25519_EDGE_CASES } from './fixtures/ed25519-edge-cases.js'

const hex = (s: string) => Uint8Array.from(s.match(/../g)!, (b) => parseInt(b, 16))
const cases = ED25519_EDGE_CASES.map((v) => ({
  ...v,
  args: [hex(v.sig), new TextEncoder().encode(v.msg), hex(v.key)] as const,
}))

// A verifier as permissive as OpenSSL about small-order points (ZIP 215 is more so).
const permissive = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => {
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: true })
  } catch {
    return false
  }
}

describe('createStrictEd25519Verifier', () => {
  it('makes a permissive verifier accept exactly what libsodium accepts (C2SP CCTV edge cases)', async () => {
    const pureJs = cases.map((c) => verifyEd25519(...c.args))
    await initEd25519Verifier()
    const strict = createStrictEd25519Verifier(permissive)
    for (const c of cases) {
      expect([c.number, verifyEd25519(...c.args)]).toEqual([c.number, c.libsodium])
      expect([c.number, strict(...c.args)]).toEqual([c.number, c.libsodium])
    }
    // The pure-JS fallback refuses the same, and the checks are what makes the difference.
    expect(pureJs).toEqual(cases.map((c) => c.libsodium))
    expect(cases.filter((c) => permissive(...c.args) && !c.libsodium).length).toBeGreaterThan(5)
  })

  it('refuses a non-canonical S and reads a throwing verifier as false', () => {
    const seed = new Uint8Array(32).fill(5)
    const message = new TextEncoder().encode('landsea')
    const signature = signEd25519(message, seed)
    const publicKey = ed25519PublicKey(seed)
    expect(hasStrictEd25519Encoding(signature, publicKey)).toBe(true)
    // S + L: the same scalar mod L, which a lenient verifier would accept.
    const order = hex('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010')
    const malleable = signature.slice()
    for (let i = 0, carry = 0; i < 32; i++) {
      const sum = malleable[32 + i]! + order[i]! + carry
      malleable[32 + i] = sum & 0xff
      carry = sum >> 8
    }
    expect(hasStrictEd25519Encoding(malleable, publicKey)).toBe(false)
    expect(createStrictEd25519Verifier(() => true)(malleable, message, publicKey)).toBe(false)
    const throwing = createStrictEd25519Verifier(() => {
      throw new Error('boom')
    })
    expect(throwing(signature, message, publicKey)).toBe(false)
    expect(createStrictEd25519Verifier(permissive)(signature, message, publicKey)).toBe(true)
    expect(hasStrictEd25519Encoding(signature.subarray(1), publicKey)).toBe(false)
  })
})
