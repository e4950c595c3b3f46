import { randomUUID } from 'node:crypto'
import { generateSigningKeyPair, type SigningKeyPair } from '@landsea/core/crypto'
import {
  computeDocumentChecksum,
  computeEntryChecksum,
  createNonce,
  createSampleCorridorBill,
  createTitleRegistry,
  signActionEntry,
  type TitleRegistry,
} from '@landsea/core/ebl'
import { encodeLeaf } from '@landsea/core/ledger'
import { beforeAll, expect, it } from 'vitest'
import type { OrganisationStore } from '@landsea/core/organisation'
import { createEblStore, createOrganisationStore } from '../src/index.js'
import { describeEachDatabase } from './databases.js'
import { replayStoredChain } from './replay-chain.js'

describeEachDatabase('title registry on storage', (getDb) => {
  let registry: TitleRegistry
  let orgs: OrganisationStore
  const ids = { carrier: '', shipper: '', bank: '', consignee: '', stranger: '' }
  const keys: Record<string, SigningKeyPair> = {}

  beforeAll(async () => {
    const { db } = getDb()
    orgs = createOrganisationStore(db)
    for (const role of Object.keys(ids) as (keyof typeof ids)[]) {
      ids[role] = randomUUID()
      await orgs.create(
        {
          id: ids[role],
          name: role,
          nameZh: null,
          country: 'CN',
          roles: [],
          identifiers: [],
          did: null,
          createdAt: new Date().toISOString(),
        },
        randomUUID(),
      )
      keys[role] = await generateSigningKeyPair({ alg: role === 'bank' ? 'ES256' : 'EdDSA' })
      await orgs.addKey(ids[role], keys[role]!)
    }
    registry = createTitleRegistry({ store: createEblStore(db), directory: orgs })
  })

  const draft = (reference: string, isToOrder = true) =>
    registry.createDraft({
      document: createSampleCorridorBill({
        reference,
        carrier: ids.carrier,
        shipper: ids.shipper,
        consignee: isToOrder ? undefined : ids.consignee,
        isToOrder,
      }),
      carrier: ids.carrier,
    })

  it('runs the reference journey and keeps a chain anyone can replay', async () => {
    const bill = await draft('JOURNEY1')
    await registry.act({
      documentId: bill.id,
      actor: ids.carrier,
      action: 'ISSUE',
      recipient: ids.shipper,
    })
    await registry.act({
      documentId: bill.id,
      actor: ids.shipper,
      action: 'ENDORSE_TO_ORDER',
      recipient: ids.bank,
    })
    await registry.act({
      documentId: bill.id,
      actor: ids.shipper,
      action: 'TRANSFER',
      recipient: ids.bank,
      pledge: 'PLEDGE',
    })
    await registry.act({
      documentId: bill.id,
      actor: ids.bank,
      action: 'ENDORSE',
      recipient: ids.consignee,
    })
    await registry.act({
      documentId: bill.id,
      actor: ids.bank,
      action: 'TRANSFER',
      recipient: ids.consignee,
      pledge: 'RELEASE',
    })
    await registry.act({
      documentId: bill.id,
      actor: ids.consignee,
      action: 'SURRENDER_FOR_DELIVERY',
    })
    const { record } = await registry.act({
      documentId: bill.id,
      actor: ids.carrier,
      action: 'SACC',
      recipient: ids.consignee,
    })
    expect(record.state).toMatchObject({
      status: 'SURRENDERED_FOR_DELIVERY',
      possessor: ids.carrier,
      holder: ids.consignee,
    })
    expect(record.document.transportDocumentStatus).toBe('ISSUED')

    const history = await registry.history(bill.id)
    expect(history.map((e) => e.payload.action)).toEqual([
      'ISSUE',
      'ENDORSE_TO_ORDER',
      'TRANSFER',
      'ENDORSE',
      'TRANSFER',
      'SURRENDER_FOR_DELIVERY',
      'SACC',
    ])
    const stored = await registry.get(bill.id)
    const replayed = await replayStoredChain(stored, history, (org, kid) =>
      orgs.getPublicKey(org, kid),
    )
    expect(replayed).toEqual(stored.state)
    expect((await registry.list({ party: ids.consignee })).map((r) => r.id)).toContain(bill.id)
    expect(
      (await registry.list({ status: 'SURRENDERED_FOR_DELIVERY', q: 'JOURNEY' })).map((r) => r.id),
    ).toEqual([bill.id])
  })

  it('refuses a second bill with the same reference and version', async () => {
    await draft('DUPREF')
    await expect(draft('DUPREF')).rejects.toMatchObject({ code: 'EBL_DUPLICATE_REFERENCE' })
  })

  it("gives a draft's empty history and refuses an unknown bill's", async () => {
    const bill = await draft('HISTORYREF')
    expect(await registry.history(bill.id)).toEqual([])
    await expect(registry.history(randomUUID())).rejects.toMatchObject({ code: 'EBL_NOT_FOUND' })
  })

  it('lists by exact reference, where q matches a part of it', async () => {
    const exact = await draft('EXACTREF')
    await draft('EXACTREF2')
    expect((await registry.list({ reference: 'EXACTREF' })).map((r) => r.id)).toEqual([exact.id])
    expect(await registry.list({ q: 'EXACTREF' })).toHaveLength(2)
    expect(await registry.list({ reference: 'EXACTRE' })).toEqual([])
  })

  it('lets exactly one of many concurrent conflicting transfers win', async () => {
    const bill = await draft('RACE1')
    await registry.act({
      documentId: bill.id,
      actor: ids.carrier,
      action: 'ISSUE',
      recipient: ids.shipper,
    })
    await registry.act({ documentId: bill.id, actor: ids.shipper, action: 'BLANK_ENDORSE' })
    const head = (await registry.get(bill.id)).lastEntryChecksum
    const recipients = [ids.bank, ids.consignee, ids.stranger, ids.carrier]
    const attempts = Array.from({ length: 24 }, (_, i) =>
      registry.act({
        documentId: bill.id,
        actor: ids.shipper,
        action: 'TRANSFER',
        recipient: recipients[i % 4]!,
        expectedPreviousEntryChecksum: head,
      }),
    )
    const results = await Promise.allSettled(attempts)
    const won = results.filter((r) => r.status === 'fulfilled')
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(won).toHaveLength(1)
    expect(lost.map((r) => r.reason.code)).toEqual(Array(23).fill('EBL_CONFLICT'))
    expect(await registry.history(bill.id)).toHaveLength(3)
  })

  it('lets exactly one of many concurrent pre-signed actions win', async () => {
    const bill = await draft('RACE2')
    await registry.act({
      documentId: bill.id,
      actor: ids.carrier,
      action: 'ISSUE',
      recipient: ids.shipper,
    })
    await registry.act({ documentId: bill.id, actor: ids.shipper, action: 'BLANK_ENDORSE' })
    const record = await registry.get(bill.id)
    const signed = await Promise.all(
      [ids.bank, ids.consignee, ids.stranger, ids.bank, ids.consignee, ids.stranger].map(
        (recipient) =>
          signActionEntry({
            organisationId: ids.shipper,
            key: keys.shipper!,
            payload: {
              documentChecksum: record.documentChecksum,
              previousEntryChecksum: record.lastEntryChecksum,
              action: 'TRANSFER',
              actor: ids.shipper,
              recipient,
              at: new Date().toISOString(),
              nonce: createNonce(),
            },
          }),
      ),
    )
    const results = await Promise.allSettled(
      signed.map((jws) =>
        registry.actSigned({ documentId: bill.id, jws, authenticatedAs: ids.shipper }),
      ),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(
      results
        .filter((r) => r.status === 'rejected')
        .map((r) => (r as PromiseRejectedResult).reason.code),
    ).toEqual(Array(5).fill('EBL_CONFLICT'))
  })

  it('refuses, within a shared group commit, only the action whose bill moved', async () => {
    const store = createEblStore(getDb().db)
    const bills = []
    for (const reference of ['GROUP1', 'GROUP2', 'GROUP3']) {
      const bill = await draft(reference)
      await registry.act({
        documentId: bill.id,
        actor: ids.carrier,
        action: 'ISSUE',
        recipient: ids.shipper,
      })
      bills.push(await registry.get(bill.id))
    }
    const moves = bills.map((record, i) => {
      const jws = `not-verified-by-the-store.${record.reference}.${i}`
      const entryChecksum = computeEntryChecksum(jws)
      const state = { ...record.state, isBlankEndorsed: true, sequence: record.state.sequence + 1 }
      return store.appendEntry({
        record: { ...record, state, lastEntryChecksum: entryChecksum },
        entry: {
          documentId: record.id,
          seq: state.sequence,
          jws,
          entryChecksum,
          previousEntryChecksum: record.lastEntryChecksum,
          payload: {
            documentChecksum: record.documentChecksum,
            previousEntryChecksum: record.lastEntryChecksum,
            action: 'BLANK_ENDORSE',
            actor: ids.shipper,
            recipient: null,
            at: new Date().toISOString(),
            nonce: createNonce(),
          },
          signerKid: 'test',
          acceptedAt: new Date().toISOString(),
        },
        // The second bill's head is not the one this action was prepared on.
        expectedLastEntryChecksum: i === 1 ? 'f'.repeat(64) : record.lastEntryChecksum,
        isDocumentFrozen: false,
        amendsId: null,
        leaves: [encodeLeaf({ type: 'ebl-action', body: jws })],
      })
    })
    const results = await Promise.allSettled(moves)
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((results[1] as PromiseRejectedResult).reason.code).toBe('EBL_CONFLICT')
    const after = await Promise.all(bills.map((b) => store.getById(b.id)))
    expect(after.map((r) => r!.state.isBlankEndorsed)).toEqual([true, false, true])
    expect(after[1]!.lastEntryChecksum).toBe(bills[1]!.lastEntryChecksum)
    expect(await store.listEntries(bills[1]!.id)).toHaveLength(1)
  })

  it('keeps the database the authority over a registry’s cached chain heads', async () => {
    // Two registries on one database, as two API processes would be: `other` moves the bill behind
    // the back of `registry`, which keeps the head it last saw in memory.
    const other = createTitleRegistry({ store: createEblStore(getDb().db), directory: orgs })
    const bill = await draft('TWOPROC')
    await registry.act({
      documentId: bill.id,
      actor: ids.carrier,
      action: 'ISSUE',
      recipient: ids.shipper,
    })
    const seen = await registry.get(bill.id)
    const signOn = (
      previousEntryChecksum: string | null,
      actor: 'shipper' | 'bank',
      recipient: string,
    ) =>
      signActionEntry({
        organisationId: ids[actor],
        key: keys[actor]!,
        payload: {
          documentChecksum: seen.documentChecksum,
          previousEntryChecksum,
          action: 'TRANSFER',
          actor: ids[actor],
          recipient,
          at: new Date().toISOString(),
          nonce: createNonce(),
        },
      })
    await other.act({ documentId: bill.id, actor: ids.shipper, action: 'BLANK_ENDORSE' })
    // On the real head, which `registry` has not seen: it reads the bill again and accepts.
    const endorsed = await other.get(bill.id)
    const toBank = await signOn(endorsed.lastEntryChecksum, 'shipper', ids.bank)
    const { record } = await registry.actSigned({
      documentId: bill.id,
      jws: toBank,
      authenticatedAs: ids.shipper,
    })
    expect(record.state).toMatchObject({ possessor: ids.bank, sequence: 3 })
    // On the head `registry` remembers, valid there, but `other` has moved the bill on since:
    // the store refuses it.
    await other.act({
      documentId: bill.id,
      actor: ids.bank,
      action: 'TRANSFER',
      recipient: ids.consignee,
    })
    const stale = await signOn(record.lastEntryChecksum, 'bank', ids.stranger)
    await expect(
      registry.actSigned({ documentId: bill.id, jws: stale, authenticatedAs: ids.bank }),
    ).rejects.toMatchObject({ code: 'EBL_CONFLICT' })
    expect(await other.get(bill.id)).toMatchObject({ state: { possessor: ids.consignee } })
    expect(await registry.history(bill.id)).toHaveLength(4)
  })

  it('accepts a pre-signed ISSUE computed over the frozen document, and refuses its replay', async () => {
    const bill = await draft('PRESIGN')
    const { freezeDocumentForIssue } = await import('@landsea/core/ebl')
    const at = new Date().toISOString()
    const payload = {
      documentChecksum: computeDocumentChecksum(freezeDocumentForIssue(bill.document, at)),
      previousEntryChecksum: null,
      action: 'ISSUE' as const,
      actor: ids.carrier,
      recipient: ids.shipper,
      at,
      nonce: createNonce(),
    }
    const jws = await signActionEntry({ payload, organisationId: ids.carrier, key: keys.carrier! })
    const { record } = await registry.actSigned({
      documentId: bill.id,
      jws,
      authenticatedAs: ids.carrier,
    })
    expect(record.lastEntryChecksum).toBe(computeEntryChecksum(jws))
    await expect(
      registry.actSigned({ documentId: bill.id, jws, authenticatedAs: ids.carrier }),
    ).rejects.toMatchObject({ code: 'EBL_REPLAY' })
    await expect(
      registry.actSigned({ documentId: bill.id, jws, authenticatedAs: ids.shipper }),
    ).rejects.toMatchObject({ code: 'EBL_NOT_POSSESSOR' })
  })

  it('refuses a replayed nonce even when the link is right', async () => {
    const bill = await draft('REPLAY')
    await registry.act({
      documentId: bill.id,
      actor: ids.carrier,
      action: 'ISSUE',
      recipient: ids.shipper,
    })
    const first = (await registry.history(bill.id))[0]!
    const record = await registry.get(bill.id)
    const jws = await signActionEntry({
      organisationId: ids.shipper,
      key: keys.shipper!,
      payload: {
        documentChecksum: record.documentChecksum,
        previousEntryChecksum: record.lastEntryChecksum,
        action: 'BLANK_ENDORSE',
        actor: ids.shipper,
        recipient: null,
        at: new Date().toISOString(),
        nonce: first.payload.nonce,
      },
    })
    await expect(
      registry.actSigned({ documentId: bill.id, jws, authenticatedAs: ids.shipper }),
    ).rejects.toMatchObject({ code: 'EBL_REPLAY' })
    expect(await registry.history(bill.id)).toHaveLength(1)
  })

  it('refuses rule-breaking actions and changes nothing', async () => {
    const bill = await draft('RULES')
    await registry.act({
      documentId: bill.id,
      actor: ids.carrier,
      action: 'ISSUE',
      recipient: ids.shipper,
    })
    const before = await registry.get(bill.id)
    await expect(
      registry.act({
        documentId: bill.id,
        actor: ids.stranger,
        action: 'TRANSFER',
        recipient: ids.stranger,
      }),
    ).rejects.toMatchObject({ code: 'EBL_NOT_POSSESSOR' })
    await expect(
      registry.act({
        documentId: bill.id,
        actor: ids.bank,
        action: 'TRANSFER',
        recipient: ids.consignee,
      }),
    ).rejects.toMatchObject({ code: 'EBL_NOT_POSSESSOR' })
    await expect(
      registry.act({
        documentId: bill.id,
        actor: ids.shipper,
        action: 'TRANSFER',
        recipient: ids.consignee,
      }),
    ).rejects.toMatchObject({ code: 'EBL_RECIPIENT_NOT_ALLOWED' })
    expect(await registry.get(bill.id)).toEqual(before)
  })

  it('replaces a bill surrendered for amendment with a linked new version', async () => {
    const bill = await draft('AMEND1')
    await registry.act({
      documentId: bill.id,
      actor: ids.carrier,
      action: 'ISSUE',
      recipient: ids.shipper,
    })
    await registry.act({
      documentId: bill.id,
      actor: ids.shipper,
      action: 'SURRENDER_FOR_AMENDMENT',
      reasonCode: 'COD',
    })
    await registry.act({ documentId: bill.id, actor: ids.carrier, action: 'SACC' })
    const document = createSampleCorridorBill({
      reference: 'AMEND1',
      carrier: ids.carrier,
      shipper: ids.shipper,
      portOfDischarge: 'MYPKG',
    })
    const v2 = await registry.createDraft({ document, carrier: ids.carrier, amendsId: bill.id })
    expect(v2.version).toBe(2)
    await registry.act({
      documentId: v2.id,
      actor: ids.carrier,
      action: 'ISSUE',
      recipient: ids.shipper,
    })
    expect((await registry.get(bill.id)).amendedById).toBe(v2.id)
    expect(await registry.allowedActions(bill.id, ids.carrier)).toEqual([])
    await expect(
      registry.act({ documentId: bill.id, actor: ids.carrier, action: 'VOID' }),
    ).rejects.toMatchObject({ code: 'EBL_INVALID_STATE' })
    await expect(
      registry.createDraft({ document, carrier: ids.carrier, amendsId: bill.id }),
    ).rejects.toMatchObject({ code: 'EBL_INVALID_STATE' })
  })

  it('keeps old signatures verifiable after key rotation', async () => {
    const bill = await draft('ROTATE')
    await registry.act({
      documentId: bill.id,
      actor: ids.carrier,
      action: 'ISSUE',
      recipient: ids.shipper,
    })
    const newKey = await generateSigningKeyPair()
    await orgs.addKey(ids.shipper, newKey)
    await registry.act({ documentId: bill.id, actor: ids.shipper, action: 'BLANK_ENDORSE' })
    const history = await registry.history(bill.id)
    expect(history[1]!.signerKid).toBe(newKey.kid)
    const stored = await registry.get(bill.id)
    expect(await replayStoredChain(stored, history, (o, k) => orgs.getPublicKey(o, k))).toEqual(
      stored.state,
    )
    expect((await orgs.listKeys(ids.shipper)).map((k) => k.isActive)).toEqual([false, true])
  })
})
