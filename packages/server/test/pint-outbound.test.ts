import { createServer } from 'node:net'
import { defaultPrivacyPolicy } from '@landsea/core/privacy'
import { createNode, seedDemo, type LandseaNode } from '@landsea/node'
import { openTestDatabase, TEST_DATABASES } from '@landsea/storage/testing'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { issueToShipper } from './pint-children.js'

const recipient = {
  platform: 'LSSG',
  codeListProvider: 'ZZZ',
  codeListName: 'UEN',
  partyCode: '201912345R',
}

/** A port nothing listens on: one the system handed out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

for (const kind of TEST_DATABASES) {
  describe(`PINT's outbound calls pass the guarded client and the privacy gate [${kind}]`, () => {
    let sg: LandseaNode
    let sgApp: FastifyInstance
    let sgUrl: string
    const received: string[] = []
    const senders: LandseaNode[] = []

    /** A Chongqing sender with its own database, a bill issued to its shipper, and Singapore known. */
    async function sender(options: { allowLoopback: boolean }) {
      const node = await createNode({
        database: await openTestDatabase(kind),
        platformCode: 'LSCQ',
        checkpointIntervalMs: 0,
        outbound: { allowLoopback: options.allowLoopback },
      })
      senders.push(node)
      const o = (await seedDemo(node, { withTracking: false }))!.organisations
      const billId = await issueToShipper(node, o, 'LSOUTBOUND01')
      await node.pint.addPlatform({
        code: 'LSSG',
        name: 'Singapore node',
        url: sgUrl,
        jwks: (await sg.pint.platform()).jwks,
        parties: [],
      })
      await sg.pint.addPlatform({
        code: 'LSCQ',
        name: 'Chongqing node',
        url: 'http://127.0.0.1:9',
        jwks: (await node.pint.platform()).jwks,
        parties: [],
      })
      const transfer = () =>
        node.pint.transferOut({
          documentId: billId,
          actor: o.shipper.id,
          action: 'ENDORSE_TO_ORDER',
          recipient,
        })
      return { node, o, billId, transfer }
    }

    beforeAll(async () => {
      sg = await createNode({
        database: await openTestDatabase(kind),
        platformCode: 'LSSG',
        checkpointIntervalMs: 0,
      })
      await seedDemo(sg, { withTracking: false })
      sgApp = await buildApp({ node: sg })
      sgApp.addHook('onRequest', async (request) => {
        received.push(`${request.method} ${request.url}`)
      })
      sgUrl = await sgApp.listen({ port: 0, host: '127.0.0.1' })
    })
    afterAll(async () => {
      await sgApp?.close()
      await sg?.close()
      for (const node of senders) await node.close()
    })

    it('a receiver on loopback is not called unless the operator allows it', async () => {
      const { transfer } = await sender({ allowLoopback: false })
      received.length = 0
      const t = await transfer()
      expect(t.status).toBe('SENDING')
      expect(t.lastError).toMatch(/loopback/)
      expect(received).toEqual([])
    })

    // The sample bill names a contact person (name, e-mail): personal data.
    it('personal data with no basis: refused before anything is stored or sent; with one, sent and registered once whatever the retries', async () => {
      const { node, o, billId, transfer } = await sender({ allowLoopback: true })
      const policy = defaultPrivacyPolicy('CN')
      await node.privacy.setPolicy({
        ...policy,
        requireSeparateConsent: true,
      })
      received.length = 0
      await expect(transfer()).rejects.toMatchObject({ code: 'PRIVACY_BASIS_MISSING_PIPL_CONSENT' })
      expect(received).toEqual([])
      expect(await node.pint.outbox()).toEqual([])
      expect(await node.privacy.register.list()).toEqual([])
      // The bill was never locked: a title action on it would still pass (checked without writing).
      expect((await node.registry.get(billId)).state.holder).toBe(o.shipper.id)

      await node.privacy.setPolicy({
        ...policy,
        requireSeparateConsent: true,
        bases: [
          {
            id: 'consent-7',
            kind: 'pipl-consent',
            exporter: '*',
            recipient: 'pint:LSSG',
            recipientCountry: 'SG',
            purposes: ['title-transfer'],
            reference: 'Separate consent record SC-2026-7',
          },
        ],
      })
      // First attempt to a platform that is down, then retried once it is back.
      const platform = (await node.pint.listPlatforms()).find((p) => p.code === 'LSSG')!
      await node.pint.addPlatform({ ...platform, url: `http://127.0.0.1:${await closedPort()}` })
      expect((await transfer()).status).toBe('SENDING')
      await node.pint.addPlatform({ ...platform, url: sgUrl })
      expect(await node.pint.deliverPending()).toBe(1)
      expect((await node.pint.outbox()).map((t) => t.status)).toEqual(['TRANSFERRED'])
      const register = await node.privacy.register.list()
      expect(register.map((e) => e.record)).toEqual([
        expect.objectContaining({
          channel: 'pint',
          exporter: o.shipper.id,
          recipient: 'pint:LSSG',
          recipientCountry: 'SG',
          action: 'send',
          basis: expect.objectContaining({ kind: 'pipl-consent', id: 'consent-7' }),
        }),
      ])
    })
  })
}
