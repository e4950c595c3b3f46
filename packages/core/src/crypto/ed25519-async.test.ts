import { describe, expect, it } from 'vitest'
import { ed25519PublicKey, signEd25519, verifyEd25519 } from './ed25519.js'
import { createDeferredEd25519, createWebCryptoEd25519Verifier } from './ed25519-async.js'
import { ED25519_EDGE_CASES } from './fixtures/ed25519-edge-cases.js'

const hex = (s: string) => Uint8Array.from(s.match(/../g)!, (b) => parseInt(b, 16))
const seed = new Uint8Array(32).fill(9)
const publicKey = ed25519PublicKey(seed)
const message = new TextEncoder().encode('landsea webcrypto')
const signature = signEd25519(message, seed)
const flipped = (bytes: Uint8Array, at: number) => {
  const copy = bytes.slice()
  copy[at] = copy[at]! ^ 1
  return copy
}

describe('createWebCryptoEd25519Verifier', () => {
  it("accepts exactly what libsodium accepts, through the platform's WebCrypto (C2SP CCTV edge cases)", async () => {
    const verify = await createWebCryptoEd25519Verifier()
    // Node 20's WebCrypto has Ed25519, as Chromium's does.
    expect(verify).toBeDefined()
    for (const c of ED25519_EDGE_CASES) {
      const args = [hex(c.sig), new TextEncoder().encode(c.msg), hex(c.key)] as const
      expect([c.number, await verify!(...args)]).toEqual([c.number, c.libsodium])
    }
    expect(await verify!(signature, message, publicKey)).toBe(true)
    expect(await verify!(flipped(signature, 3), message, publicKey)).toBe(false)
    expect(await verify!(signature, flipped(message, 0), publicKey)).toBe(false)
    expect(await verify!(signature.subarray(1), message, publicKey)).toBe(false)
  })
})

describe('createDeferredEd25519', () => {
  it('answers well-formed calls at once and then tells whether each answer was right', async () => {
    const verify = (await createWebCryptoEd25519Verifier())!
    const good = createDeferredEd25519(verify)
    expect(good.optimistic(signature, message, publicKey)).toBe(true)
    expect(good.optimistic(signature, message, publicKey)).toBe(true)
    expect(await good.allValid()).toBe(true)

    const bad = createDeferredEd25519(verify)
    const forged = flipped(signature, 40)
    expect(bad.optimistic(signature, message, publicKey)).toBe(true)
    expect(bad.optimistic(forged, message, publicKey)).toBe(true)
    // Wrong lengths are refused at once, as verifyEd25519 refuses them.
    expect(bad.optimistic(signature.subarray(2), message, publicKey)).toBe(false)
    expect(await bad.allValid()).toBe(false)
    expect(bad.settled(signature, message, publicKey)).toBe(true)
    expect(bad.settled(forged, message, publicKey)).toBe(false)
    // A call the checks did not see goes to the synchronous fallback.
    const other = new TextEncoder().encode('another message')
    const otherSignature = signEd25519(other, seed)
    expect(bad.settled(otherSignature, other, publicKey)).toBe(
      verifyEd25519(otherSignature, other, publicKey),
    )
    expect(bad.settled(otherSignature, message, publicKey)).toBe(false)
  })

  it('checks the message as it was when called, whatever the caller does with its buffer', async () => {
    const deferred = createDeferredEd25519((await createWebCryptoEd25519Verifier())!)
    const buffer = message.slice()
    expect(deferred.optimistic(signature, buffer, publicKey)).toBe(true)
    buffer.fill(0)
    expect(await deferred.allValid()).toBe(true)
  })
})
