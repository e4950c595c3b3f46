import { describe, expect, it } from 'vitest'
import type { JWK } from 'jose'
import { generateSigningKeyPair } from '../crypto/index.js'
import type { ResolvedKey } from './did-resolver.js'
import { IdentityError } from './identity-error.js'
import { issueSdJwtVc, presentSdJwtVc, verifySdJwt } from './sd-jwt.js'
import vmP384 from './fixtures/w3c-vc-jose-cose/vm-p384.json' with { type: 'json' }
import selective from './fixtures/w3c-vc-jose-cose/credential-sdjwt-selective.txt?raw'
import badSignature from './fixtures/w3c-vc-jose-cose/credential-sdjwt-bad-signature.txt?raw'

const now = new Date('2026-11-27T08:00:00Z')

async function setUp() {
  const issuerKey = await generateSigningKeyPair({ alg: 'ES256' })
  const holderKey = await generateSigningKeyPair({ alg: 'EdDSA' })
  const issuer: ResolvedKey = {
    id: 'did:web:acra.sg.example#key-1',
    controller: 'did:web:acra.sg.example',
    publicJwk: issuerKey.publicJwk,
    alg: 'ES256',
  }
  const sdJwt = await issueSdJwtVc({
    issuer: issuer.controller,
    vct: 'https://landsea.example/vct/authorised-signatory',
    claims: { given_name: 'Mei Ling', family_name: 'Tan', position: 'Director', uen: '197401143C' },
    disclosable: ['given_name', 'family_name', 'position'],
    holderPublicJwk: holderKey.publicJwk,
    privateJwk: issuerKey.privateJwk,
    alg: 'ES256',
    kid: issuer.id,
    issuedAt: now,
  })
  return { sdJwt, issuer, holderKey, lookup: async () => issuer }
}

describe('SD-JWT VC with key binding', () => {
  it('discloses only what the holder chose, bound to the verifier’s audience and nonce', async () => {
    const { sdJwt, holderKey, lookup } = await setUp()
    const presented = await presentSdJwtVc(sdJwt, {
      disclose: ['position'],
      holderPrivateJwk: holderKey.privateJwk,
      audience: 'did:web:sg.landsea.example',
      nonce: 'abc',
      now,
    })
    const result = await verifySdJwt(presented, lookup, {
      keyBinding: { audience: 'did:web:sg.landsea.example', nonce: 'abc' },
      now,
    })
    expect(result.claims).toMatchObject({ position: 'Director', uen: '197401143C' })
    expect(result.claims).not.toHaveProperty('given_name')
    expect(result.claims).not.toHaveProperty('family_name')
  })

  it('rejects wrong audience, wrong nonce, missing key binding and a swapped-in disclosure', async () => {
    const { sdJwt, holderKey, lookup } = await setUp()
    const presented = await presentSdJwtVc(sdJwt, {
      disclose: ['position'],
      holderPrivateJwk: holderKey.privateJwk,
      audience: 'did:web:sg.landsea.example',
      nonce: 'abc',
      now,
    })
    await expect(
      verifySdJwt(presented, lookup, {
        keyBinding: { audience: 'did:web:other', nonce: 'abc' },
        now,
      }),
    ).rejects.toMatchObject({ code: 'IDENTITY_WRONG_AUDIENCE' })
    await expect(
      verifySdJwt(presented, lookup, {
        keyBinding: { audience: 'did:web:sg.landsea.example', nonce: 'xyz' },
        now,
      }),
    ).rejects.toMatchObject({ code: 'IDENTITY_NONCE_MISMATCH' })
    const withoutKb = presented.slice(0, presented.lastIndexOf('~') + 1)
    await expect(
      verifySdJwt(withoutKb, lookup, {
        keyBinding: { audience: 'did:web:sg.landsea.example', nonce: 'abc' },
        now,
      }),
    ).rejects.toMatchObject({ code: 'IDENTITY_KEY_BINDING_INVALID' })
    // Adding a disclosure after the KB-JWT was made breaks sd_hash.
    const all = sdJwt.split('~').slice(1, -1)
    const parts = presented.split('~')
    const tampered = [...parts.slice(0, -1), all[0], parts.at(-1)].join('~')
    await expect(
      verifySdJwt(tampered, lookup, {
        keyBinding: { audience: 'did:web:sg.landsea.example', nonce: 'abc' },
        now,
      }),
    ).rejects.toMatchObject({ code: 'IDENTITY_KEY_BINDING_INVALID' })
    const stranger = `${sdJwt}`.replace(/~$/, `~WyJzYWx0IiwgIm5hbWUiLCAidmFsdWUiXQ~`)
    await expect(verifySdJwt(stranger, lookup, { now })).rejects.toMatchObject({
      code: 'IDENTITY_MALFORMED',
    })
  })

  it('refuses a W3C vc+sd-jwt as an SD-JWT VC (typ confusion)', async () => {
    const lookup = async () => ({
      id: vmP384.id,
      controller: vmP384.controller,
      publicJwk: vmP384.publicKeyJwk as JWK,
      alg: 'ES256' as const,
    })
    await expect(
      verifySdJwt(selective.trim(), lookup, { algorithms: ['ES384'] }),
    ).rejects.toMatchObject({ code: 'IDENTITY_WRONG_TYPE' })
  })
})

describe('W3C vc-jose-cose SD-JWT inputs', () => {
  // The suite signs with ES384 (P-384); verified here through jose, with the suite's key.
  const lookup = async (): Promise<ResolvedKey> => ({
    id: vmP384.id,
    controller: vmP384.controller,
    publicJwk: vmP384.publicKeyJwk as JWK,
    alg: 'ES384' as ResolvedKey['alg'],
  })

  it('verifies credential-sdjwt-selective and applies its disclosures', async () => {
    const result = await verifySdJwt(selective.trim(), lookup, {
      algorithms: ['ES384'],
      profile: 'w3c',
    })
    expect(result.issuer).toBe('https://example.issuer/vc-jose-cose')
    expect(Object.keys(result.claims.credentialSubject as object).sort()).toEqual([
      'birthDate',
      'firstName',
      'id',
      'lastName',
    ])
  })

  it('rejects credential-sdjwt-bad-signature', async () => {
    const error = await verifySdJwt(badSignature.trim(), lookup, {
      algorithms: ['ES384'],
      profile: 'w3c',
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IdentityError)
    expect((error as IdentityError).code).toBe('IDENTITY_SIGNATURE_INVALID')
  })
})
