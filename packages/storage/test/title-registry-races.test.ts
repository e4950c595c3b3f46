import {
  computeEntryChecksum,
  createNonce,
  createTitleRegistry,
  signActionEntry,
} from '@landsea/core/ebl'
import { encodeLeaf } from '@landsea/core/ledger'
import { expect, it } from 'vitest'
import { createEblStore } from '../src/index.js'
import { describeEachDatabase } from './databases.js'
import { useRegistryParties } from './registry-parties.js'

describeEachDatabase('title registry on storage, racing', (getDb) => {
  const parties = useRegistryParties(getDb)
  const { ids, keys, draft, issue } = parties

  it('lets exactly one of many concurrent conflicting transfers win', async () => {
    const bill = await draft('RACE1')
    await issue(bill.id)
    await parties.registry.act({ documentId: bill.id, actor: ids.shipper, action: 'BLANK_ENDORSE' })
    const head = (await parties.registry.get(bill.id)).lastEntryChecksum
    const recipients = [ids.bank, ids.consignee, ids.stranger, ids.carrier]
    const attempts = Array.from({ length: 24 }, (_, i) =>
      parties.registry.act({
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
    expect(await parties.registry.history(bill.id)).toHaveLength(3)
  })

  it('lets exactly one of many concurrent pre-signed actions win', async () => {
    const bill = await draft('RACE2')
    await issue(bill.id)
    await parties.registry.act({ documentId: bill.id, actor: ids.shipper, action: 'BLANK_ENDORSE' })
    const record = await parties.registry.get(bill.id)
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
        parties.registry.actSigned({ documentId: bill.id, jws, authenticatedAs: ids.shipper }),
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
      await issue(bill.id)
      bills.push(await parties.registry.get(bill.id))
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

  it('keeps the database the authority over a parties.registry’s cached chain heads', async () => {
    // Two registries on one database, as two API processes would be: `other` moves the bill behind
    // the back of `parties.registry`, which keeps the head it last saw in memory.
    const other = createTitleRegistry({
      store: createEblStore(getDb().db),
      directory: parties.orgs,
    })
    const bill = await draft('TWOPROC')
    await issue(bill.id)
    const seen = await parties.registry.get(bill.id)
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
    // On the real head, which `parties.registry` has not seen: it reads the bill again and accepts.
    const endorsed = await other.get(bill.id)
    const toBank = await signOn(endorsed.lastEntryChecksum, 'shipper', ids.bank)
    const { record } = await parties.registry.actSigned({
      documentId: bill.id,
      jws: toBank,
      authenticatedAs: ids.shipper,
    })
    expect(record.state).toMatchObject({ possessor: ids.bank, sequence: 3 })
    // On the head `parties.registry` remembers, valid there, but `other` has moved the bill on since:
    // the store refuses it.
    await other.act({
      documentId: bill.id,
      actor: ids.bank,
      action: 'TRANSFER',
      recipient: ids.consignee,
    })
    const stale = await signOn(record.lastEntryChecksum, 'bank', ids.stranger)
    await expect(
      parties.registry.actSigned({ documentId: bill.id, jws: stale, authenticatedAs: ids.bank }),
    ).rejects.toMatchObject({ code: 'EBL_CONFLICT' })
    expect(await other.get(bill.id)).toMatchObject({ state: { possessor: ids.consignee } })
    expect(await parties.registry.history(bill.id)).toHaveLength(4)
  })
})
