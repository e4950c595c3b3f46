import type { SigningKeyPair } from '@landsea/core/crypto'
import {
  buildEnvelope,
  peekPintJws,
  verifyPintJws,
  type PintEnvelope,
  type PintTransaction,
  type PlatformKeys,
} from '@landsea/core/pint'
import { documentChecksumOf } from '@landsea/core/privacy'
import { verifyBundle, type EblBundle } from '@landsea/core/verify'
import { validatePint, type DemoSeed, type LandseaNode } from '@landsea/node'
import { TEST_DATABASES } from '@landsea/storage/testing'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  consigneeOnSg,
  CQ,
  issueOnChongqing,
  network,
  SG,
  startPintNodes,
  type Wire,
} from './pint-network.js'
import { as } from './test-node.js'
import { expectAgreementOnFlips, verifyBothWays } from './fast-paths.js'

const carrierOnCq = {
  platform: 'LSCQ',
  codeListProvider: 'ZZZ',
  codeListName: 'USCC',
  partyCode: '91500000MA5U7K3Q8Y',
}

for (const kind of TEST_DATABASES) {
  describe(`a bill crosses from Chongqing to Singapore by PINT and comes back [${kind}]`, () => {
    const apps = new Map<string, FastifyInstance>()
    const nodes: LandseaNode[] = []
    const wire: Wire[] = []
    let cq: FastifyInstance
    let sg: FastifyInstance
    let cqSeed: DemoSeed
    let sgSeed: DemoSeed
    let cqKeys: PlatformKeys
    let sgKeys: PlatformKeys
    let trustedLogKeys: string[]
    let billId: string
    let sgBillId: string
    let consigneeBundle: EblBundle

    /** A title action (`actions`) or a transfer to another platform (`pint-transfers`): 201. */
    const post = async (
      what: 'actions' | 'pint-transfers',
      app: FastifyInstance,
      seed: DemoSeed,
      role: keyof DemoSeed['organisations'],
      id: string,
      payload: Record<string, unknown>,
    ) => {
      const res = await app.inject({
        method: 'POST',
        url: `/api/ebl/${id}/${what}`,
        headers: as(seed, role),
        payload,
      })
      expect(res.statusCode, res.body).toBe(201)
      return res.json()
    }
    const act = (...args: Parameters<typeof post> extends [unknown, ...infer R] ? R : never) =>
      post('actions', ...args)
    const send = (...args: Parameters<typeof post> extends [unknown, ...infer R] ? R : never) =>
      post('pint-transfers', ...args)
    /** Endorses the bill to `to` and hands it over with the pledge flag: a pledge, or its release. */
    const pledge = async (
      app: FastifyInstance,
      seed: DemoSeed,
      from: keyof DemoSeed['organisations'],
      to: keyof DemoSeed['organisations'],
      id: string,
      flag: 'PLEDGE' | 'RELEASE',
    ) => {
      const recipient = seed.organisations[to].id
      await act(app, seed, from, id, { action: 'ENDORSE_TO_ORDER', recipient })
      await act(app, seed, from, id, { action: 'TRANSFER', recipient, pledge: flag })
    }
    const bundleOf = async (
      app: FastifyInstance,
      seed: DemoSeed,
      role: 'consignee' | 'carrier',
      id: string,
    ) => {
      const res = await app.inject({ url: `/api/ebl/${id}/bundle`, headers: as(seed, role) })
      expect(res.statusCode, res.body).toBe(200)
      return res.json() as EblBundle
    }

    beforeAll(async () => {
      const started = await startPintNodes(kind, apps, network(apps, wire, new Set()))
      nodes.push(...started.nodes)
      ;[cqSeed, sgSeed] = started.seeds
      cq = apps.get(CQ)!
      sg = apps.get(SG)!
      cqKeys = (await nodes[0]!.pint.platform()).jwks
      sgKeys = (await nodes[1]!.pint.platform()).jwks
      await nodes[0]!.pint.addPlatform({
        code: 'LSSG',
        name: 'Singapore node',
        url: SG,
        jwks: sgKeys,
        parties: [],
      })
      await nodes[1]!.pint.addPlatform({
        code: 'LSCQ',
        name: 'Chongqing node',
        url: CQ,
        jwks: cqKeys,
        parties: [],
      })
      // Each node's witness cosigns the other's checkpoints.
      await nodes[0]!.ledger.addPeerAt(SG)
      await nodes[1]!.ledger.addPeerAt(CQ)
      trustedLogKeys = nodes.map((n) => n.ledger.keys.logKey)

      // Issued in Chongqing and pledged to the Chongqing bank under an L/C.
      billId = (
        await issueOnChongqing(nodes[0]!, cqSeed, `LSRT${kind.slice(0, 2).toUpperCase()}0001`)
      ).id
      await pledge(cq, cqSeed, 'shipper', 'cnBank', billId, 'PLEDGE')
    })

    afterAll(async () => {
      for (const app of apps.values()) await app.close()
      for (const node of nodes) await node.close()
    })

    it('endorsed across: the Singapore consignee holds the bill on the Singapore node', async () => {
      wire.length = 0
      // The Chongqing bank, paid under the L/C, endorses the bill across and releases its pledge.
      const sent = await send(cq, cqSeed, 'cnBank', billId, {
        action: 'ENDORSE_TO_ORDER',
        recipient: consigneeOnSg,
        pledge: 'RELEASE',
      })
      expect(sent).toMatchObject({ status: 'TRANSFERRED', responseCode: 'RECE' })
      const envelope = JSON.parse(wire[0]!.body!) as PintEnvelope
      expect(validatePint('EblEnvelope', envelope)).toEqual([])
      // On the sender: transferred out, read-only, with the receiving platform's name.
      const journey = await cq.inject({
        url: `/api/ebl/${billId}/pint-transfers`,
        headers: as(cqSeed, 'cnBank'),
      })
      expect(journey.json()).toMatchObject([
        { platform: 'LSSG', platformName: 'Singapore node', status: 'TRANSFERRED' },
      ])
      const locked = await cq.inject({
        method: 'POST',
        url: `/api/ebl/${billId}/actions`,
        headers: as(cqSeed, 'cnBank'),
        payload: { action: 'ENDORSE_TO_ORDER', recipient: cqSeed.organisations.shipper.id },
      })
      expect(locked.statusCode).toBe(409)
      const list = await sg.inject({ url: '/api/ebl', headers: as(sgSeed, 'consignee') })
      const held = list
        .json()
        .items.find(
          (b: { reference: string }) => b.reference === `LSRT${kind.slice(0, 2).toUpperCase()}0001`,
        )
      expect(held).toBeDefined()
      sgBillId = held.id
      const record = await nodes[1]!.registry.get(sgBillId)
      expect(record.state).toMatchObject({
        status: 'ISSUED',
        possessor: sgSeed.organisations.consignee.id,
        holder: sgSeed.organisations.consignee.id,
        issuer: 'pint:LSCQ/ZZZ/USCC/91500000MA5U7K3Q8Y',
      })
      // The same DCSA transport document (PINT's plain checksum); each node commits the personal
      // fields under its own salts (docs/privacy.md), so the records' own checksums may differ.
      const original = await nodes[0]!.registry.get(billId)
      expect(documentChecksumOf(record.document, undefined)).toBe(
        documentChecksumOf(original.document, undefined),
      )
      // Its journey on the Singapore node starts on the Chongqing platform, read from the chain.
      const arrival = await sg.inject({
        url: `/api/ebl/${sgBillId}/pint-arrival`,
        headers: as(sgSeed, 'consignee'),
      })
      expect(arrival.json()).toMatchObject({ arrived: true, sender: 'LSCQ' })
      expect(arrival.json().legs.map((l: { platform: string }) => l.platform)).toEqual(['LSCQ'])
      const issuedHere = await cq.inject({
        url: `/api/ebl/${billId}/pint-arrival`,
        headers: as(cqSeed, 'cnBank'),
      })
      expect(issuedHere.json()).toEqual({ arrived: false, legs: [] })
    })

    it('acts there under exclusive control, on the Singapore ledger', async () => {
      const o = sgSeed.organisations
      const before = await nodes[1]!.ledger.treeSize()
      // Only the possessor acts.
      const refused = await sg.inject({
        method: 'POST',
        url: `/api/ebl/${sgBillId}/actions`,
        headers: as(sgSeed, 'sgBank'),
        payload: { action: 'TRANSFER', recipient: o.consignee.id },
      })
      expect(refused.statusCode).toBe(404)
      await pledge(sg, sgSeed, 'consignee', 'sgBank', sgBillId, 'PLEDGE')
      await pledge(sg, sgSeed, 'sgBank', 'consignee', sgBillId, 'RELEASE')
      expect(await nodes[1]!.ledger.treeSize()).toBe(before + 4)
      // A surrender to the carrier on another platform is not a local action.
      const local = await sg.inject({
        method: 'POST',
        url: `/api/ebl/${sgBillId}/actions`,
        headers: as(sgSeed, 'consignee'),
        payload: { action: 'SURRENDER_FOR_DELIVERY' },
      })
      expect(local.statusCode).toBe(422)
      expect(local.json().error.code).toBe('EBL_UNKNOWN_PARTY')
    })

    it("the consignee's bundle is multi-log and verifies offline: both nodes' evidence", async () => {
      consigneeBundle = await bundleOf(sg, sgSeed, 'consignee', sgBillId)
      expect(consigneeBundle.actions).toHaveLength(4)
      expect(consigneeBundle.crossing?.receiver).toBe('LSSG')
      const v = await verifyBundle(consigneeBundle, { trustedLogKeys })
      expect(
        v.steps.filter((s) => s.status !== 'pass'),
        JSON.stringify(v.steps),
      ).toEqual([])
      expect(v.ok).toBe(true)
      expect(v.crossing).toMatchObject({ platforms: ['LSCQ'], platformSignedOnly: 0 })
      expect(v.crossing?.logs).toHaveLength(1)
      await expectAgreementOnFlips(consigneeBundle, { trustedLogKeys }, 173)
      expect(v.title).toMatchObject({ possessor: sgSeed.organisations.consignee.id })
      const sender = consigneeBundle.crossing!.sender as EblBundle
      expect(sender.actions).toHaveLength(3)
      expect(sender.logKey).toBe(nodes[0]!.ledger.keys.logKey)
    }, 300_000)

    it('detects tampering with any log of a multi-log bundle', async () => {
      const b = consigneeBundle
      const c = b.crossing!
      const sender = c.sender as EblBundle
      const failing = async (bundle: unknown, options = {}) => {
        const v = await verifyBothWays(bundle, { trustedLogKeys, ...options })
        expect(v.ok).toBe(false)
        return v.steps.filter((step) => step.status === 'fail').map((step) => step.name)
      }
      // The Chongqing node's action, changed in the nested bundle.
      const [h, p, s] = sender.actions[1]!.jws.split('.')
      const forged = `${h}.${p!.slice(0, -2)}AA.${s}`
      expect(
        await failing({
          ...b,
          crossing: {
            ...c,
            sender: {
              ...sender,
              actions: sender.actions.map((a, i) => (i === 1 ? { ...a, jws: forged } : a)),
            },
          },
        }),
      ).toContain('crossing')
      // A Chongqing log the verifier does not trust.
      expect(await failing(b, { trustedLogKeys: [nodes[1]!.ledger.keys.logKey] })).toContain(
        'crossing',
      )
      // The PINT chain without its entry, or the platform's key swapped.
      expect(
        await failing({
          ...b,
          crossing: { ...c, envelopeTransferChain: [`${c.envelopeTransferChain[0]}x`] },
        }),
      ).toContain('crossing')
      expect(await failing({ ...b, crossing: { ...c, platformKeys: { LSCQ: sgKeys } } })).toContain(
        'crossing',
      )
      expect(await failing(b, { trustedPlatformKeys: sgKeys.keys })).toContain('crossing')
      // The recipient mapped to another organisation: the title rules refuse the consignee's actions.
      const parties = Object.fromEntries(
        Object.entries(c.parties).map(([k, v]) => [
          k,
          v === sgSeed.organisations.consignee.id ? sgSeed.organisations.sgBank.id : v,
        ]),
      )
      expect(await failing({ ...b, crossing: { ...c, parties } })).toContain('titleRules')
      // Without the crossing the first action links to nothing it can show.
      const { crossing: _dropped, ...alone } = b
      expect(await failing(alone)).toContain('chainLinkage')
      // The sending node's bundle of another bill.
      expect(
        await failing({
          ...b,
          crossing: {
            ...c,
            sender: {
              ...sender,
              document: { ...sender.document, transportDocumentReference: 'OTHER' },
            },
          },
        }),
      ).toContain('crossing')
    })

    it('a return chain that does not extend the one that left is DISE', async () => {
      // A chain from Singapore that starts afresh instead of extending the Chongqing chain.
      const leftWith = JSON.parse(wire[0]!.body!) as PintEnvelope
      const key = (await nodes[1]!.settings.get<{ keys: SigningKeyPair[] }>(
        'pint-platform',
      ))!.keys.at(-1)!
      const entry = peekPintJws(leftWith.envelopeTransferChain[0]!) as {
        transactions: PintTransaction[]
      }
      const { envelope } = await buildEnvelope({
        transportDocument: leftWith.transportDocument,
        platform: 'LSSG',
        key,
        transactions: [
          ...entry.transactions,
          {
            actionCode: 'SURRENDER_FOR_DELIVERY',
            actor: {
              partyName: 'Lion City',
              eblPlatform: 'LSSG',
              identifyingCodes: [
                { codeListProvider: 'ZZZ', codeListName: 'UEN', partyCode: '201912345R' },
              ],
            },
            recipient: {
              partyName: 'Carrier',
              eblPlatform: 'LSCQ',
              identifyingCodes: [
                { codeListProvider: 'ZZZ', codeListName: 'USCC', partyCode: '91500000MA5U7K3Q8Y' },
              ],
            },
            actionDateTime: new Date().toISOString(),
          },
        ],
      })
      const res = await cq.inject({
        method: 'POST',
        url: '/v3/envelopes',
        payload: envelope as object,
      })
      expect(res.statusCode).toBe(409)
      expect(await verifyPintJws(res.json(), cqKeys)).toMatchObject({ responseCode: 'DISE' })
      expect(await nodes[0]!.pint.inbox()).toEqual([])
    })

    it('from a platform that only speaks PINT: the bundle shows platform-signed steps and says so', async () => {
      // A foreign platform (here with the Chongqing platform key, no Landsea evidence document).
      const record = await issueOnChongqing(
        nodes[0]!,
        cqSeed,
        `LSFP${kind.slice(0, 2).toUpperCase()}0001`,
      )
      const party = (eblPlatform: string, codeListName: string, partyCode: string) => ({
        partyName: partyCode,
        eblPlatform,
        identifyingCodes: [{ codeListProvider: 'ZZZ', codeListName, partyCode }],
      })
      const carrier = party('LSCQ', 'USCC', '91500000MA5U7K3Q8Y')
      const shipper = party('LSCQ', 'USCC', '91500105MA60LT2B1B')
      const consignee = party('LSSG', 'UEN', '201912345R')
      const at = new Date().toISOString()
      const key = (await nodes[0]!.settings.get<{ keys: SigningKeyPair[] }>('pint-platform'))!
        .keys[0]!
      const { envelope } = await buildEnvelope({
        transportDocument: record.document as unknown as Record<string, unknown>,
        platform: 'LSCQ',
        key,
        transactions: [
          { actionCode: 'ISSUE', actor: carrier, recipient: shipper, actionDateTime: at },
          {
            actionCode: 'ENDORSE_TO_ORDER',
            actor: shipper,
            recipient: consignee,
            actionDateTime: at,
          },
          { actionCode: 'TRANSFER', actor: shipper, recipient: consignee, actionDateTime: at },
        ],
      })
      const res = await sg.inject({
        method: 'POST',
        url: '/v3/envelopes',
        payload: envelope as object,
      })
      expect(await verifyPintJws(res.json(), sgKeys)).toMatchObject({ responseCode: 'RECE' })
      const held = (
        await nodes[1]!.registry.list({ q: `LSFP${kind.slice(0, 2).toUpperCase()}0001` })
      )[0]!
      const bundle = await bundleOf(sg, sgSeed, 'consignee', held.id)
      expect(bundle.actions).toEqual([])
      expect(bundle.crossing?.sender).toBeUndefined()
      const v = await verifyBundle(bundle, { trustedLogKeys })
      expect(
        v.steps.filter((s) => s.status !== 'pass'),
        JSON.stringify(v.steps),
      ).toEqual([])
      expect(v.crossing).toMatchObject({ platforms: ['LSCQ'], logs: [], platformSignedOnly: 3 })
      expect(v.steps.find((s) => s.name === 'crossing')?.reason).toMatch(
        /signed by the platform only \(PINT\), with no organisation signatures or log evidence/,
      )
      expect(v.title).toMatchObject({ possessor: sgSeed.organisations.consignee.id, actions: 3 })
    })

    it('surrendered back to the carrier on its node, which accepts it there', async () => {
      wire.length = 0
      const sent = await send(sg, sgSeed, 'consignee', sgBillId, {
        action: 'SURRENDER_FOR_DELIVERY',
        recipient: carrierOnCq,
      })
      expect(sent).toMatchObject({ status: 'TRANSFERRED', responseCode: 'RECE' })
      const back = JSON.parse(wire[0]!.body!) as PintEnvelope
      expect(validatePint('EblEnvelope', back)).toEqual([])
      expect(back.envelopeTransferChain).toHaveLength(2)
      // Singapore: transferred out, read-only.
      const blocked = await sg.inject({
        method: 'POST',
        url: `/api/ebl/${sgBillId}/actions`,
        headers: as(sgSeed, 'consignee'),
        payload: { action: 'ENDORSE_TO_ORDER', recipient: sgSeed.organisations.sgBank.id },
      })
      expect(blocked.statusCode).toBe(409)
      // Chongqing: the same bill again, with the history it came back with, pending surrender.
      const record = await nodes[0]!.registry.get(billId)
      expect(record.state).toMatchObject({
        status: 'PENDING_SURRENDER_FOR_DELIVERY',
        possessor: cqSeed.organisations.carrier.id,
        surrenderedBy: 'pint:LSSG/ZZZ/UEN/201912345R',
      })
      await act(cq, cqSeed, 'carrier', billId, { action: 'SACC' })
      expect((await nodes[0]!.registry.get(billId)).state.status).toBe('SURRENDERED_FOR_DELIVERY')
      // Back home, its journey: Chongqing, then Singapore, then Chongqing again since acceptance.
      const journey = await cq.inject({
        url: `/api/ebl/${billId}/pint-arrival`,
        headers: as(cqSeed, 'carrier'),
      })
      expect(journey.json().legs.map((l: { platform: string }) => l.platform)).toEqual([
        'LSCQ',
        'LSSG',
      ])
      // The carrier's bundle: its own SACC, then Singapore's bundle, then Chongqing's first one.
      const carrierBundle = await bundleOf(cq, cqSeed, 'carrier', billId)
      expect(carrierBundle.actions).toHaveLength(1)
      const v = await verifyBundle(carrierBundle, { trustedLogKeys })
      expect(
        v.steps.filter((s) => s.status !== 'pass'),
        JSON.stringify(v.steps),
      ).toEqual([])
      expect(v.crossing).toMatchObject({ platforms: ['LSCQ', 'LSSG'] })
      expect(v.crossing?.logs).toHaveLength(2)
      expect(v.title).toMatchObject({ status: 'SURRENDERED_FOR_DELIVERY' })
      // The same envelope again: DUPE, and the bill is not taken back twice.
      const again = await cq.inject({
        method: 'POST',
        url: '/v3/envelopes',
        payload: back as object,
      })
      expect(again.statusCode).toBe(200)
    })
  })
}
