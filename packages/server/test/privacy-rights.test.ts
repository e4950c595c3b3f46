import { defaultPrivacyPolicy } from '@landsea/core/privacy'
import { verifyBundle } from '@landsea/core/verify'
import { validateAgainst } from '@landsea/standards'
import { TEST_DATABASES } from '@landsea/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSide, readableBill, register, setPolicy, type Side } from './privacy-sides.js'
import { as } from './test-node.js'

const CONTACT = 'desk@carrier.example'
const TRANSPORT_DOCUMENT = 'dcsa-ebl-3.0.3#/components/schemas/TransportDocument'

for (const kind of TEST_DATABASES) {
  describe(`personal data at rest, reads and erasure on two nodes [${kind}]`, () => {
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

    const subjectAccess = async (side: Side, identifier: string) => {
      const res = await side.app.inject({
        method: 'POST',
        url: '/api/privacy/subject-access',
        headers: as(side.seed, 'operator'),
        payload: { identifier },
      })
      expect(res.statusCode).toBe(200)
      return res.json() as {
        subjectHash: string
        records: { id: string; fields: { path: string; value: string | null }[] }[]
        reads: { reader: string; what: string; subjectHashes: string[] }[]
      }
    }

    it('gates the bill list and history for a reader of another jurisdiction and logs local reads', async () => {
      // On the Singapore node, the Chongqing carrier has no PDPA basis: the list never leaves.
      const list = await sg.app.inject({ url: '/api/ebl', headers: as(sg.seed, 'carrier') })
      expect(list.statusCode).toBe(451)
      expect(list.json().error.code).toBe('PRIVACY_BASIS_MISSING_PDPA_TRANSFER_LIMITATION')
      // The signed history holds checksums, not personal data: it passes and records nothing.
      const bill = await readableBill(sg, 'carrier')
      const history = await sg.app.inject({
        url: `/api/ebl/${bill.id}/history`,
        headers: as(sg.seed, 'carrier'),
      })
      expect(history.statusCode).toBe(200)
      expect((await register(sg)).entries).toEqual([])

      // A Singapore reader is domestic: sent, and the read is in the access log.
      const local = await sg.app.inject({ url: '/api/ebl', headers: as(sg.seed, 'consignee') })
      expect(local.statusCode).toBe(200)
      expect(JSON.stringify(local.json())).toContain(CONTACT)
      const log = await sg.app.inject({
        url: '/api/privacy/access-log',
        headers: as(sg.seed, 'operator'),
      })
      const { subjectHash } = await subjectAccess(sg, CONTACT)
      expect(log.json().items[0]).toMatchObject({
        reader: sg.seed.organisations.consignee.id,
        what: 'GET /api/ebl',
      })
      expect(log.json().items[0].subjectHashes).toContain(subjectHash)
      expect(JSON.stringify(log.json())).not.toContain(CONTACT)
      // Subject access finds the person's bills and reads by keyed hash.
      const access = await subjectAccess(sg, CONTACT)
      expect(access.records.length).toBeGreaterThan(0)
      expect(access.records[0]!.fields).toContainEqual(
        expect.objectContaining({ path: '/partyContactDetails/0/email', value: CONTACT }),
      )
      expect(access.reads.map((r) => r.reader)).toContain(sg.seed.organisations.consignee.id)
    })

    it('gates the shipment timeline: a foreign reader gets the name of a person minimised', async () => {
      const bill = await readableBill(cn, 'consignee')
      const ingest = await cn.app.inject({
        method: 'POST',
        url: '/api/events',
        headers: as(cn.seed, 'carrier'),
        payload: [
          {
            eventID: '0190a5f2-7c1e-7a0c-8a1b-000000000077',
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
              address: { name: 'Tan Ah Kow', city: 'Singapore', country: 'SG' },
            },
            documentReferences: [
              { documentReferenceType: 'TRD', documentReferenceValue: bill.reference },
            ],
          },
        ],
      })
      expect(ingest.json()).toMatchObject({ accepted: 1 })
      const url = `/api/shipments/${bill.reference}/timeline?events=true`
      const foreign = await cn.app.inject({ url, headers: as(cn.seed, 'consignee') })
      expect(foreign.statusCode).toBe(200)
      expect(JSON.stringify(foreign.json())).not.toContain('Tan Ah Kow')
      expect(JSON.stringify(foreign.json())).toMatch(/hmac-sha256:[0-9a-f]{32}/)
      const domestic = await cn.app.inject({ url, headers: as(cn.seed, 'carrier') })
      expect(JSON.stringify(domestic.json())).toContain('Tan Ah Kow')
    })

    it('refuses erasure while the retention rule runs, then shreds: bundles still verify, nothing is left', async () => {
      const refused = await cn.app.inject({
        method: 'POST',
        url: '/api/privacy/erasures',
        headers: as(cn.seed, 'operator'),
        payload: { identifier: CONTACT },
      })
      expect(refused.statusCode).toBe(409)
      expect(refused.json().error).toMatchObject({
        code: 'PRIVACY_RETENTION_ACTIVE',
        issues: [expect.objectContaining({ code: 'shipping-record' })],
      })
      const pending = await cn.app.inject({
        url: '/api/privacy/erasures',
        headers: as(cn.seed, 'operator'),
      })
      const [request] = pending.json().items as { status: string; dueAt: string; rule: string }[]
      expect(request).toMatchObject({ status: 'pending', rule: 'shipping-record' })
      // The job applies it once the period has ended, not a second before.
      const dueAt = new Date(request!.dueAt)
      expect(await cn.node.privacyRights.eraseDue(new Date(dueAt.getTime() - 1000))).toEqual([])
      expect(await cn.node.privacyRights.eraseDue(dueAt)).toHaveLength(1)

      const access = await subjectAccess(cn, CONTACT)
      expect(access.records.length).toBeGreaterThan(0)
      for (const record of access.records) {
        for (const field of record.fields) expect(field.value).toBeNull()
      }
      expect(JSON.stringify(access)).not.toContain(CONTACT)
      expect(JSON.stringify(access)).not.toContain('Corridor desk')

      // The bill, its title history and its ledger proofs verify from the commitments alone.
      const bill = await readableBill(cn, 'consignee')
      const res = await cn.app.inject({
        url: `/api/ebl/${bill.id}/bundle`,
        headers: as(cn.seed, 'consignee'),
      })
      expect(res.statusCode).toBe(200)
      const bundle = res.json()
      expect(JSON.stringify(bundle)).not.toContain(CONTACT)
      expect(bundle.document.partyContactDetails[0]).toEqual({
        name: '[erased]',
        email: 'erased@erased.invalid',
      })
      for (const field of bundle.personalData.fields) expect(field.commitment).toMatch(/^sha256:/)
      expect((await verifyBundle(bundle, { witnessQuorum: 0 })).ok).toBe(true)
      // DCSA: the placeholders keep the exported document valid against eBL 3.0.3.
      expect(validateAgainst(TRANSPORT_DOCUMENT, bundle.document)).toEqual([])
      // A changed commitment no longer verifies.
      const forged = structuredClone(bundle)
      forged.personalData.fields[0].commitment = `sha256:${'0'.repeat(64)}`
      expect((await verifyBundle(forged, { witnessQuorum: 0 })).ok).toBe(false)
      expect((await register(cn)).failed).toEqual([])
    })

    it('erases at once where no retention rule applies', async () => {
      await setPolicy(sg, {
        ...defaultPrivacyPolicy('SG'),
        revision: 'no-retention',
        retention: [],
      })
      const erased = await sg.app.inject({
        method: 'POST',
        url: '/api/privacy/erasures',
        headers: as(sg.seed, 'operator'),
        payload: { identifier: CONTACT },
      })
      expect(erased.statusCode).toBe(200)
      expect(erased.json()).toMatchObject({ status: 'done', rule: null })
      const unknown = await sg.app.inject({
        method: 'POST',
        url: '/api/privacy/erasures',
        headers: as(sg.seed, 'operator'),
        payload: { identifier: 'nobody@example.sg' },
      })
      expect(unknown.json().error.code).toBe('PRIVACY_SUBJECT_NOT_FOUND')
    })
  })
}
