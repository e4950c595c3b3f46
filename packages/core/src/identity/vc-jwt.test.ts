import { describe, expect, it } from 'vitest'
import { base64url, type JWK } from 'jose'
import { generateSigningKeyPair } from '../crypto/index.js'
import { createLegalEntityCredential } from './credential.js'
import type { ResolvedKey } from './did-resolver.js'
import { IdentityError } from './identity-error.js'
import type { KeyLookup } from './key-lookup.js'
import { decodeJsonPayload, issueVcJwt, verifyVcJwt } from './vc-jwt.js'
import vmP256 from './fixtures/w3c-vc-jose-cose/vm-p256.json' with { type: 'json' }
import vmEd25519 from './fixtures/w3c-vc-jose-cose/vm-ed25519.json' with { type: 'json' }
import minimal from './fixtures/w3c-vc-jose-cose/credential-jose-minimal.txt?raw'
import issuerMatch from './fixtures/w3c-vc-jose-cose/credential-issuer-match-signed.txt?raw'
import badSignature from './fixtures/w3c-vc-jose-cose/credential-jose-bad-signature.txt?raw'
import badMediaType from './fixtures/w3c-vc-jose-cose/credential-jose-bad-media-type.txt?raw'
import vcVpClaims from './fixtures/w3c-vc-jose-cose/credential-jose-vc-vp-claims.txt?raw'
import unknownExtensions from './fixtures/w3c-vc-jose-cose/credential-jose-unknown-extensions.txt?raw'

// The test suite's verification methods, keyed by the JWK thumbprint used as `kid`.
function w3cLookup(): KeyLookup {
  const methods = [vmP256, vmEd25519]
  return async ({ kid }) => {
    const method = methods.find((m) => m.publicKeyJwk.kid === kid)
    if (!method) throw new IdentityError('IDENTITY_KEY_NOT_FOUND', `no key ${kid}`)
    const publicJwk = method.publicKeyJwk as JWK
    return {
      id: method.id,
      controller: method.controller,
      publicJwk,
      alg: publicJwk.alg === 'ES256' ? 'ES256' : 'EdDSA',
    }
  }
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise
    return undefined
  } catch (error) {
    return (error as IdentityError).code
  }
}

describe('vc+jwt against the W3C vc-jose-cose test suite inputs', () => {
  it('verifies credential-jose-minimal (ES256, test 6) and credential-issuer-match-signed (EdDSA, test 8)', async () => {
    const a = await verifyVcJwt(minimal.trim(), w3cLookup())
    expect(a.credential.type).toContain('ExampleAlumniCredential')
    expect(a.key.alg).toBe('ES256')
    const b = await verifyVcJwt(issuerMatch.trim(), w3cLookup())
    expect(b.key.alg).toBe('EdDSA')
  })

  it('rejects the negatives with specific codes', async () => {
    expect(await codeOf(verifyVcJwt(badSignature.trim(), w3cLookup()))).toBe(
      'IDENTITY_SIGNATURE_INVALID',
    )
    expect(await codeOf(verifyVcJwt(badMediaType.trim(), w3cLookup()))).toBe('IDENTITY_WRONG_TYPE')
    expect(await codeOf(verifyVcJwt(vcVpClaims.trim(), w3cLookup()))).toBe('IDENTITY_MALFORMED')
    // ES512 is allowed (VC-JOSE-COSE); the suite's P-521 key is not among the keys vendored here.
    expect(await codeOf(verifyVcJwt(unknownExtensions.trim(), w3cLookup()))).toBe(
      'IDENTITY_KEY_NOT_FOUND',
    )
    expect(
      await codeOf(verifyVcJwt(unknownExtensions.trim(), w3cLookup(), { algorithms: ['EdDSA'] })),
    ).toBe('IDENTITY_ALG_NOT_ALLOWED')
  })
})

describe('vc+jwt issue and verify for Landsea credentials', () => {
  const subject = {
    id: 'did:web:cq.landsea.example:orgs:carrier',
    legalName: { zh: '重庆陆海国际物流有限公司', en: 'Chongqing Landsea Logistics Co., Ltd.' },
    jurisdiction: 'CN',
    identifier: { scheme: 'USCC' as const, value: '91350100M000100Y43' },
    registeredAddress: { streetAddress: '1 Tuanjiecun', locality: 'Chongqing', countryCode: 'CN' },
  }
  const credential = createLegalEntityCredential({
    issuer: 'did:web:cn-authority.example',
    subject,
    validFrom: '2026-01-01T00:00:00Z',
  })

  for (const alg of ['EdDSA', 'ES256', 'SM2SM3'] as const) {
    it(`round-trips with ${alg}`, async () => {
      const key = await generateSigningKeyPair({ alg })
      const resolved: ResolvedKey = {
        id: 'did:web:cn-authority.example#k1',
        controller: 'did:web:cn-authority.example',
        publicJwk: key.publicJwk,
        alg,
      }
      const jwt = await issueVcJwt({
        credential,
        privateJwk: key.privateJwk,
        alg,
        kid: resolved.id,
      })
      const verified = await verifyVcJwt(jwt, async () => resolved)
      expect(verified.credential.credentialSubject).toMatchObject({ legalName: subject.legalName })
      expect(
        await codeOf(verifyVcJwt(jwt, async () => ({ ...resolved, controller: 'did:web:other' }))),
      ).toBe('IDENTITY_ISSUER_MISMATCH')
      expect(
        await codeOf(
          verifyVcJwt(jwt, async () => ({ ...resolved, expires: '2025-12-01T00:00:00Z' })),
        ),
      ).toBe('IDENTITY_KEY_RETIRED')
    })
  }

  it('refuses to issue a credential with a bad USCC check character', async () => {
    const key = await generateSigningKeyPair()
    const bad = createLegalEntityCredential({
      issuer: 'did:web:cn-authority.example',
      subject: { ...subject, identifier: { scheme: 'USCC', value: '91350100M000100Y44' } },
      validFrom: '2026-01-01T00:00:00Z',
    })
    expect(
      await codeOf(
        issueVcJwt({ credential: bad, privateJwk: key.privateJwk, alg: 'EdDSA', kid: 'x' }),
      ),
    ).toBe('IDENTITY_IDENTIFIER_INVALID')
  })

  it('rejects alg none and HS256 signed with the public key as the secret', async () => {
    const key = await generateSigningKeyPair()
    const resolved: ResolvedKey = {
      id: 'i#k',
      controller: 'did:web:cn-authority.example',
      publicJwk: key.publicJwk,
      alg: 'EdDSA',
    }
    const body = base64url.encode(JSON.stringify(credential))
    const none = `${base64url.encode('{"alg":"none","typ":"vc+jwt"}')}.${body}.`
    expect(await codeOf(verifyVcJwt(none, async () => resolved))).toBe('IDENTITY_ALG_NOT_ALLOWED')
    const headerHs = base64url.encode('{"alg":"HS256","typ":"vc+jwt"}')
    const secret = new TextEncoder().encode(JSON.stringify(key.publicJwk))
    const hmacKey = await crypto.subtle.importKey(
      'raw',
      secret,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    )
    const mac = await crypto.subtle.sign(
      'HMAC',
      hmacKey,
      new TextEncoder().encode(`${headerHs}.${body}`),
    )
    const hs = `${headerHs}.${body}.${base64url.encode(new Uint8Array(mac))}`
    expect(await codeOf(verifyVcJwt(hs, async () => resolved))).toBe('IDENTITY_ALG_NOT_ALLOWED')
  })

  it('rejects malformed input of every kind with IDENTITY_MALFORMED', async () => {
    const lookup: KeyLookup = async () => {
      throw new Error('unreachable')
    }
    for (const bad of [
      undefined,
      42,
      '',
      'a.b',
      'a.b.c',
      '!!.??.**',
      `${base64url.encode('{"alg":"EdDSA","typ":"vc+jwt"}')}.${base64url.encode('[1]')}.AA`,
    ]) {
      expect(await codeOf(verifyVcJwt(bad, lookup)), String(bad)).toBe('IDENTITY_MALFORMED')
    }
  })
})

describe('decodeJsonPayload', () => {
  // The reading before the strict decoder was tried first: jose's lenient base64url alone.
  const reference = (part: string) => {
    if (!/^[A-Za-z0-9_-]+$/.test(part)) throw new Error('payload is not base64url')
    const value: unknown = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(base64url.decode(part)),
    )
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new Error('not an object')
    return value
  }
  const outcome = (read: () => unknown) => {
    try {
      return { value: read() }
    } catch {
      return { refused: true }
    }
  }

  it('reads every payload as jose alone does, canonical or not, short or long', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const parts: string[] = []
    for (let n = 0; n < 160; n += 7) {
      const json = JSON.stringify({ v: 'x'.repeat(n), é: n })
      const part = base64url.encode(json)
      parts.push(part, part.slice(0, -1), `${part}A`, `${part}AA`)
      // Every last character: the canonical one, and those with trailing bits no decoder reads.
      for (const c of alphabet) parts.push(part.slice(0, -1) + c)
    }
    for (const part of parts) {
      const jwt = `e30.${part}.c2ln`
      const got = outcome(() => decodeJsonPayload(jwt))
      expect(got).toEqual(outcome(() => reference(part)))
    }
  })
})
