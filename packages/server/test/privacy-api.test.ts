import { createServer, type Server } from 'node:http'
import { defaultPrivacyPolicy } from '@landsea/core/privacy'
import { verifyBundle } from '@landsea/core/verify'
import { TEST_DATABASES } from '@landsea/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSide, readableBill, register, setPolicy, type Side } from './privacy-sides.js'
import { as } from './test-node.js'

for (const kind of TEST_DATABASES) {
  describe(`privacy gate on two nodes, Chongqing and Singapore [${kind}]`, () => {
    let cn: Side
    let sg: Side
    beforeAll(async () => {
      cn = await openSide(kind, 'CN')
      sg = await openSide(kind, 'SG')
    })
    afterAll(async () => {
      for (const side of [cn, sg]) {
        await side?.app.close()
        await side?.node.close()
      }
    })

    it('bundle CN → SG: sent under the volume exemption and recorded as a verifiable ledger leaf', async () => {
      const bill = await readableBill(cn, 'consignee')
      const res = await cn.app.inject({
        url: `/api/ebl/${bill.id}/bundle`,
        headers: as(cn.seed, 'consignee'),
      })
      expect(res.statusCode).toBe(200)
      expect((await verifyBundle(res.json(), { witnessQuorum: 0 })).ok).toBe(true)
      const { entries, failed, treeSize } = await register(cn)
      expect(entries).toHaveLength(1)
      expect(entries[0]!.record).toMatchObject({
        channel: 'bundle',
        recipient: cn.seed.organisations.consignee.id,
        recipientCountry: 'SG',
        action: 'send',
        categories: ['contact'],
        basis: { kind: 'pipl-volume-exemption' },
      })
      expect(entries[0]!.record.subjectCount).toBeGreaterThan(0)
      // Keyed hashes only: no e-mail of the document is in the entry.
      expect(JSON.stringify(entries[0]!.record)).not.toMatch(/@/)
      expect(entries[0]!.leafIndex).toBeLessThan(treeSize)
      expect(failed).toEqual([])

      // A domestic reader (the Chongqing shipper) crosses no border: nothing recorded.
      const shipperBill = await readableBill(cn, 'shipper')
      const domestic = await cn.app.inject({
        url: `/api/ebl/${shipperBill.id}/bundle`,
        headers: as(cn.seed, 'shipper'),
      })
      expect(domestic.statusCode).toBe(200)
      expect((await register(cn)).entries).toHaveLength(1)
    })

    it('bundle CN → SG: refused with the missing basis named when the exporter is a CIIO', async () => {
      await setPolicy(cn, { ...defaultPrivacyPolicy('CN'), revision: 'ciio', ciio: true })
      const bill = await readableBill(cn, 'consignee')
      const res = await cn.app.inject({
        url: `/api/ebl/${bill.id}/bundle`,
        headers: as(cn.seed, 'consignee'),
      })
      expect(res.statusCode).toBe(451)
      expect(res.json().error.code).toBe('PRIVACY_BASIS_MISSING_PIPL_SECURITY_ASSESSMENT')
      expect((await register(cn)).entries).toHaveLength(1)
      await setPolicy(cn, defaultPrivacyPolicy('CN'))
    })

    it('bundle SG → CN: refused without a PDPA basis, sent and recorded under a registered contract', async () => {
      const bill = await readableBill(sg, 'carrier')
      const url = `/api/ebl/${bill.id}/bundle`
      const refused = await sg.app.inject({ url, headers: as(sg.seed, 'carrier') })
      expect(refused.statusCode).toBe(451)
      expect(refused.json().error.code).toBe('PRIVACY_BASIS_MISSING_PDPA_TRANSFER_LIMITATION')
      expect((await register(sg)).entries).toEqual([])

      await setPolicy(sg, {
        ...defaultPrivacyPolicy('SG'),
        revision: '2026-12-02',
        bases: [
          {
            id: 'tlo-contract-7',
            kind: 'pdpa-contract',
            exporter: 'SG node',
            recipient: sg.seed.organisations.carrier.id,
            recipientCountry: 'CN',
            purposes: ['title-transfer'],
            reference: 'Data transfer agreement DTA-2026-07, cl. 4 (countries: CN)',
          },
        ],
      })
      const sent = await sg.app.inject({ url, headers: as(sg.seed, 'carrier') })
      expect(sent.statusCode).toBe(200)
      const { entries, failed } = await register(sg)
      expect(entries.map((e) => e.record.basis)).toEqual([
        {
          kind: 'pdpa-contract',
          id: 'tlo-contract-7',
          reference: 'Data transfer agreement DTA-2026-07, cl. 4 (countries: CN)',
        },
      ])
      expect(failed).toEqual([])
    })

    it('API read SG → CN: a Chongqing organisation reading on the Singapore node passes the same gate', async () => {
      const bill = await readableBill(sg, 'carrier')
      const before = (await register(sg)).entries.length
      // The registered contract covers title-transfer to the carrier: the read is sent and recorded.
      const read = await sg.app.inject({
        url: `/api/ebl/${bill.id}`,
        headers: as(sg.seed, 'carrier'),
      })
      expect(read.statusCode).toBe(200)
      expect(JSON.stringify(read.json().document.partyContactDetails)).toMatch(/"name"/)
      const entries = (await register(sg)).entries
      expect(entries.length).toBe(before + 1)
      expect(entries.at(-1)!.record).toMatchObject({ channel: 'api-read', recipientCountry: 'CN' })
      // Without a basis the read is refused, whatever the channel.
      await setPolicy(sg, defaultPrivacyPolicy('SG'))
      const refused = await sg.app.inject({
        url: `/api/ebl/${bill.id}`,
        headers: as(sg.seed, 'carrier'),
      })
      expect(refused.statusCode).toBe(451)
      expect(refused.json().error.code).toBe('PRIVACY_BASIS_MISSING_PDPA_TRANSFER_LIMITATION')
      // A Singapore reader on the Singapore node is domestic.
      const local = await readableBill(sg, 'consignee')
      expect(
        (await sg.app.inject({ url: `/api/ebl/${local.id}`, headers: as(sg.seed, 'consignee') }))
          .statusCode,
      ).toBe(200)
      expect((await register(sg)).entries.length).toBe(before + 1)
    })

    describe('webhook CN → SG', () => {
      let server: Server
      let url = ''
      const received: string[] = []
      beforeAll(async () => {
        server = createServer((req, res) => {
          let body = ''
          req.on('data', (chunk) => (body += chunk))
          req.on('end', () => {
            received.push(body)
            res.end()
          })
        })
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
        const address = server.address()
        url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`
      })
      afterAll(async () => {
        await new Promise((resolve) => server.close(resolve))
      })

      // A gate-in at a door-delivery address naming the individual who receives the container.
      const event = (n: number, name: string) => ({
        eventID: `0190a5f2-7c1e-7a0c-8a1b-${String(n).padStart(12, '0')}`,
        eventCreatedDateTime: '2026-05-02T06:10:00Z',
        eventClassifierCode: 'ACT',
        eventDateTime: '2026-05-02T06:00:00Z',
        eventType: 'EQUIPMENT',
        equipmentEventTypeCode: 'GTIN',
        emptyIndicatorCode: 'LADEN',
        equipmentReference: 'APZU4812090',
        ISOEquipmentCode: '45G1',
        eventLocation: {
          locationName: 'Consignee door',
          UNLocationCode: 'SGSIN',
          address: { name, street: 'Jurong Port Road', city: 'Singapore', country: 'SG' },
        },
        documentReferences: [
          { documentReferenceType: 'TRD', documentReferenceValue: 'LSPRIV0001' },
        ],
      })

      async function deliver(n: number, name: string) {
        const ingest = await cn.app.inject({
          method: 'POST',
          url: '/api/events',
          headers: as(cn.seed, 'carrier'),
          payload: [event(n, name)],
        })
        expect(ingest.json()).toMatchObject({ accepted: 1 })
        const before = received.length
        await cn.node.webhooks.runOnce()
        return received.length > before ? (JSON.parse(received.at(-1)!) as unknown[]) : undefined
      }

      it('minimises for tracking, sends under a basis when the purpose needs it, refuses without one', async () => {
        const origin = new URL(url).origin
        const created = await cn.app.inject({
          method: 'POST',
          url: '/api/event-subscriptions',
          headers: as(cn.seed, 'operator'),
          payload: {
            callbackUrl: url,
            secret: 'a-very-long-shared-secret',
            filter: { equipmentReference: 'APZU4812090' },
          },
        })
        expect(created.statusCode).toBe(201)
        const base = defaultPrivacyPolicy('CN')
        await setPolicy(cn, {
          ...base,
          revision: 'r1',
          recipients: [{ id: origin, country: 'SG' }],
        })

        // Tracking needs no personal data: the name is replaced by the node's keyed hash.
        const minimised = await deliver(1, 'Tan Ah Kow')
        const address = (minimised?.[0] as { eventLocation: { address: { name: string } } })
          .eventLocation.address
        expect(address.name).toMatch(/^hmac-sha256:[0-9a-f]{32}$/)
        expect(JSON.stringify(minimised)).not.toContain('Tan Ah Kow')

        // The operator says this subscriber's tracking purpose needs the name: sent, recorded.
        await setPolicy(cn, {
          ...base,
          revision: 'r2',
          recipients: [{ id: origin, country: 'SG' }],
          purposes: base.purposes.map((p) =>
            p.id === 'tracking' ? { ...p, needsPersonalData: true } : p,
          ),
        })
        const sent = await deliver(2, 'Tan Ah Kow')
        expect(JSON.stringify(sent)).toContain('Tan Ah Kow')

        // A CIIO has no security assessment: the delivery never leaves, the log says why.
        await setPolicy(cn, {
          ...base,
          revision: 'r3',
          ciio: true,
          recipients: [{ id: origin, country: 'SG' }],
          purposes: base.purposes.map((p) =>
            p.id === 'tracking' ? { ...p, needsPersonalData: true } : p,
          ),
        })
        expect(await deliver(3, 'Lim Bee Hoon')).toBeUndefined()
        const log = await cn.app.inject({
          url: `/api/event-subscriptions/${created.json().subscriptionID}/deliveries`,
          headers: as(cn.seed, 'operator'),
        })
        expect(
          log.json().items.find((d: { status: string }) => d.status === 'FAILED').lastError,
        ).toMatch(/^PRIVACY_BASIS_MISSING_PIPL_SECURITY_ASSESSMENT/)

        const webhookEntries = (await register(cn)).entries.filter(
          (e) => e.record.channel === 'webhook',
        )
        expect(webhookEntries.map((e) => [e.record.action, e.record.recipientCountry])).toEqual([
          ['minimise', 'SG'],
          ['send', 'SG'],
        ])
        // Subject access finds nothing by the name alone; the register's counted subject is hashed.
        const access = await cn.app.inject({
          method: 'POST',
          url: '/api/privacy/subject-access',
          headers: as(cn.seed, 'operator'),
          payload: { identifier: 'Tan Ah Kow' },
        })
        expect(access.json().transfers.map((t: { leafIndex: number }) => t.leafIndex)).toEqual(
          webhookEntries.map((e) => e.leafIndex),
        )
        await setPolicy(cn, defaultPrivacyPolicy('CN'))
      })
    })

    it('reports per exporter and recipient country, as JSON and CSV, operator only', async () => {
      const year = new Date().getUTCFullYear()
      const json = await cn.app.inject({
        url: `/api/privacy/report?year=${year}`,
        headers: as(cn.seed, 'operator'),
      })
      expect(json.statusCode).toBe(200)
      expect(json.json().rows).toEqual([
        expect.objectContaining({
          exporter: 'CN node',
          recipientCountry: 'SG',
          categories: ['contact'],
        }),
      ])
      const csv = await cn.app.inject({
        url: `/api/privacy/report?year=${year}&format=csv`,
        headers: as(cn.seed, 'operator'),
      })
      expect(csv.headers['content-type']).toMatch(/^text\/csv/)
      expect(csv.body.split('\r\n')[1]).toMatch(/^CN node,SG,/)
      const forbidden = await cn.app.inject({
        url: `/api/privacy/report?year=${year}`,
        headers: as(cn.seed, 'consignee'),
      })
      expect(forbidden.statusCode).toBe(403)
    })

    it('refuses a malformed policy with the field, and an unknown jurisdiction', async () => {
      const bad = await cn.app.inject({
        method: 'PUT',
        url: '/api/privacy/policy',
        headers: as(cn.seed, 'operator'),
        payload: {
          ...defaultPrivacyPolicy('CN'),
          thresholds: { ...defaultPrivacyPolicy('CN').thresholds, warnAt: 2 },
        },
      })
      expect(bad.statusCode).toBe(400)
      expect(bad.json().error).toMatchObject({
        code: 'PRIVACY_POLICY_INVALID',
        issues: [expect.objectContaining({ path: '/thresholds/warnAt' })],
      })
      const unknown = await cn.app.inject({
        method: 'PUT',
        url: '/api/privacy/policy',
        headers: as(cn.seed, 'operator'),
        payload: { ...defaultPrivacyPolicy('CN'), jurisdiction: 'XX' },
      })
      expect(unknown.json().error.code).toBe('PRIVACY_JURISDICTION_UNKNOWN')
      const spec = (await cn.app.inject({ url: '/openapi.json' })).json()
      expect(Object.keys(spec.paths)).toEqual(
        expect.arrayContaining([
          '/api/privacy/policy',
          '/api/privacy/register',
          '/api/privacy/report',
        ]),
      )
    })
  })
}
