import { describe, expect, it } from 'vitest'
import { base64url } from 'jose'
import { sm2 as independent } from 'sm-crypto-v2'
import { calculateJwkThumbprint } from 'jose'
import { generateSigningKeyPair } from './signing-key.js'
import { readJwsHeader, signCompactJws, verifyCompactJws } from './compact-jws.js'
import { toHex } from './sha256.js'
import { sm2PublicKeyFromJwk } from './sm2-jwk.js'

const payload = new TextEncoder().encode('{"action":"ISSUE"}')

describe('SM2SM3 compact JWS', () => {
  it('generates SM2 keys whose kid is the RFC 7638 thumbprint', async () => {
    const key = await generateSigningKeyPair({ alg: 'SM2SM3' })
    expect(key.publicJwk).toMatchObject({ kty: 'EC', crv: 'SM2', alg: 'SM2SM3', kid: key.kid })
    expect(key.privateJwk.d).toBeTypeOf('string')
    const { kty, crv, x, y } = key.publicJwk
    expect(await calculateJwkThumbprint({ kty, crv, x, y })).toBe(key.kid)
  })

  it('signs and verifies through the same interface as EdDSA and ES256', async () => {
    const key = await generateSigningKeyPair({ alg: 'SM2SM3' })
    const jws = await signCompactJws({
      payload,
      privateJwk: key.privateJwk,
      alg: 'SM2SM3',
      kid: `org#${key.kid}`,
      typ: 'landsea-action+json',
    })
    expect(readJwsHeader(jws)).toEqual({
      alg: 'SM2SM3',
      kid: `org#${key.kid}`,
      typ: 'landsea-action+json',
    })
    expect(await verifyCompactJws(jws, key.publicJwk)).toEqual(payload)
  })

  it('produces signatures an independent SM2 implementation verifies over the signing input', async () => {
    const key = await generateSigningKeyPair({ alg: 'SM2SM3' })
    const jws = await signCompactJws({ payload, privateJwk: key.privateJwk, alg: 'SM2SM3' })
    const [header, body, signature] = jws.split('.') as [string, string, string]
    const publicKeyHex = toHex(sm2PublicKeyFromJwk(key.publicJwk))
    const ok = independent.doVerifySignature(
      `${header}.${body}`,
      toHex(base64url.decode(signature)),
      publicKeyHex,
      { hash: true },
    )
    expect(ok).toBe(true)
  })

  it('rejects a changed payload, a changed signature and a foreign key', async () => {
    const key = await generateSigningKeyPair({ alg: 'SM2SM3' })
    const other = await generateSigningKeyPair({ alg: 'SM2SM3' })
    const jws = await signCompactJws({ payload, privateJwk: key.privateJwk, alg: 'SM2SM3' })
    const [h, , s] = jws.split('.') as [string, string, string]
    const changed = `${h}.${base64url.encode('{"action":"VOID"}')}.${s}`
    await expect(verifyCompactJws(changed, key.publicJwk)).rejects.toMatchObject({
      code: 'CRYPTO_JWS_INVALID',
    })
    const flipped = jws.slice(0, -2) + (jws.at(-2) === 'A' ? 'B' : 'A') + jws.slice(-1)
    await expect(verifyCompactJws(flipped, key.publicJwk)).rejects.toMatchObject({
      code: expect.stringMatching(/CRYPTO_JWS_(INVALID|MALFORMED)/),
    })
    await expect(verifyCompactJws(jws, other.publicJwk)).rejects.toMatchObject({
      code: 'CRYPTO_JWS_INVALID',
    })
  })

  it('refuses algorithm confusion between SM2 and standard keys', async () => {
    const sm2Key = await generateSigningKeyPair({ alg: 'SM2SM3' })
    const p256Key = await generateSigningKeyPair({ alg: 'ES256' })
    const sm2Jws = await signCompactJws({ payload, privateJwk: sm2Key.privateJwk, alg: 'SM2SM3' })
    const es256Jws = await signCompactJws({ payload, privateJwk: p256Key.privateJwk, alg: 'ES256' })
    await expect(verifyCompactJws(sm2Jws, p256Key.publicJwk)).rejects.toMatchObject({
      code: 'CRYPTO_KEY_INVALID',
    })
    await expect(verifyCompactJws(es256Jws, sm2Key.publicJwk)).rejects.toMatchObject({
      code: 'CRYPTO_KEY_INVALID',
    })
    await expect(
      verifyCompactJws(sm2Jws, sm2Key.publicJwk, { algorithms: ['EdDSA', 'ES256'] }),
    ).rejects.toMatchObject({ code: 'CRYPTO_ALG_NOT_ALLOWED' })
  })

  it('rejects malformed SM2 JWS and JWKs with CryptoError codes', async () => {
    const key = await generateSigningKeyPair({ alg: 'SM2SM3' })
    const jws = await signCompactJws({ payload, privateJwk: key.privateJwk, alg: 'SM2SM3' })
    const [h, p, s] = jws.split('.') as [string, string, string]
    for (const bad of [`${h}.${p}`, `${h}.${p}.${s}.x`, `${h}.${p}.${s}==`, `${h}.p+/.${s}`]) {
      await expect(verifyCompactJws(bad, key.publicJwk)).rejects.toMatchObject({
        code: 'CRYPTO_JWS_MALFORMED',
      })
    }
    const critHeader = base64url.encode(JSON.stringify({ alg: 'SM2SM3', crit: ['x'], x: 1 }))
    await expect(verifyCompactJws(`${critHeader}.${p}.${s}`, key.publicJwk)).rejects.toMatchObject({
      code: 'CRYPTO_JWS_MALFORMED',
    })
    await expect(verifyCompactJws(jws, { ...key.publicJwk, x: 'short' })).rejects.toMatchObject({
      code: 'CRYPTO_KEY_INVALID',
    })
    await expect(
      verifyCompactJws(jws, { ...key.publicJwk, y: key.publicJwk.x }),
    ).rejects.toMatchObject({ code: 'CRYPTO_JWS_INVALID' })
  })
})

describe('canonical base64url', () => {
  for (const alg of ['EdDSA', 'ES256', 'SM2SM3'] as const) {
    it(`${alg}: a last character that differs only in unused bits is refused`, async () => {
      const key = await generateSigningKeyPair({ alg })
      const jws = await signCompactJws({ payload, privateJwk: key.privateJwk, alg })
      const last = jws.at(-1)!
      // 64-byte signatures leave 2 unused bits in the last of 86 characters.
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
      const sibling = alphabet[alphabet.indexOf(last) ^ 1]!
      await expect(
        verifyCompactJws(jws.slice(0, -1) + sibling, key.publicJwk),
      ).rejects.toMatchObject({
        code: expect.stringMatching(/CRYPTO_JWS_(MALFORMED|INVALID)/),
      })
      expect(await verifyCompactJws(jws, key.publicJwk)).toEqual(payload)
    })
  }
})
