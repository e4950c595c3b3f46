import { createHash } from 'node:crypto'
import { foreignPartyId, type PintTransaction } from '@landsea/core/pint'
import { registerOrganisation } from '@landsea/node'
import { TEST_DATABASES } from '@landsea/storage/testing'
import { describe, expect, it } from 'vitest'
import { craft, freshBill, usePintPair, type PintPair } from './pint-pair.js'

const invoice = Buffer.from('commercial invoice CI-2026-0107')
const invoiceMeta = {
  name: 'invoice.txt',
  size: invoice.length,
  mediaType: 'text/plain',
  documentChecksum: createHash('sha256').update(invoice).digest('hex'),
}

/** A Singapore party the chain names, not (yet) an organisation of the Singapore node. */
const newcomer = (partyCode: string) => ({
  partyName: 'Merlion Trade Finance Pte. Ltd.',
  eblPlatform: 'LSSG',
  identifyingCodes: [{ codeListProvider: 'ZZZ', codeListName: 'UEN', partyCode }],
})

/**
 * The shipper passes the bill to `pledgee` on Singapore, which pledges it to Singapore's consignee:
 * the bill arrives pledged by a party the receiving node may not know yet.
 */
const viaPledgee =
  (pledgee: PintTransaction['actor']) =>
  (shipper: PintTransaction['actor']): PintTransaction[] => {
    const consignee = {
      partyName: 'Lion City Electronics Pte. Ltd.',
      eblPlatform: 'LSSG',
      identifyingCodes: [{ codeListProvider: 'ZZZ', codeListName: 'UEN', partyCode: '201912345R' }],
    }
    const at = '2026-05-02T08:00:00Z'
    return [
      { actionCode: 'ENDORSE_TO_ORDER', actor: shipper, recipient: pledgee, actionDateTime: at },
      { actionCode: 'TRANSFER', actor: shipper, recipient: pledgee, actionDateTime: at },
      { actionCode: 'ENDORSE_TO_ORDER', actor: pledgee, recipient: consignee, actionDateTime: at },
      {
        actionCode: 'TRANSFER',
        actor: pledgee,
        recipient: consignee,
        comments: 'landsea:PLEDGE',
        actionDateTime: at,
      },
    ]
  }

/** Starts a transfer with one document missing (201), runs `meanwhile`, then sends it and finishes. */
async function transferWithPause(pair: PintPair, partyCode: string, meanwhile = async () => {}) {
  const { envelope } = await craft(pair, await freshBill(pair), {
    documents: [invoiceMeta],
    final: viaPledgee(newcomer(partyCode)),
  })
  const start = await pair.sg.inject({ method: 'POST', url: '/v3/envelopes', payload: envelope })
  expect(start.statusCode).toBe(201)
  const reference = start.json().envelopeReference as string
  await meanwhile()
  const put = await pair.sg.inject({
    method: 'PUT',
    url: `/v3/envelopes/${reference}/additional-documents/${invoiceMeta.documentChecksum}`,
    payload: JSON.stringify(invoice.toString('base64')),
    headers: { 'content-type': 'application/json' },
  })
  expect(put.statusCode).toBe(204)
  const finish = await pair.sg.inject({
    method: 'PUT',
    url: `/v3/envelopes/${reference}/finish-transfer`,
  })
  expect(finish.statusCode).toBe(200)
  return pair.nodes[1]!.registry.get(reference)
}

for (const kind of TEST_DATABASES) {
  describe(`PINT finish names the parties as the node knows them then [${kind}]`, () => {
    const pair = usePintPair(kind)

    it("keeps receipt's replay while nothing changed: the pledgee a foreign party", async () => {
      const bill = await transferWithPause(pair, 'T26UF0001A')
      expect(bill.state.possessor).toBe(pair.sgSeed.organisations.consignee.id)
      expect(bill.state.pledgedBy).toBe(foreignPartyId(newcomer('T26UF0001A')))
    })

    it('replays again when an organisation the chain names joined between receipt and finish', async () => {
      let joined = ''
      const bill = await transferWithPause(pair, 'T26UF0002B', async () => {
        const { organisation } = await registerOrganisation(pair.nodes[1]!.organisations, {
          name: 'Merlion Trade Finance Pte. Ltd.',
          country: 'SG',
          roles: ['BANK'],
          identifiers: [{ scheme: 'UEN', value: 'T26UF0002B' }],
        })
        joined = organisation.id
      })
      expect(bill.state.possessor).toBe(pair.sgSeed.organisations.consignee.id)
      expect(bill.state.pledgedBy).toBe(joined)
    })
  })
}
