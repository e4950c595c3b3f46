import { createHash } from 'node:crypto'
import { generateSigningKeyPair } from '@landsea/core/crypto'
import { jwsChecksum, peekPintJws, verifyPintJws } from '@landsea/core/pint'
import { validatePint } from '@landsea/node'
import { TEST_DATABASES } from '@landsea/storage/testing'
import { describe, expect, it } from 'vitest'
import { SG } from './pint-network.js'
import { craft, freshBill, postEnvelope, toConsignee, usePintPair } from './pint-pair.js'
import { as } from './test-node.js'

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

for (const kind of TEST_DATABASES) {
  describe(`PINT 3.0 refusals and races between two Landsea nodes [${kind}]`, () => {
    const pair = usePintPair(kind)

    it('refuses bad signatures with BSIG and bad envelopes with BENV, signed, storing nothing', async () => {
      const bill = pair.cqSeed.bills.find(
        (b) => b.stage === 'pledged to the Chongqing bank under an L/C',
      )!
      const before = (
        await pair.sg.inject({ url: '/api/pint/inbox', headers: as(pair.sgSeed, 'operator') })
      ).json().length
      const stranger = await generateSigningKeyPair({ alg: 'EdDSA' })
      const unknownKey = await postEnvelope(
        pair,
        (await craft(pair, bill.id, { key: stranger })).envelope,
      )
      expect(unknownKey.status).toBe(422)
      expect(unknownKey.signed).toMatchObject({ responseCode: 'BSIG' })

      const { envelope } = await craft(pair, bill.id)
      // A re-signed chain entry: the payload changed, the signature kept.
      const [h, , s] = envelope.envelopeTransferChain[0]!.split('.')
      const forged = Buffer.from(
        JSON.stringify({
          ...(peekPintJws(envelope.envelopeTransferChain[0]!) as object),
          eblPlatform: 'LSCQ',
          transactions: [],
        }),
      ).toString('base64url')
      const resigned = await postEnvelope(pair, {
        ...envelope,
        envelopeTransferChain: [`${h}.${forged}.${s}`],
      })
      expect(resigned.signed).toMatchObject({ responseCode: 'BSIG' })

      // A swapped transport document: the manifest names another.
      const swapped = await postEnvelope(pair, {
        ...envelope,
        transportDocument: {
          ...envelope.transportDocument,
          transportDocumentReference: 'SWAPPED0001',
        },
      })
      expect(swapped.status).toBe(422)
      expect(swapped.signed).toMatchObject({ responseCode: 'BENV' })

      const malformed = await postEnvelope(pair, { envelopeTransferChain: ['x'] })
      expect(malformed.status).toBe(422)
      expect(malformed.signed).toMatchObject({ responseCode: 'BENV' })

      const elsewhere = await postEnvelope(
        pair,
        (await craft(pair, bill.id, { to: 'BOLE' })).envelope,
      )
      expect(elsewhere.signed).toMatchObject({ responseCode: 'BENV' })

      // A transaction our title rules refuse: the shipper endorses a bill it no longer... SACC by a non-issuer.
      const breaks = await postEnvelope(
        pair,
        (
          await craft(pair, bill.id, {
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
        (
          await pair.sg.inject({ url: '/api/pint/inbox', headers: as(pair.sgSeed, 'operator') })
        ).json(),
      ).toHaveLength(before)
    })

    it('asks for missing documents (MDOC) and refuses a wrong one (INCD) before accepting', async () => {
      const bill = pair.cqSeed.bills.find(
        (b) => b.stage === 'pledged to the Chongqing bank under an L/C',
      )!
      const content = Buffer.from('commercial invoice CI-2026-0042')
      const meta = {
        name: 'invoice.txt',
        size: content.length,
        mediaType: 'text/plain',
        documentChecksum: sha256(content),
      }
      const { envelope, lastEntryChecksum } = await craft(pair, bill.id, { documents: [meta] })
      const start = await pair.sg.inject({
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

      const early = await pair.sg.inject({ method: 'PUT', url: finishUrl })
      expect(early.statusCode).toBe(409)
      expect(await verifyPintJws(early.json(), pair.sgKeys)).toMatchObject({
        responseCode: 'MDOC',
        missingAdditionalDocumentChecksums: [meta.documentChecksum],
      })

      const wrong = await pair.sg.inject({
        method: 'PUT',
        url: docUrl,
        payload: JSON.stringify(Buffer.from('another invoice').toString('base64')),
        headers: { 'content-type': 'application/json' },
      })
      expect(wrong.statusCode).toBe(409)
      expect(await verifyPintJws(wrong.json(), pair.sgKeys)).toMatchObject({
        responseCode: 'INCD',
        lastEnvelopeTransferChainEntrySignedContentChecksum: lastEntryChecksum,
      })

      const right = await pair.sg.inject({
        method: 'PUT',
        url: docUrl,
        payload: JSON.stringify(content.toString('base64')),
        headers: { 'content-type': 'application/json' },
      })
      expect(right.statusCode).toBe(204)
      const done = await pair.sg.inject({ method: 'PUT', url: finishUrl })
      expect(done.statusCode).toBe(200)
      expect(await verifyPintJws(done.json(), pair.sgKeys)).toMatchObject({
        responseCode: 'RECE',
        receivedAdditionalDocumentChecksums: [meta.documentChecksum],
      })
      expect(jwsChecksum(envelope.envelopeTransferChain.at(-1)!)).toBe(lastEntryChecksum)

      const unknown = await pair.sg.inject({
        method: 'PUT',
        url: '/v3/envelopes/nope/finish-transfer',
      })
      expect(unknown.statusCode).toBe(404)
    })

    it('lets exactly one of 100 simultaneous transfers of one bill to four platforms leave', async () => {
      const platforms = ['LSSG', 'BOLE', 'WAVE', 'SGTD']
      // Three more platforms in the directory (served here by the Singapore node's endpoint and keys).
      for (const code of platforms.slice(1)) {
        const res = await pair.cq.inject({
          method: 'POST',
          url: '/api/pint/platforms',
          headers: as(pair.cqSeed, 'operator'),
          payload: { code, name: `platform ${code}`, url: SG, jwks: pair.sgKeys },
        })
        expect(res.statusCode).toBe(201)
      }
      const bill = await freshBill(pair)
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          pair.cq.inject({
            method: 'POST',
            url: `/api/ebl/${bill}/pint-transfers`,
            headers: as(pair.cqSeed, 'shipper'),
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
      const outbox = await pair.nodes[0]!.pint.outbox({ documentId: bill })
      expect(outbox).toHaveLength(started.length)
      expect(outbox.filter((t) => t.status === 'TRANSFERRED').length).toBeLessThanOrEqual(1)
    })
  })
}
