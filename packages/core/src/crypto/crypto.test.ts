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

  it('refuses alg none', async () => {
    const key = await generateSigningKeyPair()
    const header = Buffer.from('{"alg":"none"}').toString('base64url')
    await expect(verifyCompactJws(`${header}.e30.`, key.publicJwk)).rejects.toMatchObject({
      code: 'CRYPTO_ALG_NOT_ALLOWED',
    })
  })
})
