import { describe, expect, it } from 'vitest'
import {
  canonicalJsonBytes,
  generateSigningKeyPair,
  signCompactJws,
  verifyCompactJws,
} from '@landsea/core/crypto'
import { createFastJwsVerifier, fastSignJws } from '../src/crypto/index.js'

describe('fastSignJws (PINT signing through OpenSSL)', () => {
  it("makes the very JWS core's signCompactJws makes with an Ed25519 key", async () => {
    const key = await generateSigningKeyPair({ alg: 'EdDSA' })
    const payload = canonicalJsonBytes({ responseCode: 'RECE', n: 'ü'.repeat(100) })
    const fast = await fastSignJws(payload, key)
    expect(fast).toBe(
      await signCompactJws({ payload, privateJwk: key.privateJwk, alg: key.alg, kid: key.kid }),
    )
    expect(await verifyCompactJws(fast, key.publicJwk)).toEqual(payload)
  })

  it('hands other algorithms to signCompactJws (ES256 and SM2 verify as before)', async () => {
    for (const alg of ['ES256', 'SM2SM3'] as const) {
      const key = await generateSigningKeyPair({ alg })
      const payload = canonicalJsonBytes({ alg })
      const jws = await fastSignJws(payload, key)
      expect(await verifyCompactJws(jws, key.publicJwk)).toEqual(payload)
    }
  })
})

describe('createFastJwsVerifier', () => {
  it('returns the payload of a valid EdDSA JWS and refuses a changed one, as verifyCompactJws', async () => {
    const verify = await createFastJwsVerifier()
    const key = await generateSigningKeyPair({ alg: 'EdDSA' })
    const payload = canonicalJsonBytes({ a: 1 })
    const jws = await fastSignJws(payload, key)
    expect(await verify(jws, key.publicJwk)).toEqual(payload)
    const other = await generateSigningKeyPair({ alg: 'EdDSA' })
    const forged = await fastSignJws(canonicalJsonBytes({ a: 2 }), other)
    const spliced = `${jws.split('.').slice(0, 2).join('.')}.${forged.split('.')[2]}`
    for (const bad of [spliced, jws.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))]) {
      await expect(async () => verify(bad, key.publicJwk)).rejects.toThrow()
      await expect(verifyCompactJws(bad, key.publicJwk)).rejects.toThrow()
    }
  })
})
