import { createHash } from 'node:crypto'
import { generateSigningKeyPair, type SigningKeyPair } from '@landsea/core/crypto'
import { defaultPrivacyPolicy } from '@landsea/core/privacy'
import {
  buildEnvelope,
  jwsChecksum,
  peekPintJws,
  verifyPintJws,
  type PintEnvelope,
  type PintTransaction,
  type PlatformKeys,
} from '@landsea/core/pint'
import { validatePint, type DemoSeed } from '@landsea/node'
import type { LandseaNode } from '@landsea/node'
import { TEST_DATABASES } from '@landsea/storage/testing'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CQ, issueOnChongqing, network, SG, startPintNodes, type Wire } from './pint-network.js'
import { as } from './test-node.js'

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

/** Checks a PINT exchange against the standard's schemas and, when signed, the signature. */
async function expectConformant(exchange: Wire, receiverKeys: PlatformKeys) {
  if (exchange.method === 'POST' && exchange.path === '/v3/envelopes') {
    const envelope = JSON.parse(exchange.body!) as PintEnvelope
    expect(validatePint('EblEnvelope', envelope)).toEqual([])
    expect(
      validatePint('EnvelopeManifest', peekPintJws(envelope.envelopeManifestSignedContent)),
    ).toEqual([])
    for (const entry of envelope.envelopeTransferChain)
      expect(validatePint('EnvelopeTransferChainEntry', peekPintJws(entry))).toEqual([])
  }
  if (exchange.status === 201) {
    expect(validatePint('EnvelopeTransferStartedResponse', JSON.parse(exchange.response))).toEqual(
      [],
    )
  } else if (exchange.status !== 204) {
    const response = await verifyPintJws(JSON.parse(exchange.response) as string, receiverKeys)
    expect(response, exchange.response).toBeDefined()
    expect(validatePint('EnvelopeTransferFinishedResponse', response)).toEqual([])
  }
}

for (const kind of TEST_DATABASES) {
  describe(`PINT 3.0 between two Landsea nodes, Chongqing (LSCQ) and Singapore (LSSG) [${kind}]`, () => {
    const apps = new Map<string, FastifyInstance>()
    const nodes: LandseaNode[] = []
    const wire: Wire[] = []
    const down = new Set<string>()
    let cq: FastifyInstance
    let sg: FastifyInstance
    let cqSeed: DemoSeed
    let sgSeed: DemoSeed
    let cqKeys: PlatformKeys
    let sgKeys: PlatformKeys
    let cqKey: SigningKeyPair

    /** Posts an envelope to Singapore and reads the signed answer. */
    const postEnvelope = async (envelope: unknown) => {
      const res = await sg.inject({
        method: 'POST',
        url: '/v3/envelopes',
        payload: envelope as object,
      })
      const body: unknown = res.json()
      const signed = typeof body === 'string' ? await verifyPintJws(body, sgKeys) : undefined
      return { status: res.statusCode, body, signed: signed as Record<string, unknown> | undefined }
    }

    /** An envelope of a Chongqing bill, signed by Chongqing, to Singapore's consignee, built by hand. */
    const craft = async (
      billId: string,
      {
        to = 'LSSG',
        key = cqKey,
        documents = [],
        extra = [],
      }: {
        to?: string
        key?: SigningKeyPair
        documents?: { name: string; size: number; mediaType: string; documentChecksum: string }[]
        extra?: PintTransaction[]
      } = {},
    ) => {
      const record = await nodes[0]!.registry.get(billId)
      const party = (name: string, partyCode: string) => ({
        partyName: name,
        eblPlatform: 'LSCQ',
        identifyingCodes: [{ codeListProvider: 'ZZZ', codeListName: 'USCC', partyCode }],
      })
      const carrier = party('Carrier', '91500000MA5U7K3Q8Y')
      const shipper = party('Shipper', '91500105MA60LT2B1B')
      return buildEnvelope({
        transportDocument: record.document as unknown as Record<string, unknown>,
        platform: 'LSCQ',
        key,
        supportingDocuments: documents,
        transactions: [
          {
            actionCode: 'ISSUE',
            actor: carrier,
            recipient: shipper,
            actionDateTime: '2026-05-01T08:00:00Z',
          },
          ...extra,
          ...(['ENDORSE_TO_ORDER', 'TRANSFER'] as const).map((actionCode) => ({
            actionCode,
            actor: shipper,
            recipient: {
              partyName: 'Lion City Electronics Pte. Ltd.',
              eblPlatform: to,
              identifyingCodes: [
                { codeListProvider: 'ZZZ', codeListName: 'UEN', partyCode: '201912345R' },
              ],
            },
            actionDateTime: '2026-05-02T08:00:00Z',
          })),
        ],
      })
    }

    let serial = 0
    /** A new bill on the Chongqing node, issued to the shipper. */
    const freshBill = async () => {
      const record = await issueOnChongqing(
        nodes[0]!,
        cqSeed,
        `LSPINT${String(++serial).padStart(6, '0')}`,
      )
      return record.id
    }
    const toConsignee = {
      platform: 'LSSG',
      codeListProvider: 'ZZZ',
      codeListName: 'UEN',
      partyCode: '201912345R',
    }

    beforeAll(async () => {
      const started = await startPintNodes(kind, apps, network(apps, wire, down))
      nodes.push(...started.nodes)
      ;[cqSeed, sgSeed] = started.seeds
      cq = apps.get(CQ)!
      sg = apps.get(SG)!
      cqKeys = (await cq.inject({ url: '/api/pint/platform' })).json().jwks
      sgKeys = (await sg.inject({ url: '/api/pint/platform' })).json().jwks
      cqKey = (await nodes[0]!.settings.get<{ keys: SigningKeyPair[] }>('pint-platform'))!.keys.at(
        -1,
      )!
      // Each operator adds the other platform to its directory.
      for (const [app, seed, code, name, url, jwks] of [
        [cq, cqSeed, 'LSSG', 'Singapore node', SG, sgKeys],
        [sg, sgSeed, 'LSCQ', 'Chongqing node', CQ, cqKeys],
      ] as const) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/pint/platforms',
          headers: as(seed, 'operator'),
          payload: { code, name, url, jwks },
        })
        expect(res.statusCode, res.body).toBe(201)
      }
    })

    afterAll(async () => {
      for (const app of apps.values()) await app.close()
      for (const node of nodes) await node.close()
    })

    it('keeps the platform directory operator-only and refuses a malformed platform', async () => {
      const anon = await cq.inject({ url: '/api/pint/platforms' })
      expect(anon.statusCode).toBe(401)
      const shipper = await cq.inject({
        url: '/api/pint/platforms',
        headers: as(cqSeed, 'shipper'),
      })
      expect(shipper.statusCode).toBe(403)
      const listed = await cq.inject({
        url: '/api/pint/platforms',
        headers: as(cqSeed, 'operator'),
      })
      expect(listed.json().map((p: { code: string }) => p.code)).toEqual(['LSSG'])
      const bad = await cq.inject({
        method: 'POST',
        url: '/api/pint/platforms',
        headers: as(cqSeed, 'operator'),
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
      const ok = await sg.inject({
        method: 'POST',
        url: '/v3/receiver-validation',
        payload: { codeListProvider: 'ZZZ', codeListName: 'UEN', partyCode: '201912345R' },
      })
      expect(ok.statusCode).toBe(200)
      expect(validatePint('ReceiverValidationResponse', ok.json())).toEqual([])
      const unknown = await sg.inject({
        method: 'POST',
        url: '/v3/receiver-validation',
        payload: { codeListProvider: 'GLEIF', partyCode: '000000000000000000X0' },
      })
      expect(unknown.statusCode).toBe(404)
    })

    it('sends a bill across: signed RECE, the bill locked on the sender, held by the consignee on the receiver', async () => {
      const bill = cqSeed.bills.find((b) => b.stage === 'issued to the shipper')!
      wire.length = 0
      const res = await cq.inject({
        method: 'POST',
        url: `/api/ebl/${bill.id}/pint-transfers`,
        headers: as(cqSeed, 'shipper'),
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
      expect(wire.map((w) => `${w.method} ${w.status}`)).toEqual(['POST 201', 'PUT 204', 'PUT 200'])
      for (const exchange of wire) await expectConformant(exchange, sgKeys)
      const signed = await verifyPintJws(res.json().response, sgKeys)
      expect(signed).toMatchObject({
        responseCode: 'RECE',
        lastEnvelopeTransferChainEntrySignedContentChecksum: res.json().lastEntryChecksum,
      })

      // The bill's bundle (organisation-signed entries, log evidence) travelled as the listed document.
      const [inbound] = (
        await sg.inject({ url: '/api/pint/inbox', headers: as(sgSeed, 'operator') })
      ).json()
      expect(inbound).toMatchObject({
        status: 'ACCEPTED',
        sender: 'LSCQ',
        recipient: sgSeed.organisations.consignee.id,
      })
      expect(inbound.documents.map((d: { name: string }) => d.name)).toEqual([
        'landsea-ebl-bundle.json',
      ])
      expect(inbound.received).toEqual([inbound.documents[0].documentChecksum])

      // Locked on the sender: no title action, no second transfer.
      const act = await cq.inject({
        method: 'POST',
        url: `/api/ebl/${bill.id}/actions`,
        headers: as(cqSeed, 'shipper'),
        payload: { action: 'ENDORSE_TO_ORDER', recipient: cqSeed.organisations.cnBank.id },
      })
      expect(act.statusCode).toBe(409)
      const again = await cq.inject({
        method: 'POST',
        url: `/api/ebl/${bill.id}/pint-transfers`,
        headers: as(cqSeed, 'shipper'),
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
      const journey = await cq.inject({
        url: `/api/ebl/${bill.id}/pint-transfers`,
        headers: as(cqSeed, 'shipper'),
      })
      expect(
        journey
          .json()
          .map((t: { platform: string; status: string }) => `${t.platform} ${t.status}`),
      ).toEqual(['LSSG TRANSFERRED'])

      // The same envelope again: DUPE, with the accepted last entry.
      const sent = JSON.parse(wire[0]!.body!) as PintEnvelope
      const dupe = await postEnvelope(sent)
      expect(dupe.status).toBe(200)
      expect(dupe.signed).toMatchObject({
        responseCode: 'DUPE',
        duplicateOfAcceptedEnvelopeTransferChainEntrySignedContent:
          sent.envelopeTransferChain.at(-1),
      })
      expect(validatePint('EnvelopeTransferFinishedResponse', dupe.signed)).toEqual([])

      // Another chain for the same bill that leaves out the accepted entry: DISE.
      const { envelope: rival } = await craft(bill.id)
      const dise = await postEnvelope(rival)
      expect(dise.status).toBe(409)
      expect(dise.signed).toMatchObject({ responseCode: 'DISE' })
      expect(
        (await sg.inject({ url: '/api/pint/inbox', headers: as(sgSeed, 'operator') })).json(),
      ).toHaveLength(1)
    })

    it('refuses bad signatures with BSIG and bad envelopes with BENV, signed, storing nothing', async () => {
      const bill = cqSeed.bills.find(
        (b) => b.stage === 'pledged to the Chongqing bank under an L/C',
      )!
      const before = (
        await sg.inject({ url: '/api/pint/inbox', headers: as(sgSeed, 'operator') })
      ).json().length
      const stranger = await generateSigningKeyPair({ alg: 'EdDSA' })
      const unknownKey = await postEnvelope((await craft(bill.id, { key: stranger })).envelope)
      expect(unknownKey.status).toBe(422)
      expect(unknownKey.signed).toMatchObject({ responseCode: 'BSIG' })

      const { envelope } = await craft(bill.id)
      // A re-signed chain entry: the payload changed, the signature kept.
      const [h, , s] = envelope.envelopeTransferChain[0]!.split('.')
      const forged = Buffer.from(
        JSON.stringify({
          ...(peekPintJws(envelope.envelopeTransferChain[0]!) as object),
          eblPlatform: 'LSCQ',
          transactions: [],
        }),
      ).toString('base64url')
      const resigned = await postEnvelope({
        ...envelope,
        envelopeTransferChain: [`${h}.${forged}.${s}`],
      })
      expect(resigned.signed).toMatchObject({ responseCode: 'BSIG' })

      // A swapped transport document: the manifest names another.
      const swapped = await postEnvelope({
        ...envelope,
        transportDocument: {
          ...envelope.transportDocument,
          transportDocumentReference: 'SWAPPED0001',
        },
      })
      expect(swapped.status).toBe(422)
      expect(swapped.signed).toMatchObject({ responseCode: 'BENV' })

      const malformed = await postEnvelope({ envelopeTransferChain: ['x'] })
      expect(malformed.status).toBe(422)
      expect(malformed.signed).toMatchObject({ responseCode: 'BENV' })

      const elsewhere = await postEnvelope((await craft(bill.id, { to: 'BOLE' })).envelope)
      expect(elsewhere.signed).toMatchObject({ responseCode: 'BENV' })

      // A transaction our title rules refuse: the shipper endorses a bill it no longer... SACC by a non-issuer.
      const breaks = await postEnvelope(
        (
          await craft(bill.id, {
            extra: [
              {
                actionCode: 'SACC',
                actor: {
                  partyName: 'X',
                  eblPlatform: 'LSCQ',
                  identifyingCodes: [{ codeListProvider: 'ZZZ', partyCode: 'nobody' }],
                },
                actionDateTime: '2026-05-01T09:00:00Z',
              },
            ],
          })
        ).envelope,
      )
      expect(breaks.signed).toMatchObject({ responseCode: 'BENV' })

      for (const r of [unknownKey, resigned, swapped, malformed, elsewhere, breaks])
        expect(validatePint('EnvelopeTransferFinishedResponse', r.signed)).toEqual([])
      expect(
        (await sg.inject({ url: '/api/pint/inbox', headers: as(sgSeed, 'operator') })).json(),
      ).toHaveLength(before)
    })

    it('asks for missing documents (MDOC) and refuses a wrong one (INCD) before accepting', async () => {
      const bill = cqSeed.bills.find(
        (b) => b.stage === 'pledged to the Chongqing bank under an L/C',
      )!
      const content = Buffer.from('commercial invoice CI-2026-0042')
      const meta = {
        name: 'invoice.txt',
        size: content.length,
        mediaType: 'text/plain',
        documentChecksum: sha256(content),
      }
      const { envelope, lastEntryChecksum } = await craft(bill.id, { documents: [meta] })
      const start = await sg.inject({
        method: 'POST',
        url: '/v3/envelopes',
        payload: envelope as object,
      })
      expect(start.statusCode).toBe(201)
      const started = start.json()
      expect(validatePint('EnvelopeTransferStartedResponse', started)).toEqual([])
      expect(started.missingAdditionalDocumentChecksums).toEqual([meta.documentChecksum])
      const docUrl = `/v3/envelopes/${started.envelopeReference}/additional-documents/${meta.documentChecksum}`
      const finishUrl = `/v3/envelopes/${started.envelopeReference}/finish-transfer`

      const early = await sg.inject({ method: 'PUT', url: finishUrl })
      expect(early.statusCode).toBe(409)
      expect(await verifyPintJws(early.json(), sgKeys)).toMatchObject({
        responseCode: 'MDOC',
        missingAdditionalDocumentChecksums: [meta.documentChecksum],
      })

      const wrong = await sg.inject({
        method: 'PUT',
        url: docUrl,
        payload: JSON.stringify(Buffer.from('another invoice').toString('base64')),
        headers: { 'content-type': 'application/json' },
      })
      expect(wrong.statusCode).toBe(409)
      expect(await verifyPintJws(wrong.json(), sgKeys)).toMatchObject({
        responseCode: 'INCD',
        lastEnvelopeTransferChainEntrySignedContentChecksum: lastEntryChecksum,
      })

      const right = await sg.inject({
        method: 'PUT',
        url: docUrl,
        payload: JSON.stringify(content.toString('base64')),
        headers: { 'content-type': 'application/json' },
      })
      expect(right.statusCode).toBe(204)
      const done = await sg.inject({ method: 'PUT', url: finishUrl })
      expect(done.statusCode).toBe(200)
      expect(await verifyPintJws(done.json(), sgKeys)).toMatchObject({
        responseCode: 'RECE',
        receivedAdditionalDocumentChecksums: [meta.documentChecksum],
      })
      expect(jwsChecksum(envelope.envelopeTransferChain.at(-1)!)).toBe(lastEntryChecksum)

      const unknown = await sg.inject({ method: 'PUT', url: '/v3/envelopes/nope/finish-transfer' })
      expect(unknown.statusCode).toBe(404)
    })

    it('retries until the signed answer comes, the bill locked meanwhile; a rejection unlocks it', async () => {
      // Singapore unreachable: the transfer waits in the outbox, the bill locked.
      const bill = await freshBill()
      down.add(SG)
      const res = await cq.inject({
        method: 'POST',
        url: `/api/ebl/${bill}/pint-transfers`,
        headers: as(cqSeed, 'shipper'),
        payload: { action: 'ENDORSE_TO_ORDER', recipient: toConsignee },
      })
      expect(res.statusCode, res.body).toBe(201)
      expect(res.json()).toMatchObject({ status: 'SENDING', attempts: 1 })
      expect(res.json().lastError).toMatch(/ECONNREFUSED/)
      const blocked = await cq.inject({
        method: 'POST',
        url: `/api/ebl/${bill}/actions`,
        headers: as(cqSeed, 'shipper'),
        payload: { action: 'ENDORSE_TO_ORDER', recipient: cqSeed.organisations.cnBank.id },
      })
      expect(blocked.statusCode).toBe(409)
      down.delete(SG)
      expect(await nodes[0]!.pint.deliverPending()).toBe(1)
      const [after] = await nodes[0]!.pint.outbox({ documentId: bill })
      expect(after).toMatchObject({ status: 'TRANSFERRED', responseCode: 'RECE', attempts: 2 })

      // To a party Singapore does not serve: BENV, REJECTED, and the bill is the shipper's again here.
      // (An LEI names no country: the privacy policy says where platform LSSG is, docs/pint.md.)
      await nodes[0]!.privacy.setPolicy({
        ...defaultPrivacyPolicy('CN'),
        recipients: [{ id: 'pint:LSSG', country: 'SG' }],
      })
      const other = await freshBill()
      const rejected = await cq.inject({
        method: 'POST',
        url: `/api/ebl/${other}/pint-transfers`,
        headers: as(cqSeed, 'shipper'),
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
      const free = await cq.inject({
        method: 'POST',
        url: `/api/ebl/${other}/actions`,
        headers: as(cqSeed, 'shipper'),
        payload: { action: 'ENDORSE_TO_ORDER', recipient: cqSeed.organisations.cnBank.id },
      })
      expect(free.statusCode, free.body).toBe(201)
    })

    it('lets exactly one of 100 simultaneous transfers of one bill to four platforms leave', async () => {
      const platforms = ['LSSG', 'BOLE', 'WAVE', 'SGTD']
      // Three more platforms in the directory (served here by the Singapore node's endpoint and keys).
      for (const code of platforms.slice(1)) {
        const res = await cq.inject({
          method: 'POST',
          url: '/api/pint/platforms',
          headers: as(cqSeed, 'operator'),
          payload: { code, name: `platform ${code}`, url: SG, jwks: sgKeys },
        })
        expect(res.statusCode).toBe(201)
      }
      const bill = await freshBill()
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          cq.inject({
            method: 'POST',
            url: `/api/ebl/${bill}/pint-transfers`,
            headers: as(cqSeed, 'shipper'),
            payload: {
              action: 'ENDORSE_TO_ORDER',
              recipient: { ...toConsignee, platform: platforms[i % 4] },
            },
          }),
        ),
      )
      // Only LSSG accepts (the others' envelopes are addressed to a platform Singapore is not: BENV).
      // A refused transfer gives the bill back, so a racer that comes after it may lock it in turn
      // (the privacy gate decides one transfer at a time); the bill leaves at most once (if the
      // last racer to lock it was refused, it stays here), and every other racer finds it locked.
      const started = results.filter((r) => r.statusCode === 201).map((r) => r.json())
      const locked = results.filter((r) => r.statusCode === 409)
      const other = results.filter((r) => r.statusCode !== 201 && r.statusCode !== 409)
      expect(other.map((r) => `${r.statusCode} ${r.body}`)).toEqual([])
      expect(started.length + locked.length).toBe(100)
      expect(started.filter((t) => t.status === 'TRANSFERRED').length).toBeLessThanOrEqual(1)
      expect(started.length).toBeGreaterThanOrEqual(1)
      expect(started.filter((t) => t.status !== 'TRANSFERRED').map((t) => t.status)).toEqual(
        started.filter((t) => t.status !== 'TRANSFERRED').map(() => 'REJECTED'),
      )
      expect(new Set(locked.map((r) => r.json().error.code))).toEqual(
        new Set(['PINT_TRANSFER_IN_PROGRESS']),
      )
      const outbox = await nodes[0]!.pint.outbox({ documentId: bill })
      expect(outbox).toHaveLength(started.length)
      expect(outbox.filter((t) => t.status === 'TRANSFERRED').length).toBeLessThanOrEqual(1)
    })
  })
}
