import { describe, expect, it } from 'vitest'
import { compactVerify, importJWK, type JWK } from 'jose'
import { generateSigningKeyPair } from './signing-key.js'
import { signGeneralJws, toCompactJws, verifyGeneralJws } from './dual-jws.js'

const payload = new TextEncoder().encode('{"documentChecksum":"ab"}')

describe('dual signing (general JWS with SM2SM3 + a standard suite)', () => {
  async function dualSigned() {
    const sm2 = await generateSigningKeyPair({ alg: 'SM2SM3' })
    const ed = await generateSigningKeyPair({ alg: 'EdDSA' })
    const keys = new Map<string, JWK>([
      [sm2.kid, sm2.publicJwk],
      [ed.kid, ed.publicJwk],
    ])
    const jws = await signGeneralJws({
      payload,
      typ: 'landsea-action+json',
      signers: [
        { privateJwk: sm2.privateJwk, alg: 'SM2SM3', kid: sm2.kid },
        { privateJwk: ed.privateJwk, alg: 'EdDSA', kid: ed.kid },
      ],
    })
    return { jws, keys, ed }
  }

  it('verifies both signatures for a verifier that knows SM2', async () => {
    const { jws, keys } = await dualSigned()
    const result = await verifyGeneralJws(jws, (h) => keys.get(h.kid ?? ''), {
      requiredAlgorithms: ['SM2SM3'],
    })
    expect(result.payload).toEqual(payload)
    expect(result.signatures.map((s) => [s.header.alg, s.status])).toEqual([
      ['SM2SM3', 'verified'],
      ['EdDSA', 'verified'],
    ])
  })

  it('lets a verifier abroad skip SM2 and check the standard signature, even with plain jose', async () => {
    const { jws, keys, ed } = await dualSigned()
    const result = await verifyGeneralJws(jws, (h) => keys.get(h.kid ?? ''), {
      algorithms: ['EdDSA', 'ES256'],
    })
    expect(result.signatures.map((s) => s.status)).toEqual(['skipped', 'verified'])
    const standardOnly = toCompactJws(jws, 1)
    const verified = await compactVerify(standardOnly, await importJWK(ed.publicJwk, 'EdDSA'))
    expect(verified.payload).toEqual(payload)
  })

  it('fails when any checked signature is bad or a required suite is missing', async () => {
    const { jws, keys } = await dualSigned()
    const broken = {
      ...jws,
      signatures: [
        jws.signatures[0]!,
        { ...jws.signatures[1]!, signature: jws.signatures[0]!.signature },
      ],
    }
    await expect(verifyGeneralJws(broken, (h) => keys.get(h.kid ?? ''))).rejects.toMatchObject({
      code: expect.stringMatching(/CRYPTO_JWS_(INVALID|MALFORMED)/),
    })
    await expect(
      verifyGeneralJws(jws, (h) => keys.get(h.kid ?? ''), {
        algorithms: ['EdDSA'],
        requiredAlgorithms: ['SM2SM3'],
      }),
    ).rejects.toMatchObject({ code: 'CRYPTO_ALG_NOT_ALLOWED' })
    await expect(verifyGeneralJws(jws, () => undefined)).rejects.toMatchObject({
      code: 'CRYPTO_KEY_INVALID',
    })
  })

  it('rejects inputs that are not a general JWS', async () => {
    for (const bad of [null, 'a.b.c', { payload: 'x' }, { payload: 'x', signatures: [] }]) {
      await expect(verifyGeneralJws(bad, () => undefined)).rejects.toMatchObject({
        code: 'CRYPTO_JWS_MALFORMED',
      })
    }
  })
})
