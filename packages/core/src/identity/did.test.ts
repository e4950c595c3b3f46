import { describe, expect, it } from 'vitest'
import { generateSigningKeyPair } from '../crypto/index.js'
import { createLegalEntityCredential } from './credential.js'
import { didKeyFromJwk, resolveDidKey } from './did-key.js'
import { createDidDocument, didWebFromUrl, didWebToUrl, rotateDidDocumentKey } from './did-web.js'
import { createDidResolver, createMemoryDidCache } from './did-resolver.js'
import { createKeyLookup } from './key-lookup.js'
import { jwkFromMultikey, multikeyFromJwk } from './multikey.js'
import { issueVcJwt, verifyVcJwt } from './vc-jwt.js'
import keyPair from './fixtures/w3c-vc-di-eddsa/keyPair.json' with { type: 'json' }

describe('did:key and Multikey', () => {
  it('round-trips the W3C vector key and keys of all three suites', async () => {
    const jwk = jwkFromMultikey(keyPair.publicKeyMultibase)
    expect(multikeyFromJwk(jwk)).toBe(keyPair.publicKeyMultibase)
    for (const alg of ['EdDSA', 'ES256', 'SM2SM3'] as const) {
      const key = await generateSigningKeyPair({ alg })
      const did = didKeyFromJwk(key.publicJwk)
      const document = resolveDidKey(did)
      expect(document.verificationMethod[0]?.publicKeyMultibase).toBe(did.slice('did:key:'.length))
      const back = jwkFromMultikey(document.verificationMethod[0]?.publicKeyMultibase)
      expect({ x: back.x, y: back.y }).toEqual({ x: key.publicJwk.x, y: key.publicJwk.y })
    }
    expect(didKeyFromJwk(jwk).startsWith('did:key:z6Mk')).toBe(true)
  })

  it('refuses malformed did:key values', () => {
    for (const bad of ['did:key:', 'did:key:zzzz', 'did:key:u123', 'did:key:z0OIl']) {
      expect(() => resolveDidKey(bad), bad).toThrow(
        expect.objectContaining({ code: 'IDENTITY_DID_UNRESOLVABLE' }),
      )
    }
  })
})

describe('did:web', () => {
  it('maps URLs to DIDs and back, percent-encoding the port', () => {
    expect(didWebFromUrl('https://cq.landsea.example/orgs/acme')).toBe(
      'did:web:cq.landsea.example:orgs:acme',
    )
    expect(didWebFromUrl('http://localhost:8443/')).toBe('did:web:localhost%3A8443')
    expect(didWebToUrl('did:web:localhost%3A8443')).toBe(
      'https://localhost:8443/.well-known/did.json',
    )
    expect(didWebToUrl('did:web:cq.landsea.example:orgs:acme')).toBe(
      'https://cq.landsea.example/orgs/acme/did.json',
    )
    expect(() => didWebToUrl('did:web:x.example:%2E%2E')).toThrow(
      expect.objectContaining({ code: 'IDENTITY_MALFORMED' }),
    )
  })
})

describe('DID resolution with an offline cache, and key rotation', () => {
  it('serves from cache offline, refreshes when stale, and falls back to a stale copy when the network fails', async () => {
    const key = await generateSigningKeyPair()
    const did = 'did:web:sg.landsea.example:orgs:bank'
    const document = createDidDocument({
      did,
      keys: [{ fragment: 'key-1', publicJwk: key.publicJwk }],
    })
    let fetches = 0
    let online = true
    let clock = new Date('2026-11-27T08:00:00Z')
    const resolver = createDidResolver({
      cache: createMemoryDidCache(),
      fetchDocument: async (url) => {
        fetches++
        expect(url).toBe('https://sg.landsea.example/orgs/bank/did.json')
        if (!online) throw new Error('offline')
        return document
      },
      maxAgeSeconds: 60,
      now: () => clock,
    })
    await resolver.resolve(did)
    await resolver.resolve(did)
    expect(fetches).toBe(1)
    clock = new Date('2026-11-27T08:05:00Z')
    online = false
    expect((await resolver.resolve(did)).id).toBe(did)
    expect(fetches).toBe(2)
    const offline = createDidResolver()
    await expect(offline.resolve(did)).rejects.toMatchObject({ code: 'IDENTITY_DID_UNRESOLVABLE' })
  })

  it('refuses a document served for another DID', async () => {
    const key = await generateSigningKeyPair()
    const resolver = createDidResolver({
      fetchDocument: async () =>
        createDidDocument({
          did: 'did:web:evil.example',
          keys: [{ fragment: 'k', publicJwk: key.publicJwk }],
        }),
    })
    await expect(resolver.resolve('did:web:good.example')).rejects.toMatchObject({
      code: 'IDENTITY_DID_UNRESOLVABLE',
    })
  })

  it('keeps credentials signed before a rotation verifiable, and refuses the old key afterwards', async () => {
    const did = 'did:web:samr.cn.example'
    const oldKey = await generateSigningKeyPair({ alg: 'SM2SM3' })
    const newKey = await generateSigningKeyPair({ alg: 'SM2SM3' })
    const cache = createMemoryDidCache()
    const before = createDidDocument({
      did,
      keys: [{ fragment: 'key-1', publicJwk: oldKey.publicJwk }],
    })
    const after = rotateDidDocumentKey(before, {
      fragment: 'key-2',
      publicJwk: newKey.publicJwk,
      at: '2026-06-01T00:00:00Z',
    })
    expect(after.verificationMethod.map((m) => [m.id, m.expires])).toEqual([
      [`${did}#key-1`, '2026-06-01T00:00:00Z'],
      [`${did}#key-2`, undefined],
    ])
    cache.set(did, { document: after, fetchedAt: new Date().toISOString() })
    const lookup = createKeyLookup(createDidResolver({ cache }))
    const credential = (validFrom: string) =>
      createLegalEntityCredential({
        issuer: did,
        subject: {
          id: 'did:web:cq.example:orgs:a',
          legalName: { en: 'A' },
          jurisdiction: 'CN',
          identifier: { scheme: 'USCC', value: '91110000600037341L' },
          registeredAddress: { streetAddress: 'x', locality: 'Beijing', countryCode: 'CN' },
        },
        validFrom,
      })
    const old = await issueVcJwt({
      credential: credential('2026-03-01T00:00:00Z'),
      privateJwk: oldKey.privateJwk,
      alg: 'SM2SM3',
      kid: `${did}#key-1`,
    })
    expect((await verifyVcJwt(old, lookup)).key.id).toBe(`${did}#key-1`)
    const late = await issueVcJwt({
      credential: credential('2026-07-01T00:00:00Z'),
      privateJwk: oldKey.privateJwk,
      alg: 'SM2SM3',
      kid: `${did}#key-1`,
    })
    await expect(verifyVcJwt(late, lookup)).rejects.toMatchObject({ code: 'IDENTITY_KEY_RETIRED' })
    const fresh = await issueVcJwt({
      credential: credential('2026-07-01T00:00:00Z'),
      privateJwk: newKey.privateJwk,
      alg: 'SM2SM3',
      kid: `${did}#key-2`,
    })
    expect((await verifyVcJwt(fresh, lookup)).key.id).toBe(`${did}#key-2`)
  })
})
