import { CompactSign, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose'
import { describe, expect, it } from 'vitest'
import { createLegalEntityCredential } from './credential.js'
import { resolveDidKey } from './did-key.js'
import { findVerificationKey, type ResolvedKey } from './did-resolver.js'
import { verificationAlgorithmOfJwk } from './multikey.js'
import { generateSigningKeyPair } from '../crypto/index.js'
import { issueSdJwtVc } from './sd-jwt.js'
import { verifyCredential } from './verify-credential.js'
import signedJcs from './fixtures/w3c-vc-di-eddsa/signedJCS.json' with { type: 'json' }
import vmP384 from './fixtures/w3c-vc-jose-cose/vm-p384.json' with { type: 'json' }
import selective from './fixtures/w3c-vc-jose-cose/credential-sdjwt-selective.txt?raw'
import badSignature from './fixtures/w3c-vc-jose-cose/credential-sdjwt-bad-signature.txt?raw'

// Verdicts on the W3C test vectors and on the algorithms VC-JOSE-COSE allows.

const now = new Date('2026-11-27T08:00:00Z')

async function didKeyLookup({ kid }: { kid?: string }): Promise<ResolvedKey> {
  const did = kid!.slice(0, kid!.indexOf('#'))
  return findVerificationKey(resolveDidKey(did), kid!)
}

const p384Lookup = async (): Promise<ResolvedKey> => ({
  id: vmP384.id,
  controller: vmP384.controller,
  publicJwk: vmP384.publicKeyJwk as JWK,
  alg: 'ES384',
})

describe('verifyCredential on the W3C vectors (VC Data Integrity, VC-JOSE-COSE)', () => {
  it('Data Integrity eddsa-jcs-2022 vector: "signature valid" and "issuer is not the key\'s controller" are two verdicts', async () => {
    const result = await verifyCredential(signedJcs, { lookupKey: didKeyLookup, now })
    expect(result.format).toBe('data-integrity')
    expect(result.signature.ok).toBe(true)
    expect(result.signature.message).toContain('signature valid')
    // The vector's issuer is https://vc.example/issuers/5678; its key is a did:key.
    expect(result.issuerKey).toMatchObject({ ok: false, code: 'IDENTITY_ISSUER_MISMATCH' })
    expect(result.issuerKey.message).toContain('https://vc.example/issuers/5678')
    expect(result.isValid).toBe(false)
  })

  it('Data Integrity: format names the credential when its proof fails', async () => {
    const tampered = {
      ...signedJcs,
      credentialSubject: { ...signedJcs.credentialSubject, alumniOf: 'Another University' },
    }
    const result = await verifyCredential(tampered, { lookupKey: didKeyLookup, now })
    expect(result.format).toBe('data-integrity')
    expect(result.signature.ok).toBe(false)
    expect(result.issuerKey.ok).toBe(false)
  })

  it('VC-JOSE-COSE "vc+sd-jwt": verifyCredential verifies the W3C credential-sdjwt-selective (ES384)', async () => {
    const result = await verifyCredential(selective.trim(), { lookupKey: p384Lookup, now })
    expect(result.format).toBe('vc+sd-jwt')
    expect(result.signature).toMatchObject({ ok: true })
    expect(result.issuerKey).toMatchObject({ ok: true })
    expect(result.issuer).toBe('https://example.issuer/vc-jose-cose')
    expect(Object.keys(result.credential!.credentialSubject).sort()).toEqual([
      'birthDate',
      'firstName',
      'id',
      'lastName',
    ])
    const bad = await verifyCredential(badSignature.trim(), { lookupKey: p384Lookup, now })
    expect(bad.format).toBe('vc+sd-jwt')
    expect(bad.signature.code).toBe('IDENTITY_SIGNATURE_INVALID')
  })

  it.each(['ES384', 'ES512'] as const)(
    'VC-JOSE-COSE allows %s: a vc+jwt signed with it verifies, and a changed byte does not',
    async (alg) => {
      const issuer = 'did:web:registrar.example'
      const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true })
      const publicJwk = await exportJWK(publicKey)
      expect(verificationAlgorithmOfJwk(publicJwk)).toBe(alg)
      const credential = createLegalEntityCredential({
        issuer,
        subject: {
          id: 'did:web:cq.landsea.example:orgs:carrier',
          legalName: { en: 'Chongqing Landsea Logistics Co., Ltd.' },
          jurisdiction: 'CN',
          identifier: { scheme: 'USCC', value: '91350100M000100Y43' },
          registeredAddress: {
            streetAddress: '1 Tuanjiecun',
            locality: 'Chongqing',
            countryCode: 'CN',
          },
        },
        validFrom: '2026-01-01T00:00:00Z',
      })
      const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(credential)))
        .setProtectedHeader({ alg, typ: 'vc+jwt', kid: `${issuer}#key-1` })
        .sign(privateKey)
      const lookupKey = async (): Promise<ResolvedKey> => ({
        id: `${issuer}#key-1`,
        controller: issuer,
        publicJwk,
        alg: verificationAlgorithmOfJwk(publicJwk)!,
      })
      const result = await verifyCredential(jwt, { lookupKey, now })
      expect(result.format).toBe('vc+jwt')
      expect(result.signature.message).toContain(alg)
      expect(result.signature).toMatchObject({ ok: true })
      expect(result.signature.message).toContain(alg)
      const [h, p, s] = jwt.split('.')
      const flipped = `${h}.${p}.${s!.startsWith('A') ? 'B' : 'A'}${s!.slice(1)}`
      expect((await verifyCredential(flipped, { lookupKey, now })).signature.ok).toBe(false)
    },
  )

  describe('VC-JOSE-COSE §3 (issuer and kid) for JWT formats: a sound JWS by a key the issuer does not control', () => {
    const foreign = (lookup: () => Promise<ResolvedKey>) => async () => ({
      ...(await lookup()),
      controller: 'did:web:someone-else.example',
    })

    it('vc+sd-jwt: "signature valid" and "issuer is not the key\'s controller" are two verdicts', async () => {
      const result = await verifyCredential(selective.trim(), {
        lookupKey: foreign(p384Lookup),
        now,
      })
      expect(result.format).toBe('vc+sd-jwt')
      expect(result.signature).toMatchObject({ ok: true })
      expect(result.issuerKey).toMatchObject({ ok: false, code: 'IDENTITY_ISSUER_MISMATCH' })
      expect(result.issuerKey.message).toContain('https://example.issuer/vc-jose-cose')
      expect(result.trust.ok).toBe(false)
      expect(result.isValid).toBe(false)
    })

    it("vc+jwt and dc+sd-jwt: signature valid, issuer key refused; the issuer's own key passes both", async () => {
      const issuer = 'did:web:registrar.example'
      const key = await generateSigningKeyPair({ alg: 'ES256' })
      const ownKey = async (): Promise<ResolvedKey> => ({
        id: `${issuer}#key-1`,
        controller: issuer,
        publicJwk: key.publicJwk,
        alg: 'ES256',
      })
      const credential = {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential'],
        issuer,
        validFrom: '2026-01-01T00:00:00Z',
        credentialSubject: { id: 'did:web:cq.landsea.example' },
      }
      const vcJwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(credential)))
        .setProtectedHeader({ alg: 'ES256', typ: 'vc+jwt', kid: `${issuer}#key-1` })
        .sign(await importJWK(key.privateJwk, 'ES256'))
      const holder = await generateSigningKeyPair({ alg: 'ES256' })
      const sdJwt = await issueSdJwtVc({
        issuer,
        vct: 'RoleCredential',
        claims: { role: 'bank' },
        disclosable: [],
        holderPublicJwk: holder.publicJwk,
        privateJwk: key.privateJwk,
        alg: 'ES256',
        kid: `${issuer}#key-1`,
        issuedAt: now,
      })
      for (const [token, format] of [
        [vcJwt, 'vc+jwt'],
        [sdJwt, 'dc+sd-jwt'],
      ] as const) {
        const own = await verifyCredential(token, { lookupKey: ownKey, now })
        expect([own.format, own.signature.ok, own.issuerKey.ok]).toEqual([format, true, true])
        const other = await verifyCredential(token, { lookupKey: foreign(ownKey), now })
        expect([other.format, other.signature.ok, other.issuerKey.code]).toEqual([
          format,
          true,
          'IDENTITY_ISSUER_MISMATCH',
        ])
        expect(other.isValid).toBe(false)
      }
    })
  })
})
