import { randomUUID } from 'node:crypto'
import { generateSigningKeyPair } from '@landsea/core/crypto'
import {
  computeDocumentChecksum,
  computeEntryChecksum,
  createNonce,
  createSampleCorridorBill,
  signActionEntry,
} from '@landsea/core/ebl'
import { expect, it } from 'vitest'
import { describeEachDatabase } from './databases.js'
import { useRegistryParties } from './registry-parties.js'
import { replayStoredChain } from './replay-chain.js'

describeEachDatabase('title registry on storage', (getDb) => {
  const parties = useRegistryParties(getDb)
  const { ids, keys, draft, issue } = parties

  it('runs the reference journey and keeps a chain anyone can replay', async () => {
    const bill = await draft('JOURNEY1')
    await issue(bill.id)
    await parties.registry.act({
      documentId: bill.id,
      actor: ids.shipper,
      action: 'ENDORSE_TO_ORDER',
      recipient: ids.bank,
    })
    await parties.registry.act({
      documentId: bill.id,
      actor: ids.shipper,
      action: 'TRANSFER',
      recipient: ids.bank,
      pledge: 'PLEDGE',
    })
    await parties.registry.act({
      documentId: bill.id,
      actor: ids.bank,
      action: 'ENDORSE',
      recipient: ids.consignee,
    })
    await parties.registry.act({
      documentId: bill.id,
      actor: ids.bank,
      action: 'TRANSFER',
      recipient: ids.consignee,
      pledge: 'RELEASE',
    })
    await parties.registry.act({
      documentId: bill.id,
      actor: ids.consignee,
      action: 'SURRENDER_FOR_DELIVERY',
    })
    const { record } = await parties.registry.act({
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

    const history = await parties.registry.history(bill.id)
    expect(history.map((e) => e.payload.action)).toEqual([
      'ISSUE',
      'ENDORSE_TO_ORDER',
      'TRANSFER',
      'ENDORSE',
      'TRANSFER',
      'SURRENDER_FOR_DELIVERY',
      'SACC',
    ])
    const stored = await parties.registry.get(bill.id)
    const replayed = await replayStoredChain(stored, history, (org, kid) =>
      parties.orgs.getPublicKey(org, kid),
    )
    expect(replayed).toEqual(stored.state)
    expect((await parties.registry.list({ party: ids.consignee })).map((r) => r.id)).toContain(
      bill.id,
    )
    expect(
      (await parties.registry.list({ status: 'SURRENDERED_FOR_DELIVERY', q: 'JOURNEY' })).map(
        (r) => r.id,
      ),
    ).toEqual([bill.id])
  })

  it('refuses a second bill with the same reference and version', async () => {
    await draft('DUPREF')
    await expect(draft('DUPREF')).rejects.toMatchObject({ code: 'EBL_DUPLICATE_REFERENCE' })
  })

  it("gives a draft's empty history and refuses an unknown bill's", async () => {
    const bill = await draft('HISTORYREF')
    expect(await parties.registry.history(bill.id)).toEqual([])
    await expect(parties.registry.history(randomUUID())).rejects.toMatchObject({
      code: 'EBL_NOT_FOUND',
    })
  })

  it('lists by exact reference, where q matches a part of it', async () => {
    const exact = await draft('EXACTREF')
    await draft('EXACTREF2')
    expect((await parties.registry.list({ reference: 'EXACTREF' })).map((r) => r.id)).toEqual([
      exact.id,
    ])
    expect(await parties.registry.list({ q: 'EXACTREF' })).toHaveLength(2)
    expect(
      (await parties.registry.list({ reference: 'EXACTREF', limit: 1 })).map((r) => r.id),
    ).toEqual([exact.id])
    expect(await parties.registry.list({ reference: 'EXACTRE' })).toEqual([])
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
    const { record } = await parties.registry.actSigned({
      documentId: bill.id,
      jws,
      authenticatedAs: ids.carrier,
    })
    expect(record.lastEntryChecksum).toBe(computeEntryChecksum(jws))
    await expect(
      parties.registry.actSigned({ documentId: bill.id, jws, authenticatedAs: ids.carrier }),
    ).rejects.toMatchObject({ code: 'EBL_REPLAY' })
    await expect(
      parties.registry.actSigned({ documentId: bill.id, jws, authenticatedAs: ids.shipper }),
    ).rejects.toMatchObject({ code: 'EBL_NOT_POSSESSOR' })
  })

  it('refuses a replayed nonce even when the link is right', async () => {
    const bill = await draft('REPLAY')
    await issue(bill.id)
    const first = (await parties.registry.history(bill.id))[0]!
    const record = await parties.registry.get(bill.id)
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
      parties.registry.actSigned({ documentId: bill.id, jws, authenticatedAs: ids.shipper }),
    ).rejects.toMatchObject({ code: 'EBL_REPLAY' })
    expect(await parties.registry.history(bill.id)).toHaveLength(1)
  })

  it('refuses rule-breaking actions and changes nothing', async () => {
    const bill = await draft('RULES')
    await issue(bill.id)
    const before = await parties.registry.get(bill.id)
    await expect(
      parties.registry.act({
        documentId: bill.id,
        actor: ids.stranger,
        action: 'TRANSFER',
        recipient: ids.stranger,
      }),
    ).rejects.toMatchObject({ code: 'EBL_NOT_POSSESSOR' })
    await expect(
      parties.registry.act({
        documentId: bill.id,
        actor: ids.bank,
        action: 'TRANSFER',
        recipient: ids.consignee,
      }),
    ).rejects.toMatchObject({ code: 'EBL_NOT_POSSESSOR' })
    await expect(
      parties.registry.act({
        documentId: bill.id,
        actor: ids.shipper,
        action: 'TRANSFER',
        recipient: ids.consignee,
      }),
    ).rejects.toMatchObject({ code: 'EBL_RECIPIENT_NOT_ALLOWED' })
    expect(await parties.registry.get(bill.id)).toEqual(before)
  })

  it('replaces a bill surrendered for amendment with a linked new version', async () => {
    const bill = await draft('AMEND1')
    await issue(bill.id)
    await parties.registry.act({
      documentId: bill.id,
      actor: ids.shipper,
      action: 'SURRENDER_FOR_AMENDMENT',
      reasonCode: 'COD',
    })
    await parties.registry.act({ documentId: bill.id, actor: ids.carrier, action: 'SACC' })
    const document = createSampleCorridorBill({
      reference: 'AMEND1',
      carrier: ids.carrier,
      shipper: ids.shipper,
      portOfDischarge: 'MYPKG',
    })
    const v2 = await parties.registry.createDraft({
      document,
      carrier: ids.carrier,
      amendsId: bill.id,
    })
    expect(v2.version).toBe(2)
    await issue(v2.id)
    expect((await parties.registry.get(bill.id)).amendedById).toBe(v2.id)
    expect(await parties.registry.allowedActions(bill.id, ids.carrier)).toEqual([])
    await expect(
      parties.registry.act({ documentId: bill.id, actor: ids.carrier, action: 'VOID' }),
    ).rejects.toMatchObject({ code: 'EBL_INVALID_STATE' })
    await expect(
      parties.registry.createDraft({ document, carrier: ids.carrier, amendsId: bill.id }),
    ).rejects.toMatchObject({ code: 'EBL_INVALID_STATE' })
  })

  it('keeps old signatures verifiable after key rotation', async () => {
    const bill = await draft('ROTATE')
    await issue(bill.id)
    const newKey = await generateSigningKeyPair()
    await parties.orgs.addKey(ids.shipper, newKey)
    await parties.registry.act({ documentId: bill.id, actor: ids.shipper, action: 'BLANK_ENDORSE' })
    const history = await parties.registry.history(bill.id)
    expect(history[1]!.signerKid).toBe(newKey.kid)
    const stored = await parties.registry.get(bill.id)
    expect(
      await replayStoredChain(stored, history, (o, k) => parties.orgs.getPublicKey(o, k)),
    ).toEqual(stored.state)
    expect((await parties.orgs.listKeys(ids.shipper)).map((k) => k.isActive)).toEqual([false, true])
  })
})
