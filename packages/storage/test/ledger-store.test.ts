import {
  createMemoryLedger,
  createMemoryWitnessStore,
  encodeLeaf,
  hashLeaf,
  verifyConsistencyProof,
  verifyInclusionProof,
  type LedgerStore,
  type WitnessRecord,
  type WitnessStore,
} from '@landsea/core/ledger'
import { bytesToHex } from '@noble/hashes/utils.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { dialectOf } from '../src/dialect.js'
import { createLedgerStore, createWitnessStore } from '../src/index.js'
import { appendLeaves } from '../src/ledger-append.js'
import { describeEachDatabase } from './databases.js'

const leaf = (i: number) => encodeLeaf({ type: 'tracking-event', body: { eventId: `e${i}` } })
const hex = (b: Uint8Array) => bytesToHex(b)

describeEachDatabase('ledger store', (getDb) => {
  let store: LedgerStore
  const reference = createMemoryLedger()

  beforeAll(() => {
    store = createLedgerStore(getDb().db)
  })

  it('appends batches with dense indices and the same roots and proofs as the reference tree', async () => {
    expect(await store.treeSize()).toBe(0)
    expect(hex(await store.rootHash(0))).toBe(hex(reference.rootHash(0)))
    let next = 0
    for (const batch of [1, 2, 5, 1, 64, 3, 200, 17]) {
      const leaves = Array.from({ length: batch }, (_, i) => leaf(next + i))
      const result = await store.appendLeaves(leaves)
      expect(result).toEqual({ firstIndex: next, treeSize: next + batch })
      reference.append(leaves)
      next += batch
    }
    for (const size of [1, 2, 3, 8, 9, 76, 100, next]) {
      const root = reference.rootHash(size)
      expect(hex(await store.rootHash(size))).toBe(hex(root))
      for (const index of [0, size - 1, Math.floor(size / 3)]) {
        const proof = await store.inclusionProof(index, size)
        expect(proof.hashes.map(hex)).toEqual(reference.inclusionProof(index, size).hashes.map(hex))
        verifyInclusionProof(proof, hashLeaf(leaf(index)), root)
      }
      const consistency = await store.consistencyProof(Math.max(1, size - 7), next)
      verifyConsistencyProof(
        consistency,
        reference.rootHash(Math.max(1, size - 7)),
        reference.rootHash(),
      )
    }
    expect(await store.findLeafIndex(hashLeaf(leaf(42)))).toBe(42)
    expect(await store.findLeafIndex(new Uint8Array(32))).toBeUndefined()
    expect((await store.readLeaves(3, 5)).map((b) => new TextDecoder().decode(b))).toEqual([
      new TextDecoder().decode(leaf(3)),
      new TextDecoder().decode(leaf(4)),
    ])
  })

  it('gives several proofs and leaf indices at once, the same as one by one', async () => {
    // A leaf appended twice: its first index is the one found, as findLeafIndex has it.
    const again = leaf(7)
    await store.appendLeaves([again])
    reference.append([again])
    const size = await store.treeSize()
    // Every leaf of the tree: more nodes than one query reads, so they are read in parts.
    const indices = Array.from({ length: size }, (_, i) => size - 1 - i)
    const proofs = await store.inclusionProofs(indices, size)
    expect(proofs.map((p) => [p.leafIndex, p.treeSize, p.hashes.map(hex)])).toEqual(
      indices.map((i) => [i, size, reference.inclusionProof(i, size).hashes.map(hex)]),
    )
    expect(await store.inclusionProofs([], size)).toEqual([])
    await expect(store.inclusionProofs([0], size + 1)).rejects.toMatchObject({
      code: 'LEDGER_SIZE_INVALID',
    })
    const hashes = [hashLeaf(leaf(42)), new Uint8Array(32), hashLeaf(again), hashLeaf(leaf(0))]
    expect(await store.findLeafIndices(hashes)).toEqual([42, undefined, 7, 0])
    // The same count again, other values: the query compiled for four is run with these.
    const others = [hashLeaf(leaf(3)), hashLeaf(leaf(99)), new Uint8Array(32), hashLeaf(leaf(1))]
    expect(await store.findLeafIndices(others)).toEqual([3, 99, undefined, 1])
  })

  it('refuses sizes beyond the log and indices beyond the size', async () => {
    const size = await store.treeSize()
    await expect(store.rootHash(size + 1)).rejects.toMatchObject({ code: 'LEDGER_SIZE_INVALID' })
    await expect(store.inclusionProof(size, size)).rejects.toMatchObject({
      code: 'LEDGER_INDEX_OUT_OF_RANGE',
    })
    await expect(store.consistencyProof(5, size + 1)).rejects.toMatchObject({
      code: 'LEDGER_SIZE_INVALID',
    })
    await expect(store.inclusionProof(-1, size)).rejects.toMatchObject({
      code: 'LEDGER_SIZE_INVALID',
    })
  })

  it('commits leaves with the caller’s transaction, or not at all', async () => {
    const { db } = getDb()
    const before = await store.treeSize()
    await expect(
      db.transaction().execute(async (trx) => {
        await appendLeaves(trx, dialectOf(db), [leaf(-1), leaf(-2)])
        throw new Error('the action failed')
      }),
    ).rejects.toThrow('the action failed')
    expect(await store.treeSize()).toBe(before)
    await db.transaction().execute((trx) => appendLeaves(trx, dialectOf(db), [leaf(before)]))
    reference.append([leaf(before)])
    expect(hex(await store.rootHash(before + 1))).toBe(hex(reference.rootHash()))
  })

  it('keeps the frontier with the head, and rebuilds it from the nodes where a log predates that', async () => {
    const { db } = getDb()
    const frontierOf = async () =>
      (await db.selectFrom('ledger_head').select('frontier').executeTakeFirstOrThrow()).frontier
    const before = await store.treeSize()
    // The frontier of a log of `before` leaves: one 32-byte hash per complete subtree.
    const subtrees = before.toString(2).replaceAll('0', '').length
    expect((await frontierOf())?.length).toBe(32 * subtrees)
    // A log written before migration 0005 has no frontier in its head; the next append reads the
    // nodes and stores it. A large append (above one statement's parameters) takes the other path.
    await db.updateTable('ledger_head').set({ frontier: null }).where('id', '=', 1).execute()
    const large = Array.from({ length: 2100 }, (_, i) => leaf(20_000 + i))
    await store.appendLeaves(large)
    reference.append(large)
    expect(hex(await store.rootHash(await store.treeSize()))).toBe(hex(reference.rootHash()))
    // A frontier that does not fit the size is not trusted either.
    await db
      .updateTable('ledger_head')
      .set({ frontier: new Uint8Array(31) })
      .where('id', '=', 1)
      .execute()
    await store.appendLeaves([leaf(30_000)])
    reference.append([leaf(30_000)])
    expect(hex(await store.rootHash(await store.treeSize()))).toBe(hex(reference.rootHash()))
  })

  it('serialises concurrent appends into one consistent tree', async () => {
    const before = await store.treeSize()
    const batches = Array.from({ length: 8 }, (_, b) =>
      Array.from({ length: 25 }, (_, i) => leaf(10_000 + b * 100 + i)),
    )
    const results = await Promise.all(batches.map((batch) => store.appendLeaves(batch)))
    const starts = results.map((r) => r.firstIndex).sort((a, b) => a - b)
    expect(starts).toEqual(Array.from({ length: 8 }, (_, i) => before + i * 25))
    const ordered = results
      .map((r, b) => ({ r, batch: batches[b]! }))
      .sort((x, y) => x.r.firstIndex - y.r.firstIndex)
    for (const { batch } of ordered) reference.append(batch)
    expect(hex(await store.rootHash(await store.treeSize()))).toBe(hex(reference.rootHash()))
  })

  it('keeps checkpoints and their cosignatures', async () => {
    const root = await store.rootHash(10)
    await store.saveCheckpoint({
      treeSize: 10,
      rootHash: root,
      note: 'n1',
      createdAt: '2026-12-01T00:00:00.000Z',
    })
    await store.saveCheckpoint({
      treeSize: 10,
      rootHash: root,
      note: 'n1+cosig',
      createdAt: '2026-12-01T00:00:01.000Z',
    })
    await store.saveCheckpoint({
      treeSize: 4,
      rootHash: root,
      note: 'old',
      createdAt: '2026-12-01T00:00:00.000Z',
    })
    expect(await store.latestCheckpoint()).toMatchObject({ treeSize: 10, note: 'n1+cosig' })
    expect((await store.checkpointAt(4))?.note).toBe('old')
    expect(await store.checkpointAt(5)).toBeUndefined()
  })

  describe('witness store', () => {
    let witness: WitnessStore
    const record = (treeSize: number): WitnessRecord => ({
      origin: 'log.example/a',
      treeSize,
      rootHash: new Uint8Array(32).fill(treeSize),
      checkpoint: `cp ${treeSize}`,
    })
    beforeAll(() => {
      witness = createWitnessStore(getDb().db)
    })

    it('behaves like the in-memory reference, compare-and-set on the size', async () => {
      for (const s of [witness, createMemoryWitnessStore()]) {
        expect(await s.latest('log.example/a')).toBeUndefined()
        expect(await s.advance(record(5), 0)).toBe(true)
        expect(await s.advance(record(6), 0)).toBe(false)
        expect(await s.advance(record(7), 5)).toBe(true)
        expect(await s.advance(record(9), 5)).toBe(false)
        expect(await s.latest('log.example/a')).toMatchObject({ treeSize: 7, checkpoint: 'cp 7' })
      }
    })

    it('lets exactly one of two racing advances win', async () => {
      const outcomes = await Promise.all([
        witness.advance(record(20), 7),
        witness.advance(record(30), 7),
      ])
      expect(outcomes.filter(Boolean)).toHaveLength(1)
    })

    it('keeps fork evidence', async () => {
      await witness.recordEvidence({
        origin: 'log.example/a',
        reason: 'LEDGER_WITNESS_FORK',
        message: 'two checkpoints of the same size differ',
        previousCheckpoint: 'a',
        submittedCheckpoint: 'b',
        oldSize: 7,
        proof: [],
        observedAt: '2026-12-01T00:00:00.000Z',
      })
      expect(await witness.listEvidence()).toMatchObject([
        { previousCheckpoint: 'a', submittedCheckpoint: 'b' },
      ])
    })
  })
})
