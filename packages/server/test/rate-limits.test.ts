import { didKeyFromJwk } from '@landsea/core/identity'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.js'
import { as, describeEachNode } from './test-node.js'

describeEachNode('rate limits on routes that cost the node an outbound request', (get) => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await buildApp({ node: get().node, outboundLimit: { max: 3, windowMs: 60_000 } })
  })
  afterAll(() => app.close())

  it('answers 429 RATE_LIMITED past the limit, per API key, after authentication', async () => {
    const { node, seed } = get()
    const key = await node.organisations.getCustodialKey(seed.organisations.shipper.id)
    const { d: _private, ...publicJwk } = key!.privateJwk as Record<string, string>
    const did = encodeURIComponent(didKeyFromJwk(publicJwk))
    const resolve = (headers: Record<string, string>) =>
      app.inject({ method: 'GET', url: `/api/identity/dids/${did}`, headers })
    for (let i = 0; i < 3; i++) expect((await resolve(as(seed, 'shipper'))).statusCode).toBe(200)
    const refused = await resolve(as(seed, 'shipper'))
    expect(refused.statusCode).toBe(429)
    expect(refused.json().error.code).toBe('RATE_LIMITED')
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    // Another API key has its own allowance; no key is refused by authentication, not counted.
    expect((await resolve(as(seed, 'carrier'))).statusCode).toBe(200)
    expect((await resolve({})).statusCode).toBe(401)

    // Credential verification counts per key too, even for a body it then refuses.
    const verify = () =>
      app.inject({
        method: 'POST',
        url: '/api/credentials/verify',
        headers: as(seed, 'cnBank'),
        payload: { credential: 'not-a-credential' },
      })
    for (let i = 0; i < 3; i++) expect((await verify()).statusCode).not.toBe(429)
    expect((await verify()).json().error.code).toBe('RATE_LIMITED')
  })

  it('lists 429 for those routes in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
    expect(doc.paths['/api/identity/dids/{did}'].get.responses).toHaveProperty('429')
    expect(doc.paths['/api/credentials/verify'].post.responses).toHaveProperty('429')
    expect(doc.paths['/api/organisations/join'].post.responses).toHaveProperty('429')
  })
})
