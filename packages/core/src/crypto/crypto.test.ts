import { describe, expect, it } from 'vitest'
import {
  canonicalJson,
  generateSigningKeyPair,
  sha256Hex,
  signCompactJws,
  verifyCompactJws,
} from './index.js'

describe('canonicalJson', () => {
  it('sorts keys and normalises numbers as RFC 8785 does', () => {
    expect(canonicalJson({ b: 1, a: [1e21, 0.1, 'é'] })).toBe('{"a":[1e+21,0.1,"é"],"b":1}')
  })
})

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 "abc" vector', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
  })
})

describe('compact JWS', () => {
  for (const alg of ['EdDSA', 'ES256'] as const) {
    it(`signs and verifies with ${alg}, and rejects a changed payload`, async () => {
      const key = await generateSigningKeyPair({ alg })
      const jws = await signCompactJws({
        payload: new TextEncoder().encode('{"x":1}'),
        privateJwk: key.privateJwk,
        alg,
        kid: key.kid,
      })
      const payload = await verifyCompactJws(jws, key.publicJwk)
      expect(new TextDecoder().decode(payload)).toBe('{"x":1}')
      const [h, , s] = jws.split('.')
      const forged = `${h}.${Buffer.from('{"x":2}').toString('base64url')}.${s}`
      await expect(verifyCompactJws(forged, key.publicJwk)).rejects.toMatchObject({
        code: 'CRYPTO_JWS_INVALID',
      })
    })
  }

  it('remembers imported public keys by their members, never confusing two keys', async () => {
    const [one, other] = await Promise.all([
      generateSigningKeyPair({ alg: 'ES256' }),
      generateSigningKeyPair({ alg: 'ES256' }),
    ])
    const payload = new TextEncoder().encode('{"x":1}')
    const jws = await signCompactJws({ payload, privateJwk: one.privateJwk, alg: 'ES256' })
    // Fresh copies of the JWK, as each bundle parses its own: the cached import answers.
    for (let i = 0; i < 3; i++) {
      await expect(verifyCompactJws(jws, { ...one.publicJwk })).resolves.toEqual(payload)
      await expect(verifyCompactJws(jws, { ...other.publicJwk })).rejects.toMatchObject({
        code: 'CRYPTO_JWS_INVALID',
      })
    }
    // The same x with another y is another key (here not on the curve): never the cached one.
    const otherY = { ...one.publicJwk, y: other.publicJwk.y }
    await expect(verifyCompactJws(jws, otherY)).rejects.toMatchObject({
      code: expect.stringMatching(/^CRYPTO_(KEY|JWS)_INVALID$/) as unknown,
    })
  })

  it('refuses alg none', async () => {
    const key = await generateSigningKeyPair()
    const header = Buffer.from('{"alg":"none"}').toString('base64url')
    await expect(verifyCompactJws(`${header}.e30.`, key.publicJwk)).rejects.toMatchObject({
      code: 'CRYPTO_ALG_NOT_ALLOWED',
    })
  })
})
