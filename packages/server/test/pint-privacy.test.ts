import { createSampleCorridorBill } from '@landsea/core/ebl'
import { documentChecksumOf } from '@landsea/core/privacy'
import { verifyBundle, type EblBundle } from '@landsea/core/verify'
import type { DemoSeed, LandseaNode } from '@landsea/node'
import { findInEveryTable, TEST_DATABASES, type LandseaDatabase } from '@landsea/storage/testing'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consigneeOnSg, CQ, network, SG, startPintNodes, type Wire } from './pint-network.js'
import { as } from './test-node.js'
import { expectTextAgreesWithObjectOnFlips } from './fast-paths.js'

// A bill that arrived by PINT is covered by crypto-shredding on the node that received it
// (docs/privacy.md, "Bills that arrived by PINT").

const EMAIL = 'wei.lanhua@shipper-desk.example'
const PHONE = '+86 23 6123 4587'
const NAME = 'Wei Lanhua'
const IN_CLEAR = [EMAIL, PHONE, PHONE.replace(/\D/g, ''), NAME]

const shipperOnCq = {
  platform: 'LSCQ',
  codeListProvider: 'ZZZ',
  codeListName: 'USCC',
  partyCode: '91500105MA60LT2B1B',
}

type Role = keyof DemoSeed['organisations']
const contactOf = (bundle: EblBundle) =>
  (bundle.document.partyContactDetails as Record<string, string>[])[0]
type Field = { path: string; value: string | null }
type Access = { records: { kind: string; id: string; fields: Field[] }[] }

for (const kind of TEST_DATABASES) {
  describe(`a bill received by PINT is sealed and erasable on the receiving node [${kind}]`, () => {
    const apps = new Map<string, FastifyInstance>()
    const wire: Wire[] = []
    let nodes: [LandseaNode, LandseaNode]
    let seeds: [DemoSeed, DemoSeed]
    let databases: [LandseaDatabase, LandseaDatabase]
    let trustedLogKeys: string[]
    let sgBillId: string

    const call = async (
      app: FastifyInstance,
      seed: DemoSeed,
      role: Role,
      url: string,
      payload?: Record<string, unknown>,
    ) => {
      const res = await app.inject({
        method: payload ? 'POST' : 'GET',
        url,
        headers: as(seed, role),
        ...(payload ? { payload } : {}),
      })
      expect(res.statusCode, res.body).toBeLessThan(300)
      return res.json()
    }
    const sg = (role: Role, url: string, payload?: Record<string, unknown>) =>
      call(apps.get(SG)!, seeds[1], role, url, payload)
    const cq = (role: Role, url: string, payload?: Record<string, unknown>) =>
      call(apps.get(CQ)!, seeds[0], role, url, payload)
    const subjectAccess = async (identifier: string) =>
      (await sg('operator', '/api/privacy/subject-access', { identifier })) as Access
    const verify = (bundle: unknown) => verifyBundle(bundle, { trustedLogKeys, witnessQuorum: 0 })

    /** A bill issued on the Chongqing node with a named contact (e-mail and phone), to order. */
    const issueWithContact = async (reference: string) => {
      const o = seeds[0].organisations
      const document = {
        ...createSampleCorridorBill({
          reference,
          carrier: o.carrier.id,
          shipper: o.shipper.id,
          partyNames: {
            carrier: o.carrier.name,
            shipper: o.shipper.name,
            consignee: o.consignee.name,
          },
        }),
        partyContactDetails: [{ name: NAME, email: EMAIL, phone: PHONE }],
      }
      const draft = await nodes[0].registry.createDraft({ document, carrier: o.carrier.id })
      await nodes[0].registry.act({
        documentId: draft.id,
        actor: o.carrier.id,
        action: 'ISSUE',
        recipient: o.shipper.id,
      })
      return draft.id
    }
    /** The Singapore node's bill with this reference (the consignee's list). */
    const heldOnSg = async (reference: string) => {
      const list = await sg('consignee', '/api/ebl')
      const held = list.items.find((b: { reference: string }) => b.reference === reference)
      expect(held).toBeDefined()
      return held.id as string
    }

    beforeAll(async () => {
      ;({ nodes, seeds, databases } = await startPintNodes(
        kind,
        apps,
        network(apps, wire, new Set()),
      ))
      const [cqKeys, sgKeys] = [
        (await nodes[0].pint.platform()).jwks,
        (await nodes[1].pint.platform()).jwks,
      ]
      await nodes[0].pint.addPlatform({
        code: 'LSSG',
        name: 'SG',
        url: SG,
        jwks: sgKeys,
        parties: [],
      })
      await nodes[1].pint.addPlatform({
        code: 'LSCQ',
        name: 'CQ',
        url: CQ,
        jwks: cqKeys,
        parties: [],
      })
      trustedLogKeys = nodes.map((n) => n.ledger.keys.logKey)
      const reference = `LSPP${kind.slice(0, 2).toUpperCase()}0001`
      const billId = await issueWithContact(reference)
      const sent = await cq('shipper', `/api/ebl/${billId}/pint-transfers`, {
        action: 'ENDORSE_TO_ORDER',
        recipient: consigneeOnSg,
      })
      expect(sent).toMatchObject({ status: 'TRANSFERRED', responseCode: 'RECE' })
      sgBillId = await heldOnSg(reference)
      // The consignee pledges it to the Singapore bank and is released: actions of this node.
      const o = seeds[1].organisations
      for (const [from, to, pledge] of [
        ['consignee', 'sgBank', 'PLEDGE'],
        ['sgBank', 'consignee', 'RELEASE'],
      ] as const) {
        const recipient = o[to].id
        await sg(from, `/api/ebl/${sgBillId}/actions`, { action: 'ENDORSE_TO_ORDER', recipient })
        await sg(from, `/api/ebl/${sgBillId}/actions`, { action: 'TRANSFER', recipient, pledge })
      }
    })

    afterAll(async () => {
      for (const app of apps.values()) await app.close()
      for (const node of nodes ?? []) await node.close()
    })

    it('commits the received bill with fresh salts and lists it in subject access', async () => {
      const access = await subjectAccess(EMAIL)
      const record = access.records.find((r) => r.id === sgBillId)
      expect(record).toMatchObject({ kind: 'transport-document' })
      expect(record!.fields).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: '/partyContactDetails/0/email', value: EMAIL }),
          expect.objectContaining({ path: '/partyContactDetails/0/phone', value: PHONE }),
          expect.objectContaining({ path: '/partyContactDetails/0/name', value: NAME }),
        ]),
      )
      const bundle = (await sg('consignee', `/api/ebl/${sgBillId}/bundle`)) as EblBundle
      const sender = bundle.crossing!.sender as EblBundle
      // The holder's bundle discloses the values with this node's salts, not the sender's; the
      // actions here are signed over the committed form, PINT's chain names the document in clear.
      expect(contactOf(bundle)).toMatchObject({ email: EMAIL, phone: PHONE })
      expect(contactOf(sender)).toMatchObject({ email: EMAIL, phone: PHONE })
      const salts = (b: EblBundle) => b.personalData!.fields.map((f) => ('salt' in f ? f.salt : ''))
      expect(salts(bundle).every((s) => s.length === 22)).toBe(true)
      expect(salts(bundle)).not.toEqual(salts(sender))
      expect(documentChecksumOf(bundle.document, bundle.personalData!.fields)).not.toBe(
        documentChecksumOf(bundle.document, undefined),
      )
      const verified = await verify(bundle)
      expect(verified.firstFailure).toBeUndefined()
      expect(verified.crossing).toMatchObject({ platforms: ['LSCQ'], platformSignedOnly: 0 })
      await expectTextAgreesWithObjectOnFlips(bundle, { trustedLogKeys, witnessQuorum: 0 }, 89)
      // Even before any erasure, the stored envelope and the sender's bundle are sealed.
      const stored = await findInEveryTable(databases[1], IN_CLEAR)
      expect(stored).toEqual([])
    })

    it('erases the person on the receiving node: the bundle still verifies, nothing is left', async () => {
      // No retention rule applies (the bases stay): the erasure is applied at once.
      const policy = await apps.get(SG)!.inject({
        method: 'PUT',
        url: '/api/privacy/policy',
        headers: as(seeds[1], 'operator'),
        payload: { ...(await nodes[1].privacy.policy()), revision: 'no-retention', retention: [] },
      })
      expect(policy.statusCode, policy.body).toBe(200)
      const erased = await sg('operator', '/api/privacy/erasures', { identifier: EMAIL })
      expect(erased).toMatchObject({ status: 'done', rule: null })

      const access = await subjectAccess(EMAIL)
      const record = access.records.find((r) => r.id === sgBillId)
      expect(record!.fields.length).toBe(3)
      for (const field of record!.fields) expect(field.value).toBeNull()
      expect(JSON.stringify(access)).not.toContain(EMAIL)

      const bundle = (await sg('consignee', `/api/ebl/${sgBillId}/bundle`)) as EblBundle
      expect(contactOf(bundle)).toEqual({
        name: '[erased]',
        email: 'erased@erased.invalid',
        phone: '[erased]',
      })
      const sender = bundle.crossing!.sender as EblBundle
      for (const b of [bundle, sender])
        for (const field of b.personalData!.fields) expect(field).toHaveProperty('commitment')
      const verified = await verify(bundle)
      expect(verified.firstFailure).toBeUndefined()
      expect(verified.steps.find((s) => s.name === 'crossing')).toMatchObject({ status: 'pass' })
      await expectTextAgreesWithObjectOnFlips(bundle, { trustedLogKeys, witnessQuorum: 0 }, 89)
      // Bound by the sender's bundle: a sender's document that differs outside the personal
      // values, or none at all, no longer proves the crossing.
      const changed = structuredClone(bundle)
      const nested = changed.crossing!.sender as {
        document: { transportDocumentReference: string }
      }
      nested.document.transportDocumentReference = 'LSPPFORGED01'
      expect((await verify(changed)).ok).toBe(false)
      const bare = structuredClone(bundle)
      delete (bare.crossing as { sender?: unknown }).sender
      expect((await verify(bare)).firstFailure?.name).toBe('crossing')

      expect(await findInEveryTable(databases[1], IN_CLEAR)).toEqual([])
      // The bill keeps its title: still a bill this node holds and its parties act on.
      expect((await nodes[1].registry.get(sgBillId)).state.possessor).toBe(
        seeds[1].organisations.consignee.id,
      )
    })

    it('a bill that crossed and came back is sealed on its way home, and its bundle verifies', async () => {
      const reference = `LSPP${kind.slice(0, 2).toUpperCase()}0002`
      const billId = await issueWithContact(reference)
      await cq('shipper', `/api/ebl/${billId}/pint-transfers`, {
        action: 'ENDORSE_TO_ORDER',
        recipient: consigneeOnSg,
      })
      const id = await heldOnSg(reference)
      const back = await sg('consignee', `/api/ebl/${id}/pint-transfers`, {
        action: 'ENDORSE_TO_ORDER',
        recipient: shipperOnCq,
      })
      expect(back).toMatchObject({ status: 'TRANSFERRED', responseCode: 'RECE' })
      const home = await nodes[0].registry.get(billId)
      expect(home.state.possessor).toBe(seeds[0].organisations.shipper.id)
      const bundle = (await cq('shipper', `/api/ebl/${billId}/bundle`)) as EblBundle
      expect(bundle.crossing!.envelopeTransferChain).toHaveLength(2)
      const verified = await verify(bundle)
      expect(verified.firstFailure).toBeUndefined()
      expect(verified.crossing?.platforms).toEqual(['LSCQ', 'LSSG'])
      // The Chongqing node keeps the returning envelope and the Singapore bundle sealed too; only
      // its own outbox (the envelope it sent) holds the document as it left.
      const found = await findInEveryTable(databases[0], IN_CLEAR)
      expect(found.filter((f) => f.table !== 'pint_outbox')).toEqual([])
      // The scan finds what is there: the envelope and, base64 inside it, the bundle that left.
      expect(found).toEqual(
        expect.arrayContaining([
          { table: 'pint_outbox', column: 'envelope' },
          { table: 'pint_outbox', column: 'documents' },
        ]),
      )
    })
  })
}
