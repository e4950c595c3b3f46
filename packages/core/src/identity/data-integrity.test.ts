import { describe, expect, it } from 'vitest'
import { base64url, type JWK } from 'jose'
import { generateSigningKeyPair, toHex } from '../crypto/index.js'
import { addDataIntegrityProof, verifyDataIntegrity, SM2_CRYPTOSUITE } from './data-integrity.js'
import { resolveDidKey } from './did-key.js'
import { findVerificationKey, type ResolvedKey } from './did-resolver.js'
import { decodeMultibase } from './multibase.js'
import keyPair from './fixtures/w3c-vc-di-eddsa/keyPair.json' with { type: 'json' }
import signedJcs from './fixtures/w3c-vc-di-eddsa/signedJCS.json' with { type: 'json' }
import unsigned from './fixtures/w3c-vc-di-eddsa/unsigned.json' with { type: 'json' }
import sigHex from './fixtures/w3c-vc-di-eddsa/sigHexJCS.txt?raw'

async function resolveFromDidKey(verificationMethod: string): Promise<ResolvedKey> {
  const did = verificationMethod.slice(0, verificationMethod.indexOf('#'))
  return findVerificationKey(resolveDidKey(did), verificationMethod)
}

function vectorPrivateJwk(): JWK {
  // privateKeyMultibase = z + base58(0x8026 ‖ seed), publicKeyMultibase = z + base58(0xed01 ‖ key).
  const seed = decodeMultibase(keyPair.privateKeyMultibase).subarray(2)
  const publicKey = decodeMultibase(keyPair.publicKeyMultibase).subarray(2)
  return { kty: 'OKP', crv: 'Ed25519', x: base64url.encode(publicKey), d: base64url.encode(seed) }
}

describe('eddsa-jcs-2022 against the W3C vc-di-eddsa test vector', () => {
  it('verifies the published signed credential', async () => {
    const checked = await verifyDataIntegrity(signedJcs, resolveFromDidKey)
    expect(checked.map((p) => [p.cryptosuite, p.status])).toEqual([['eddsa-jcs-2022', 'verified']])
  })

  it('reproduces the published proofValue byte for byte (Ed25519 is deterministic)', () => {
    const signed = addDataIntegrityProof(unsigned, {
      cryptosuite: 'eddsa-jcs-2022',
      privateJwk: vectorPrivateJwk(),
      verificationMethod: signedJcs.proof.verificationMethod,
      created: signedJcs.proof.created,
    })
    expect(signed.proof).toEqual(signedJcs.proof)
    const proofValue = (signed.proof as { proofValue: string }).proofValue
    expect(toHex(decodeMultibase(proofValue))).toBe(sigHex.trim().toLowerCase())
  })

  it('rejects the vector with a changed claim, a changed proof option or a changed signature', async () => {
    const changedClaim = {
      ...signedJcs,
      credentialSubject: { ...signedJcs.credentialSubject, alumniOf: 'Other' },
    }
    const changedCreated = {
      ...signedJcs,
      proof: { ...signedJcs.proof, created: '2023-02-24T23:36:39Z' },
    }
    const value = signedJcs.proof.proofValue
    const changedSignature = {
      ...signedJcs,
      proof: {
        ...signedJcs.proof,
        proofValue: value.slice(0, 10) + (value[10] === 'a' ? 'b' : 'a') + value.slice(11),
      },
    }
    for (const bad of [changedClaim, changedCreated, changedSignature]) {
      await expect(verifyDataIntegrity(bad, resolveFromDidKey)).rejects.toMatchObject({
        code: 'IDENTITY_SIGNATURE_INVALID',
      })
    }
  })

  it('refuses unsigned and malformed documents with specific codes', async () => {
    await expect(verifyDataIntegrity(unsigned, resolveFromDidKey)).rejects.toMatchObject({
      code: 'IDENTITY_UNSIGNED',
    })
    await expect(verifyDataIntegrity('x', resolveFromDidKey)).rejects.toMatchObject({
      code: 'IDENTITY_MALFORMED',
    })
    const badValue = { ...signedJcs, proof: { ...signedJcs.proof, proofValue: 'u123' } }
    await expect(verifyDataIntegrity(badValue, resolveFromDidKey)).rejects.toMatchObject({
      code: 'IDENTITY_MALFORMED',
    })
  })
})

describe('proof sets: SM2 + eddsa-jcs-2022 dual signing', () => {
  it('verifies both for a Chinese verifier and the standard one alone for a verifier abroad', async () => {
    const sm2 = await generateSigningKeyPair({ alg: 'SM2SM3' })
    const ed = await generateSigningKeyPair({ alg: 'EdDSA' })
    const keys = new Map<string, ResolvedKey>([
      [
        'did:web:cn.example#sm2',
        {
          id: 'did:web:cn.example#sm2',
          controller: 'did:web:cn.example',
          publicJwk: sm2.publicJwk,
          alg: 'SM2SM3',
        },
      ],
      [
        'did:web:cn.example#ed',
        {
          id: 'did:web:cn.example#ed',
          controller: 'did:web:cn.example',
          publicJwk: ed.publicJwk,
          alg: 'EdDSA',
        },
      ],
    ])
    const resolve = async (id: string) => keys.get(id)!
    const once = addDataIntegrityProof(unsigned, {
      cryptosuite: SM2_CRYPTOSUITE,
      privateJwk: sm2.privateJwk,
      verificationMethod: 'did:web:cn.example#sm2',
    })
    const twice = addDataIntegrityProof(once, {
      cryptosuite: 'eddsa-jcs-2022',
      privateJwk: ed.privateJwk,
      verificationMethod: 'did:web:cn.example#ed',
    })
    expect(Array.isArray(twice.proof)).toBe(true)
    const both = await verifyDataIntegrity(twice, resolve, {
      requiredCryptosuites: [SM2_CRYPTOSUITE],
    })
    expect(both.map((p) => p.status)).toEqual(['verified', 'verified'])
    const abroad = await verifyDataIntegrity(twice, resolve, { cryptosuites: ['eddsa-jcs-2022'] })
    expect(abroad.map((p) => p.status)).toEqual(['skipped', 'verified'])
    await expect(
      verifyDataIntegrity(once, resolve, { cryptosuites: ['eddsa-jcs-2022'] }),
    ).rejects.toMatchObject({ code: 'IDENTITY_ALG_NOT_ALLOWED' })
  })

  it('refuses a proof whose key is of another suite, and a proof made after the key expired', async () => {
    const ed = await generateSigningKeyPair({ alg: 'EdDSA' })
    const signed = addDataIntegrityProof(unsigned, {
      cryptosuite: 'eddsa-jcs-2022',
      privateJwk: ed.privateJwk,
      verificationMethod: 'did:web:x#k',
      created: '2026-06-01T00:00:00Z',
    })
    const base = { id: 'did:web:x#k', controller: 'did:web:x', publicJwk: ed.publicJwk }
    await expect(
      verifyDataIntegrity(signed, async () => ({ ...base, alg: 'SM2SM3' as const })),
    ).rejects.toMatchObject({ code: 'IDENTITY_ALG_NOT_ALLOWED' })
    await expect(
      verifyDataIntegrity(signed, async () => ({
        ...base,
        alg: 'EdDSA' as const,
        expires: '2026-05-01T00:00:00Z',
      })),
    ).rejects.toMatchObject({ code: 'IDENTITY_KEY_RETIRED' })
    const ok = await verifyDataIntegrity(signed, async () => ({
      ...base,
      alg: 'EdDSA' as const,
      expires: '2026-07-01T00:00:00Z',
    }))
    expect(ok[0]?.status).toBe('verified')
  })
})
