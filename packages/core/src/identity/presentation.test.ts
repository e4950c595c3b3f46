import { describe, expect, it } from 'vitest'
import { generateSigningKeyPair } from '../crypto/index.js'
import { createLegalEntityCredential } from './credential.js'
import { createTrustWorld } from './fixtures/trust-world.js'
import { issueVpJwt, verifyVpJwt } from './presentation.js'
import { issueVcJwt } from './vc-jwt.js'

const now = new Date('2026-11-27T08:00:00Z')

async function setUp() {
  const world = await createTrustWorld()
  const holder = 'did:web:cq.landsea.example:orgs:carrier'
  const holderKey = await generateSigningKeyPair({ alg: 'SM2SM3' })
  world.addDocument(holder, [{ fragment: 'key-1', publicJwk: holderKey.publicJwk }])
  const credential = await issueVcJwt({
    credential: createLegalEntityCredential({
      issuer: world.cnIssuer.did,
      subject: {
        id: holder,
        legalName: { zh: '重庆陆海国际物流有限公司', en: 'Chongqing Landsea Logistics Co., Ltd.' },
        jurisdiction: 'CN',
        identifier: { scheme: 'USCC', value: '91350100M000100Y43' },
        registeredAddress: {
          streetAddress: '1 Tuanjiecun',
          locality: 'Chongqing',
          countryCode: 'CN',
        },
      },
      validFrom: '2026-01-01T00:00:00Z',
    }),
    privateJwk: world.cnIssuer.key.privateJwk,
    alg: 'SM2SM3',
    kid: world.cnIssuer.kid,
  })
  const present = (overrides: { audience?: string; nonce?: string; at?: Date } = {}) =>
    issueVpJwt({
      holder,
      credentials: [credential],
      audience: overrides.audience ?? 'did:web:sg.landsea.example',
      nonce: overrides.nonce ?? 'n-1',
      privateJwk: holderKey.privateJwk,
      alg: 'SM2SM3',
      kid: `${holder}#key-1`,
      now: overrides.at ?? now,
    })
  const verify = (vp: unknown) =>
    verifyVpJwt(vp, {
      lookupKey: world.lookupKey,
      audience: 'did:web:sg.landsea.example',
      nonce: 'n-1',
      now,
      credentialOptions: {
        trust: { anchor: world.anchor('SG'), material: world },
        expectedType: 'LegalEntityCredential',
      },
    })
  return { world, holder, present, verify }
}

describe('vp+jwt for joining a node', () => {
  it('verifies the holder, audience, nonce and the enclosed legal-entity credential', async () => {
    const { holder, present, verify } = await setUp()
    const result = await verify(await present())
    expect(result.holder).toBe(holder)
    expect(result.credentials).toHaveLength(1)
    expect(result.credentials[0]?.isValid).toBe(true)
  })

  it('rejects the wrong audience, a replayed nonce and a stale presentation', async () => {
    const { present, verify } = await setUp()
    await expect(
      verify(await present({ audience: 'did:web:other.example' })),
    ).rejects.toMatchObject({ code: 'IDENTITY_WRONG_AUDIENCE' })
    await expect(verify(await present({ nonce: 'n-0' }))).rejects.toMatchObject({
      code: 'IDENTITY_NONCE_MISMATCH',
    })
    await expect(
      verify(await present({ at: new Date('2026-11-27T07:00:00Z') })),
    ).rejects.toMatchObject({ code: 'IDENTITY_EXPIRED' })
    await expect(verify('nonsense')).rejects.toMatchObject({ code: 'IDENTITY_MALFORMED' })
  })

  it('rejects a presentation signed by someone other than the holder', async () => {
    const { world, holder, verify } = await setUp()
    const vp = await issueVpJwt({
      holder,
      credentials: [],
      audience: 'did:web:sg.landsea.example',
      nonce: 'n-1',
      privateJwk: world.sgIssuer.key.privateJwk,
      alg: 'EdDSA',
      kid: world.sgIssuer.kid,
      now,
    })
    await expect(verify(vp)).rejects.toMatchObject({ code: 'IDENTITY_HOLDER_MISMATCH' })
  })
})
