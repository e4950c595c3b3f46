import { openTestDatabase, TEST_DATABASES } from '@landsea/storage/testing'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { seedDemo, type DemoSeed } from '@landsea/node'
import type { Fetch } from '@landsea/node'
import { createNode, type LandseaNode } from '@landsea/node'

// Routes a node's outgoing requests to the in-process app that serves the URL's origin.
function injectFetch(apps: Map<string, FastifyInstance>): Fetch {
  return async (url, init) => {
    const target = new URL(url)
    const app = apps.get(target.origin)
    if (!app) throw new Error(`no node at ${target.origin}`)
    const res = await app.inject({ method: init.method, url: target.pathname + target.search })
    return { status: res.statusCode, text: async () => res.body }
  }
}

for (const kind of TEST_DATABASES) {
  describe(`identity across two nodes, Chongqing and Singapore [${kind}]`, () => {
    const apps = new Map<string, FastifyInstance>()
    const nodes: LandseaNode[] = []
    let cq: FastifyInstance
    let sg: FastifyInstance
    let cqSeed: DemoSeed
    let sgSeed: DemoSeed

    beforeAll(async () => {
      const fetch = injectFetch(apps)
      const start = async (jurisdiction: string, origin: string) => {
        const node = await createNode({
          database: await openTestDatabase(kind),
          identity: { name: `${jurisdiction} node`, jurisdiction, publicUrl: origin },
          fetch,
          checkpointIntervalMs: 0,
        })
        const seed = (await seedDemo(node, { withTracking: false }))!
        const app = await buildApp({ node })
        apps.set(origin, app)
        nodes.push(node)
        return { app, seed }
      }
      ;({ app: cq, seed: cqSeed } = await start('CN', 'https://cq.landsea.example'))
      ;({ app: sg, seed: sgSeed } = await start('SG', 'https://sg.landsea.example'))
    })
    afterAll(async () => {
      for (const app of apps.values()) await app.close()
      for (const node of nodes) await node.close()
    })

    it('SG verifies a credential issued on the CN node once it imports and recognises the CN list', async () => {
      const operator = { authorization: `Bearer ${sgSeed.organisations.operator.apiKey}` }
      const carrier = (
        await cq.inject({
          method: 'GET',
          url: `/api/organisations/${cqSeed.organisations.carrier.id}/verification`,
        })
      ).json()
      const credential = carrier.credentials.find(
        (c: { type: string }) => c.type === 'LegalEntityCredential',
      ).credential
      const verify = async () =>
        (
          await sg.inject({
            method: 'POST',
            url: '/api/credentials/verify',
            headers: operator,
            payload: { credential },
          })
        ).json()

      // The issuer's did:web document comes from the CN node over the network.
      const before = await verify()
      expect(before.signature.ok, JSON.stringify(before.signature)).toBe(true)
      expect(before.trust).toMatchObject({ ok: false, code: 'IDENTITY_ISSUER_NOT_TRUSTED' })

      const cnList = (await cq.inject({ method: 'GET', url: '/api/trust/lists' }))
        .json()
        .items.find(
          (l: { jurisdiction: string; authority: string }) =>
            l.jurisdiction === 'CN' && l.authority.startsWith('did:web:cq.'),
        )
      const imported = await sg.inject({
        method: 'POST',
        url: '/api/trust/lists',
        headers: operator,
        payload: { jws: cnList.jws },
      })
      expect(imported.statusCode, imported.body).toBe(201)
      expect((await verify()).trust).toMatchObject({
        ok: false,
        code: 'IDENTITY_JURISDICTION_NOT_RECOGNISED',
      })

      const recognised = await sg.inject({
        method: 'POST',
        url: '/api/trust/recognitions',
        headers: operator,
        payload: {
          recognised: cnList.authority,
          credentialTypes: ['LegalEntityCredential'],
          validFrom: '2026-01-01T00:00:00Z',
          validUntil: '2030-01-01T00:00:00Z',
        },
      })
      expect(recognised.statusCode, recognised.body).toBe(201)
      const after = await verify()
      expect(after.isValid).toBe(true)
      expect(after.trust.message).toContain('SG recognises CN list v1 for LegalEntityCredential')
      expect(after.status.ok).toBe(true)

      // Revocation on the CN node is seen by SG through the status list it fetches.
      const revoked = await cq.inject({
        method: 'POST',
        url: `/api/credentials/${encodeURIComponent(carrier.verification.credentialId)}/revoke`,
        headers: { authorization: `Bearer ${cqSeed.organisations.operator.apiKey}` },
      })
      expect(revoked.statusCode).toBe(200)
      expect((await verify()).status).toMatchObject({ ok: false, code: 'IDENTITY_REVOKED' })
    })
  })
}
