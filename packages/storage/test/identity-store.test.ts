import { randomUUID } from 'node:crypto'
import { createDidDocument, type IdentityStore } from '@landsea/core/identity'
import { beforeAll, expect, it, vi } from 'vitest'
import { VERIFICATION_TTL_MS } from '../src/identity-store.js'
import { createIdentityStore, createOrganisationStore } from '../src/index.js'
import { describeEachDatabase } from './databases.js'

describeEachDatabase('identity store', (getDb) => {
  let store: IdentityStore
  const orgId = randomUUID()

  beforeAll(async () => {
    const { db } = getDb()
    store = createIdentityStore(db)
    await createOrganisationStore(db).create(
      {
        id: orgId,
        name: 'Carrier',
        nameZh: null,
        country: 'CN',
        roles: ['CARRIER'],
        identifiers: [],
        did: null,
        createdAt: new Date().toISOString(),
      },
      randomUUID(),
    )
  })

  it('caches DID documents and replaces them on refresh', async () => {
    const did = 'did:web:cq.example:orgs:a'
    const key = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }
    expect(await store.didCache.get(did)).toBeUndefined()
    const document = createDidDocument({ did, keys: [{ fragment: 'key-1', publicJwk: key }] })
    await store.didCache.set(did, { document, fetchedAt: '2026-11-27T08:00:00.000Z' })
    await store.didCache.set(did, { document, fetchedAt: '2026-11-27T09:00:00.000Z' })
    expect(await store.didCache.get(did)).toEqual({
      document,
      fetchedAt: '2026-11-27T09:00:00.000Z',
    })
  })

  it('keeps trust lists by authority and version, and recognitions, as trust material', async () => {
    await store.saveTrustList({
      authority: 'did:web:cn',
      version: 1,
      jurisdiction: 'CN',
      jws: 'list-cn-1',
    })
    await store.saveTrustList({
      authority: 'did:web:cn',
      version: 2,
      jurisdiction: 'CN',
      jws: 'list-cn-2',
    })
    await store.saveTrustList({
      authority: 'did:web:cn',
      version: 2,
      jurisdiction: 'CN',
      jws: 'list-cn-2b',
    })
    await store.saveRecognition({
      id: 'r1',
      recogniser: 'did:web:sg',
      recognisedJurisdiction: 'CN',
      jws: 'rec-1',
    })
    expect(await store.trustMaterial()).toEqual({
      lists: ['list-cn-1', 'list-cn-2b'],
      recognitions: ['rec-1'],
    })
  })

  it('stores credentials and lists them by organisation', async () => {
    const base = {
      issuer: 'did:web:cn',
      subject: 'did:web:x',
      type: 'LegalEntityCredential',
      format: 'vc+jwt' as const,
      statusList: null,
      statusIndex: null,
    }
    await store.saveCredential({
      ...base,
      id: 'c1',
      organisationId: orgId,
      credential: 'a.b.c',
      createdAt: '2026-01-01T00:00:00Z',
    })
    await store.saveCredential({
      ...base,
      id: 'c2',
      organisationId: null,
      credential: 'd.e.f',
      createdAt: '2026-01-02T00:00:00Z',
    })
    expect((await store.listCredentials({ organisationId: orgId })).map((c) => c.id)).toEqual([
      'c1',
    ])
    expect((await store.getCredential('c2'))?.credential).toBe('d.e.f')
    expect(await store.getCredential('nope')).toBeUndefined()
    await store.assignCredential('c2', orgId)
    expect((await store.listCredentials({ organisationId: orgId })).map((c) => c.id)).toEqual([
      'c1',
      'c2',
    ])
  })

  it('allocates distinct status indexes under concurrency and flips bits', async () => {
    await store.createStatusList({
      id: 'https://n/status/1',
      issuer: 'did:web:cn',
      purpose: 'revocation',
      bitstring: new Uint8Array(16384),
    })
    const indexes = await Promise.all(
      Array.from({ length: 20 }, () => store.allocateStatusIndex('https://n/status/1')),
    )
    expect(new Set(indexes).size).toBe(20)
    expect(Math.min(...indexes)).toBe(0)
    await store.setStatus('https://n/status/1', 9, true)
    const list = await store.getStatusList('https://n/status/1')
    expect(list?.bitstring[1]).toBe(0x40)
    expect(list?.nextIndex).toBe(20)
    await store.setStatus('https://n/status/1', 9, false)
    expect((await store.getStatusList('https://n/status/1'))?.bitstring[1]).toBe(0)
    await expect(store.setStatus('https://n/status/1', 16384 * 8, true)).rejects.toThrow()
  })

  it('records an organisation’s verification', async () => {
    expect(await store.getVerification(orgId)).toEqual({ status: 'unverified' })
    await store.setVerification(orgId, {
      status: 'verified',
      credentialId: 'c1',
      issuer: 'did:web:cn',
      trustPath: ['a', 'b'],
      verifiedAt: '2026-11-27T08:00:00Z',
    })
    expect(await store.getVerification(orgId)).toMatchObject({
      status: 'verified',
      trustPath: ['a', 'b'],
    })
    expect(await store.getVerification('missing')).toBeUndefined()
  })

  it('sees a verification change at once through any store on the handle, and from elsewhere within the TTL', async () => {
    const other = createIdentityStore(getDb().db)
    await store.setVerification(orgId, { status: 'verified', verifiedAt: '2026-11-27T08:00:00Z' })
    expect((await other.getVerification(orgId))?.status).toBe('verified')
    await other.setVerification(orgId, { status: 'revoked', verifiedAt: '2026-11-27T09:00:00Z' })
    expect((await store.getVerification(orgId))?.status).toBe('revoked')
    // Another process writes the row directly: the cached answer lasts at most the TTL.
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      expect((await store.getVerification(orgId))?.status).toBe('revoked')
      await getDb()
        .db.updateTable('organisations')
        .set({ verification_status: 'verified', verification: null })
        .where('id', '=', orgId)
        .execute()
      expect((await store.getVerification(orgId))?.status).toBe('revoked')
      vi.setSystemTime(new Date(Date.now() + VERIFICATION_TTL_MS))
      expect((await store.getVerification(orgId))?.status).toBe('verified')
    } finally {
      vi.useRealTimers()
    }
  })

  it('sees new trust material and a reassigned credential at once through any store on the handle', async () => {
    const other = createIdentityStore(getDb().db)
    const before = await other.trustMaterial()
    await store.saveTrustList({
      authority: 'did:web:hk',
      version: 1,
      jurisdiction: 'HK',
      jws: 'list-hk-1',
    })
    expect((await other.trustMaterial()).lists).toEqual([...before.lists, 'list-hk-1'])
    await store.saveRecognition({
      id: 'r-hk',
      recogniser: 'did:web:cn',
      recognisedJurisdiction: 'HK',
      jws: 'rec-hk',
    })
    expect((await other.trustMaterial()).recognitions).toContain('rec-hk')
    expect(await other.getCredential('c-late')).toBeUndefined()
    await store.saveCredential({
      id: 'c-late',
      issuer: 'did:web:cn',
      subject: 'did:web:y',
      organisationId: null,
      type: 'LegalEntityCredential',
      format: 'vc+jwt',
      credential: 'g.h.i',
      statusList: null,
      statusIndex: null,
      createdAt: '2026-01-03T00:00:00Z',
    })
    expect((await other.getCredential('c-late'))?.organisationId).toBeNull()
    await store.assignCredential('c-late', orgId)
    expect((await other.getCredential('c-late'))?.organisationId).toBe(orgId)
  })

  it('sees trust material written by another process within the TTL', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const before = await store.trustMaterial()
      await getDb()
        .db.insertInto('identity_trust_lists')
        .values({
          authority: 'did:web:mo',
          version: 1,
          jurisdiction: 'MO',
          jws: 'list-mo-1',
          created_at: new Date().toISOString(),
        })
        .execute()
      expect(await store.trustMaterial()).toEqual(before)
      vi.setSystemTime(new Date(Date.now() + VERIFICATION_TTL_MS))
      expect((await store.trustMaterial()).lists).toContain('list-mo-1')
    } finally {
      vi.useRealTimers()
    }
  })

  it('consumes a nonce exactly once and never after it expires', async () => {
    await store.createChallenge('n1', '2026-11-27T08:05:00.000Z')
    await store.createChallenge('n2', '2026-11-27T08:05:00.000Z')
    const results = await Promise.all(
      [1, 2, 3].map(() => store.consumeChallenge('n1', '2026-11-27T08:00:00.000Z')),
    )
    expect(results.filter(Boolean)).toHaveLength(1)
    expect(await store.consumeChallenge('n2', '2026-11-27T08:06:00.000Z')).toBe(false)
    expect(await store.consumeChallenge('unknown', '2026-11-27T08:00:00.000Z')).toBe(false)
  })
})
