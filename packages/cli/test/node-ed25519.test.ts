import { createPublicKey, verify } from 'node:crypto'
import {
  ed25519PublicKey,
  initEd25519Verifier,
  signEd25519,
  verifyEd25519,
} from '@landsea/core/crypto'
import { verifyBundle } from '@landsea/core/verify'
import { describe, expect, it } from 'vitest'
import { ED25519_EDGE_CASES } from '../../core/src/crypto/fixtures/ed25519-edge-cases.js'
import { buildSampleBundle } from '../../core/src/verify/fixtures/sample-bundle.js'
import { nodeEd25519Verify, opensslEd25519Verify } from '@landsea/node/crypto'
import { nodeSha256 } from '@landsea/node/crypto'

const hex = (s: string) => Uint8Array.from(s.match(/../g)!, (b) => parseInt(b, 16))

describe('nodeEd25519Verify', () => {
  it('accepts exactly what libsodium accepts, where OpenSSL alone accepts small-order points', async () => {
    await initEd25519Verifier()
    let openSslAlone = 0
    for (const c of ED25519_EDGE_CASES) {
      const [signature, message, publicKey] = [hex(c.sig), Buffer.from(c.msg), hex(c.key)]
      expect([c.number, verifyEd25519(signature, message, publicKey)]).toEqual([
        c.number,
        c.libsodium,
      ])
      expect([c.number, nodeEd25519Verify(signature, message, publicKey)]).toEqual([
        c.number,
        c.libsodium,
      ])
      expect([c.number, opensslEd25519Verify(signature, message, publicKey)]).toEqual([
        c.number,
        c.libsodium,
      ])
      const key = createPublicKey({
        key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
        format: 'jwk',
      })
      if (verify(null, message, key, signature) && !c.libsodium) openSslAlone++
    }
    expect(openSslAlone).toBeGreaterThan(5)

    const seed = new Uint8Array(32).fill(9)
    const message = new TextEncoder().encode('landsea')
    const signature = signEd25519(message, seed)
    expect(nodeEd25519Verify(signature, message, ed25519PublicKey(seed))).toBe(true)
    expect(nodeEd25519Verify(signature, message.subarray(1), ed25519PublicKey(seed))).toBe(false)
    // Not a point on the curve: OpenSSL refuses the key, which reads as false.
    const offCurve = hex('0200000000000000000000000000000000000000000000000000000000000000')
    expect(nodeEd25519Verify(signature, message, offCurve)).toBe(false)
    expect(opensslEd25519Verify(signature, message, offCurve)).toBe(false)
    // Wrong lengths are a refusal, not an exception.
    expect(nodeEd25519Verify(signature.subarray(1), message, ed25519PublicKey(seed))).toBe(false)
    expect(nodeEd25519Verify(signature, message, ed25519PublicKey(seed).subarray(1))).toBe(false)
  })

  it("verifies a bundle as core's default verifier does", async () => {
    const bundle = await buildSampleBundle({ count: 4 })
    const options = { sha256: nodeSha256, ed25519: nodeEd25519Verify }
    expect((await verifyBundle(bundle, options)).ok).toBe(true)
    const jws = bundle.actions[2]!.jws
    const flipped = jws.slice(0, -3) + (jws.at(-3) === 'A' ? 'B' : 'A') + jws.slice(-2)
    const actions = bundle.actions.map((a, i) => (i === 2 ? { ...a, jws: flipped } : a))
    const tampered = await verifyBundle({ ...bundle, actions }, options)
    expect(tampered.firstFailure?.name).toBe('signatures')
    const checkpoint = bundle.checkpoint.replace(
      /\n— (\S+) (\S)/,
      (_, name, c) => `\n— ${name} ${c === 'A' ? 'B' : 'A'}`,
    )
    expect((await verifyBundle({ ...bundle, checkpoint }, options)).firstFailure?.name).toBe(
      'checkpoint',
    )
  })
})
