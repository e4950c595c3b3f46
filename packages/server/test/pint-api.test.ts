import { verifyPintJws, type PintEnvelope } from '@landsea/core/pint'
import { defaultPrivacyPolicy } from '@landsea/core/privacy'
import { validatePint } from '@landsea/node'
import { TEST_DATABASES } from '@landsea/storage/testing'
import { describe, expect, it } from 'vitest'
import { SG } from './pint-network.js'
import {
  craft,
  expectConformant,
  freshBill,
  postEnvelope,
  toConsignee,
  usePintPair,
} from './pint-pair.js'
import { as } from './test-node.js'

for (const kind of TEST_DATABASES) {
  describe(`PINT 3.0 between two Landsea nodes, Chongqing (LSCQ) and Singapore (LSSG) [${kind}]`, () => {
    const pair = usePintPair(kind)

    it('keeps the platform directory operator-only and refuses a malformed platform', async () => {
      const anon = await pair.cq.inject({ url: '/api/pint/platforms' })
      expect(anon.statusCode).toBe(401)
      const shipper = await pair.cq.inject({
        url: '/api/pint/platforms',
        headers: as(pair.cqSeed, 'shipper'),
      })
      expect(shipper.statusCode).toBe(403)
      const listed = await pair.cq.inject({
        url: '/api/pint/platforms',
        headers: as(pair.cqSeed, 'operator'),
      })
      expect(listed.json().map((p: { code: string }) => p.code)).toEqual(['LSSG'])
      const bad = await pair.cq.inject({
        method: 'POST',
        url: '/api/pint/platforms',
        headers: as(pair.cqSeed, 'operator'),
        payload: { code: 'LSCQ', name: 'me', url: 'ftp://x', jwks: { keys: [{ kid: 'a' }] } },
      })
      expect(bad.statusCode).toBe(400)
      expect(
        bad
          .json()
          .error.issues.map((i: { path: string }) => i.path)
          .sort(),
      ).toEqual(['/code', '/url'])
    })

    it('answers receiver validation for a party it serves, 404 otherwise', async () => {
      const ok = await pair.sg.inject({
        method: 'POST',
        url: '/v3/receiver-validation',
        payload: { codeListProvider: 'ZZZ', codeListName: 'UEN', partyCode: '201912345R' },
      })
      expect(ok.statusCode).toBe(200)
      expect(validatePint('ReceiverValidationResponse', ok.json())).toEqual([])
      const unknown = await pair.sg.inject({
        method: 'POST',
        url: '/v3/receiver-validation',
        payload: { codeListProvider: 'GLEIF', partyCode: '000000000000000000X0' },
      })
      expect(unknown.statusCode).toBe(404)
    })

    it('sends a bill across: signed RECE, the bill locked on the sender, held by the consignee on the receiver', async () => {
      const bill = pair.cqSeed.bills.find((b) => b.stage === 'issued to the shipper')!
      pair.wire.length = 0
      const res = await pair.cq.inject({
        method: 'POST',
        url: `/api/ebl/${bill.id}/pint-transfers`,
        headers: as(pair.cqSeed, 'shipper'),
        payload: {
          action: 'ENDORSE_TO_ORDER',
          recipient: {
            platform: 'LSSG',
            codeListProvider: 'ZZZ',
            codeListName: 'UEN',
            partyCode: '201912345R',
          },
        },
      })
      expect(res.statusCode, res.body).toBe(201)
      expect(res.json()).toMatchObject({
        status: 'TRANSFERRED',
        responseCode: 'RECE',
        platform: 'LSSG',
      })
      // POST envelope (201, one document missing), PUT the document, PUT finish-transfer (signed RECE).
      expect(pair.wire.map((w) => `${w.method} ${w.status}`)).toEqual([
        'POST 201',
        'PUT 204',
        'PUT 200',
      ])
      for (const exchange of pair.wire) await expectConformant(exchange, pair.sgKeys)
      const signed = await verifyPintJws(res.json().response, pair.sgKeys)
      expect(signed).toMatchObject({
        responseCode: 'RECE',
        lastEnvelopeTransferChainEntrySignedContentChecksum: res.json().lastEntryChecksum,
      })

      // The bill's bundle (organisation-signed entries, log evidence) travelled as the listed document.
      const [inbound] = (
        await pair.sg.inject({ url: '/api/pint/inbox', headers: as(pair.sgSeed, 'operator') })
      ).json()
      expect(inbound).toMatchObject({
        status: 'ACCEPTED',
        sender: 'LSCQ',
        recipient: pair.sgSeed.organisations.consignee.id,
      })
      expect(inbound.documents.map((d: { name: string }) => d.name)).toEqual([
        'landsea-ebl-bundle.json',
      ])
      expect(inbound.received).toEqual([inbound.documents[0].documentChecksum])

      // Locked on the sender: no title action, no second transfer.
      const act = await pair.cq.inject({
        method: 'POST',
        url: `/api/ebl/${bill.id}/actions`,
        headers: as(pair.cqSeed, 'shipper'),
        payload: { action: 'ENDORSE_TO_ORDER', recipient: pair.cqSeed.organisations.cnBank.id },
      })
      expect(act.statusCode).toBe(409)
      const again = await pair.cq.inject({
        method: 'POST',
        url: `/api/ebl/${bill.id}/pint-transfers`,
        headers: as(pair.cqSeed, 'shipper'),
        payload: {
          action: 'ENDORSE_TO_ORDER',
          recipient: {
            platform: 'LSSG',
            codeListProvider: 'ZZZ',
            codeListName: 'UEN',
            partyCode: '201912345R',
          },
        },
      })
      expect(again.statusCode).toBe(409)
      const journey = await pair.cq.inject({
        url: `/api/ebl/${bill.id}/pint-transfers`,
        headers: as(pair.cqSeed, 'shipper'),
      })
      expect(
        journey
          .json()
          .map((t: { platform: string; status: string }) => `${t.platform} ${t.status}`),
      ).toEqual(['LSSG TRANSFERRED'])

      // The same envelope again: DUPE, with the accepted last entry.
      const sent = JSON.parse(pair.wire[0]!.body!) as PintEnvelope
      const dupe = await postEnvelope(pair, sent)
      expect(dupe.status).toBe(200)
      expect(dupe.signed).toMatchObject({
        responseCode: 'DUPE',
        duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent:
          sent.envelopeTransferChain.at(-1),
      })
      expect(validatePint('EnvelopeTransferFinishedResponse', dupe.signed)).toEqual([])

      // Another chain for the same bill that leaves out the accepted entry: DISE.
      const { envelope: rival } = await craft(pair, bill.id)
      const dise = await postEnvelope(pair, rival)
      expect(dise.status).toBe(409)
      expect(dise.signed).toMatchObject({ responseCode: 'DISE' })
      expect(
        (
          await pair.sg.inject({ url: '/api/pint/inbox', headers: as(pair.sgSeed, 'operator') })
        ).json(),
      ).toHaveLength(1)
    })

    it('retries until the signed answer comes, the bill locked meanwhile; a rejection unlocks it', async () => {
      // Singapore unreachable: the transfer waits in the outbox, the bill locked.
      const bill = await freshBill(pair)
      pair.down.add(SG)
      const res = await pair.cq.inject({
        method: 'POST',
        url: `/api/ebl/${bill}/pint-transfers`,
        headers: as(pair.cqSeed, 'shipper'),
        payload: { action: 'ENDORSE_TO_ORDER', recipient: toConsignee },
      })
      expect(res.statusCode, res.body).toBe(201)
      expect(res.json()).toMatchObject({ status: 'SENDING', attempts: 1 })
      expect(res.json().lastError).toMatch(/ECONNREFUSED/)
      const blocked = await pair.cq.inject({
        method: 'POST',
        url: `/api/ebl/${bill}/actions`,
        headers: as(pair.cqSeed, 'shipper'),
        payload: { action: 'ENDORSE_TO_ORDER', recipient: pair.cqSeed.organisations.cnBank.id },
      })
      expect(blocked.statusCode).toBe(409)
      pair.down.delete(SG)
      expect(await pair.nodes[0]!.pint.deliverPending()).toBe(1)
      const [after] = await pair.nodes[0]!.pint.outbox({ documentId: bill })
      expect(after).toMatchObject({ status: 'TRANSFERRED', responseCode: 'RECE', attempts: 2 })

      // To a party Singapore does not serve: BENV, REJECTED, and the bill is the shipper's again here.
      // (An LEI names no country: the privacy policy says where platform LSSG is, docs/pint.md.)
      await pair.nodes[0]!.privacy.setPolicy({
        ...defaultPrivacyPolicy('CN'),
        recipients: [{ id: 'pint:LSSG', country: 'SG' }],
      })
      const other = await freshBill(pair)
      const rejected = await pair.cq.inject({
        method: 'POST',
        url: `/api/ebl/${other}/pint-transfers`,
        headers: as(pair.cqSeed, 'shipper'),
        payload: {
          action: 'ENDORSE_TO_ORDER',
          recipient: {
            platform: 'LSSG',
            codeListProvider: 'GLEIF',
            partyCode: '000000000000000000X0',
          },
        },
      })
      expect(rejected.json()).toMatchObject({ status: 'REJECTED', responseCode: 'BENV' })
      const free = await pair.cq.inject({
        method: 'POST',
        url: `/api/ebl/${other}/actions`,
        headers: as(pair.cqSeed, 'shipper'),
        payload: { action: 'ENDORSE_TO_ORDER', recipient: pair.cqSeed.organisations.cnBank.id },
      })
      expect(free.statusCode, free.body).toBe(201)
    })
  })
}
