import { canonicalJson } from '@landsea/core/crypto'
import type { TransferRecord, TransferRegisterStore } from '@landsea/core/privacy'
import type { Delivery } from '@landsea/core/tracking'
import { CompiledQuery, sql, type Kysely, type Selectable, type UpdateObject } from 'kysely'
import { bulkInsert, insertText, MAX_PARAMETERS } from './bulk-insert.js'
import { dialectOf } from './dialect.js'
import { appendLeaves } from './ledger-append.js'
import type { PrivacyTransferTable, Schema } from './schema.js'
import { deliveryRow } from './subscription-store.js'

const rowOf = (r: Pick<Selectable<PrivacyTransferTable>, 'seq' | 'record' | 'leaf_index'>) => ({
  seq: Number(r.seq),
  record: JSON.parse(r.record) as TransferRecord,
  leafIndex: r.leaf_index === null ? null : Number(r.leaf_index),
})

/** Rows in slices of 500 (one statement each), with the offset of each slice. */
function* chunksOf<T>(rows: readonly T[]): Generator<[number, readonly T[]]> {
  for (let from = 0; from < rows.length; from += 500) yield [from, rows.slice(from, from + 500)]
}

/** Sets columns of the register rows with these sequence numbers. */
const setBySeq = (
  trx: Kysely<Schema>,
  rows: readonly { seq: number | string | bigint }[],
  values: UpdateObject<Schema, 'privacy_transfers'>,
) =>
  trx
    .updateTable('privacy_transfers')
    .set(values)
    .where(
      'seq',
      'in',
      rows.map((r) => Number(r.seq)),
    )
    .execute()

/** Register entries of an intent with neither a settled mark nor a settlement row. */
export const openIntentsOf = (on: Kysely<Schema>) =>
  on
    .selectFrom('privacy_transfers as t')
    .leftJoin('privacy_transfer_intents as i', 'i.intent_id', 't.intent_id')
    .where('t.intent_id', 'is not', null)
    .where('t.settled_at', 'is', null)
    .where('i.intent_id', 'is', null)

/**
 * The open intents (`query`) whose webhook delivery has ended and whose row has its leaf: what the
 * settlement writes. In order of `seq`, so SQLite walks the partial index of open intents; without
 * an order its planner took the unique index of `intent_id` for `intent_id is not null` and read
 * every row of the register at each settlement.
 */
export const endedIntents = (query: ReturnType<typeof openIntentsOf>) =>
  query
    .innerJoin('tracking_deliveries as d', 'd.delivery_id', 't.delivery_id')
    .where('d.status', '<>', 'PENDING')
    .where('t.leaf_index', 'is not', null)
    .select(['t.seq', 't.intent_id', 't.record_id', 't.leaf_index', 'd.status'])
    .orderBy('t.seq')

/**
 * The database {@link TransferRegisterStore}. The insert before each send is the gate's one write:
 * compiled once and run with new parameters (no query building per transfer). `seal` holds the
 * pending rows (PostgreSQL: `FOR UPDATE`; SQLite: the writer lock) while it appends their leaves, so
 * two processes sealing at once cannot give a row two leaves.
 */
export function createTransferRegisterStore(db: Kysely<Schema>): TransferRegisterStore {
  const dialect = dialectOf(db)
  const values = ({ record, deliveryId }: { record: TransferRecord; deliveryId?: string }) => ({
    record_id: record.recordId,
    intent_id: record.intentId ?? null,
    delivery_id: deliveryId ?? null,
    recorded_at: record.recordedAt,
    // Its RFC 8785 text, written once: the seal wraps it in the leaf envelope as it is.
    record: canonicalJson(record),
    leaf_index: null,
    settled_at: null,
    canonical: 1,
  })
  const insertInto = (rows: readonly { record: TransferRecord; deliveryId?: string }[]) =>
    db
      .insertInto('privacy_transfers')
      .values(rows.map(values))
      .onConflict((oc) => oc.column('intent_id').doNothing())
      .returning(['seq', 'record_id'])
  const DELIVERY_COLUMNS = Object.keys(deliveryRow({} as Delivery))
  const REGISTER_COLUMNS = Object.keys(values({ record: {} as TransferRecord }))
  const REGISTER_CONFLICT = 'on conflict ("intent_id") do nothing returning "seq", "record_id"'
  // One row (a transfer at a time): the statement compiled once, run with its values.
  const insertOne = insertInto([
    { record: { recordId: '', recordedAt: '' } as TransferRecord },
  ]).compile()
  const ended = (on: Kysely<Schema>) => endedIntents(openIntentsOf(on))
  const seqsOf = (
    rows: readonly { record: TransferRecord }[],
    written: readonly { seq: number | string; record_id: string }[],
  ) => {
    const seqOf = new Map(written.map((r) => [r.record_id, Number(r.seq)]))
    return rows.map((r) => seqOf.get(r.record.recordId))
  }
  return {
    // Each enqueue of an ingest: statements built once per row count (bulk-insert.ts), not by the
    // query builder; without register rows, the deliveries' one statement needs no transaction.
    async insertWithDeliveries(rows, deliveries) {
      const queued = deliveries.map((d) => Object.values(deliveryRow(d)))
      if (rows.length === 0) {
        await bulkInsert(db, dialect, 'tracking_deliveries', DELIVERY_COLUMNS, queued)
        return []
      }
      const bound = queued.length * DELIVERY_COLUMNS.length + rows.length * REGISTER_COLUMNS.length
      if (dialect.name === 'postgres' && queued.length > 0 && bound <= MAX_PARAMETERS) {
        // PostgreSQL: one statement (the deliveries' insert a data-modifying CTE), atomic as the
        // transaction below, in one round trip instead of four (BEGIN, two INSERTs, COMMIT).
        const text = `with "queued" as (${insertText(dialect, 'tracking_deliveries', DELIVERY_COLUMNS, queued.length)}) ${insertText(dialect, 'privacy_transfers', REGISTER_COLUMNS, rows.length, queued.length * DELIVERY_COLUMNS.length)} ${REGISTER_CONFLICT}`
        const result = await db.executeQuery<{ seq: number | string; record_id: string }>(
          CompiledQuery.raw(text, [
            ...queued.flat(),
            ...rows.flatMap((r) => Object.values(values(r))),
          ]),
        )
        return seqsOf(rows, result.rows)
      }
      return db.transaction().execute(async (trx) => {
        await bulkInsert(trx, dialect, 'tracking_deliveries', DELIVERY_COLUMNS, queued)
        const written: { seq: number | string; record_id: string }[] = []
        const perStatement = Math.floor(MAX_PARAMETERS / REGISTER_COLUMNS.length)
        for (let from = 0; from < rows.length; from += perStatement) {
          const part = rows.slice(from, from + perStatement)
          const text = `${insertText(dialect, 'privacy_transfers', REGISTER_COLUMNS, part.length)} ${REGISTER_CONFLICT}`
          const result = await trx.executeQuery<(typeof written)[number]>(
            CompiledQuery.raw(
              text,
              part.flatMap((r) => Object.values(values(r))),
            ),
          )
          written.push(...result.rows)
        }
        return seqsOf(rows, written)
      })
    },
    async insert(rows) {
      const written =
        rows.length === 1
          ? (
              await db.executeQuery<{ seq: number | string; record_id: string }>(
                CompiledQuery.raw(insertOne.sql, Object.values(values(rows[0]!))),
              )
            ).rows
          : await insertInto(rows).execute()
      return seqsOf(rows, written)
    },
    async since(seq) {
      const rows = await db
        .selectFrom('privacy_transfers')
        .select(['seq', 'record', 'leaf_index'])
        .where('seq', '>', seq)
        .orderBy('seq')
        .execute()
      return rows.map(rowOf)
    },
    async byIntent(intentId) {
      const row = await db
        .selectFrom('privacy_transfers')
        .select(['seq', 'record', 'leaf_index'])
        .where('intent_id', '=', intentId)
        .executeTakeFirst()
      return row && rowOf(row)
    },
    async seal(leaf) {
      return db.transaction().execute(async (trx) => {
        const rows = await dialect
          .forUpdate(
            trx
              .selectFrom('privacy_transfers')
              .select(['seq', 'record', 'canonical'])
              .where('leaf_index', 'is', null)
              .orderBy('seq'),
          )
          .execute()
        if (rows.length === 0) return 0
        // A row written as canonical text is its leaf's body as it is; an older row is parsed.
        const { firstIndex } = await appendLeaves(
          trx,
          dialect,
          rows.map((r) =>
            Number(r.canonical) === 1
              ? leaf.canonical(r.record)
              : leaf.encode(JSON.parse(r.record) as TransferRecord),
          ),
        )
        // Consecutive sequence numbers (the usual case): one statement, each row's leaf index its
        // distance from the first; the rows between the first and the last are exactly these.
        const first = Number(rows[0]!.seq)
        const last = Number(rows[rows.length - 1]!.seq)
        if (last - first + 1 === rows.length) {
          await trx
            .updateTable('privacy_transfers')
            .set({ leaf_index: sql<number>`seq + cast(${firstIndex - first} as bigint)` })
            .where('seq', '>=', first)
            .where('seq', '<=', last)
            .execute()
          return rows.length
        }
        // Otherwise one statement per 500 rows: each row's leaf index by its position in the batch.
        for (const [from, chunk] of chunksOf(rows)) {
          const position = sql<number>`case seq ${sql.join(
            chunk.map(
              (r, i) => sql`when ${Number(r.seq)} then cast(${firstIndex + from + i} as bigint)`,
            ),
            sql` `,
          )} end`
          await setBySeq(trx, chunk, { leaf_index: position })
        }
        return rows.length
      })
    },
    async unsettled() {
      const rows = await openIntentsOf(db)
        .leftJoin('tracking_deliveries as d', 'd.delivery_id', 't.delivery_id')
        .where((eb) => eb.or([eb('d.status', 'is', null), eb('d.status', '=', 'PENDING')]))
        .select(['t.intent_id', 't.record_id', 't.leaf_index'])
        .orderBy('t.seq')
        .execute()
      return rows.map((r) => ({
        intentId: r.intent_id!,
        recordId: r.record_id,
        leafIndex: r.leaf_index === null ? null : Number(r.leaf_index),
      }))
    },
    async settleEnded() {
      const rows = await ended(db).execute()
      if (rows.length === 0) return 0
      const at = new Date().toISOString()
      await db.transaction().execute(async (trx) => {
        for (const [, chunk] of chunksOf(rows)) {
          await trx
            .insertInto('privacy_transfer_intents')
            .values(
              chunk.map((r) => ({
                intent_id: r.intent_id!,
                record_id: r.record_id,
                leaf_index: Number(r.leaf_index),
                state: r.status === 'DELIVERED' ? 'sent' : 'not-sent',
              })),
            )
            .onConflict((oc) => oc.column('intent_id').doNothing())
            .execute()
          // Out of the partial index of open intents: the next run does not scan them again.
          await setBySeq(trx, chunk, { settled_at: at })
        }
      })
      return rows.length
    },
  }
}
