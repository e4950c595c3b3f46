import type {
  Compilable,
  CompiledQuery,
  Insertable,
  InsertQueryBuilder,
  InsertResult,
  Kysely,
  QueryResult,
  Transaction,
} from 'kysely'

/** Stands for an argument while a query is compiled; replaced by the argument's value on each run. */
class Slot {
  readonly index: number
  constructor(index: number) {
    this.index = index
  }
}

/** A query compiled once and run with new values; see {@link precompiledQuery}. */
export interface PrecompiledQuery<DB, A extends unknown[], R> {
  /** The rows it returns, run on the handle it was made for. */
  run(...args: A): Promise<R[]>
  /** The same, inside a transaction on that handle. */
  runIn(trx: Transaction<DB>, ...args: A): Promise<R[]>
  /** Rows changed by an insert, update or delete (Kysely's `numAffectedRows`). */
  affected(...args: A): Promise<number>
  /** The same, inside a transaction on that handle. */
  affectedIn(trx: Transaction<DB>, ...args: A): Promise<number>
}

/**
 * A query of one database handle that Kysely builds and compiles once, on its first run, and then
 * runs with each call's argument values: Kysely otherwise builds and compiles every query anew
 * (tens of microseconds, for each of the dozens a bill's transfer runs). `build` receives stand-ins
 * for its arguments and must pass each one on as a value (`where(column, '=', id)`,
 * `values({ column: id })`), never inspect or transform it: the SQL text is fixed by the first
 * compilation, only the values change. Compiled by the handle's dialect, it also runs in that
 * handle's transactions.
 *
 * @example
 * const outboxById = precompiledQuery(db, (id: string) =>
 *   db.selectFrom('pint_outbox').selectAll().where('id', '=', id),
 * )
 * const [row] = await outboxById.run(transferId)
 */
export function precompiledQuery<DB, A extends unknown[], R>(
  db: Kysely<DB>,
  build: (...args: A) => Compilable<R>,
): PrecompiledQuery<DB, A, R> {
  const query = precompile(build.length, (slots) => build(...(slots as A)))
  return {
    run: (...args) => query.run(db, args),
    runIn: (trx, ...args) => query.run(trx, args),
    affected: (...args) => query.affected(db, args),
    affectedIn: (trx, ...args) => query.affected(trx, args),
  }
}

/** Queries of one shape per count of values; see {@link precompiledQueriesByCount}. */
export interface PrecompiledQueriesByCount<DB, V, R> {
  /** The rows it returns for these values, run on the handle it was made for. */
  run(values: readonly V[]): Promise<R[]>
  /** The same, inside a transaction on that handle. */
  runIn(trx: Transaction<DB>, values: readonly V[]): Promise<R[]>
  /** Rows changed by an insert, update or delete (Kysely's `numAffectedRows`). */
  affected(values: readonly V[]): Promise<number>
  /** The same, inside a transaction on that handle. */
  affectedIn(trx: Transaction<DB>, values: readonly V[]): Promise<number>
}

const MAX_COUNTS = 64

/**
 * A {@link precompiledQuery} whose SQL text depends on how many values it takes (the rows of a
 * multi-row insert, the items of an `in` list): compiled once per count, on the first run with that
 * many values (at most {@link MAX_COUNTS} counts are kept; others are compiled each time). `build`
 * receives one stand-in per value and, as for {@link precompiledQuery}, must pass each on as a value.
 *
 * @example
 * const vaultOf = precompiledQueriesByCount(db, (ids: string[]) =>
 *   db.selectFrom('privacy_vault').selectAll().where('record_id', 'in', ids),
 * )
 */
export function precompiledQueriesByCount<DB, V, R>(
  db: Kysely<DB>,
  build: (values: V[]) => Compilable<R>,
): PrecompiledQueriesByCount<DB, V, R> {
  const queryFor = keptUpTo(MAX_COUNTS, (count: number) =>
    precompile(count, (slots) => build(slots as V[])),
  )
  return {
    run: (values) => queryFor(values.length).run(db, values),
    runIn: (trx, values) => queryFor(values.length).run(trx, values),
    affected: (values) => queryFor(values.length).affected(db, values),
    affectedIn: (trx, values) => queryFor(values.length).affected(trx, values),
  }
}

/** An insert of one row compiled once per set of columns; see {@link precompiledInsert}. */
export interface PrecompiledInsert<DB, T extends keyof DB> {
  /** Inserts the row; returns the rows it changed (0 when its conflict clause skipped it). */
  run(row: Insertable<DB[T]>): Promise<number>
  /** The same, inside a transaction on that handle. */
  runIn(trx: Transaction<DB>, row: Insertable<DB[T]>): Promise<number>
}

/**
 * An `insert into table` of one row that Kysely builds and compiles once per set of columns (the
 * row's own keys, in order) rather than for every row: `finish` adds what follows the values (a
 * conflict clause). Values are bound as parameters, as in {@link precompiledQuery}.
 *
 * @example
 * const insertInbox = precompiledInsert(db, 'pint_inbox', (q) => q.onConflict((oc) => oc.doNothing()))
 * const inserted = await insertInbox.run(row)
 */
export function precompiledInsert<DB, T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  finish: (query: InsertQueryBuilder<DB, T, InsertResult>) => Compilable<unknown> = (query) =>
    query,
): PrecompiledInsert<DB, T> {
  const byColumns = keptUpTo(MAX_COUNTS, (key: string) => {
    const columns = key === '' ? [] : key.split(',')
    return precompile(columns.length, (slots) =>
      finish(
        db
          .insertInto(table)
          .values(Object.fromEntries(columns.map((c, i) => [c, slots[i]])) as Insertable<DB[T]>),
      ),
    )
  })
  const queryFor = (columns: readonly string[]) => byColumns(columns.join(','))
  const insert = (on: QueryRunner, row: Insertable<DB[T]>) => {
    // As Kysely does, a key whose value is undefined is no column of the insert.
    const columns = Object.keys(row as object).filter(
      (c) => (row as Record<string, unknown>)[c] !== undefined,
    )
    return queryFor(columns).affected(
      on,
      columns.map((c) => (row as Record<string, unknown>)[c]),
    )
  }
  return {
    run: (row) => insert(db, row),
    runIn: (trx, row) => insert(trx, row),
  }
}

/** `make`'s answer per key, made on first use; at most `size` keys kept (others made each time). */
function keptUpTo<K, V>(size: number, make: (key: K) => V): (key: K) => V {
  const kept = new Map<K, V>()
  return (key) => {
    let value = kept.get(key)
    if (value === undefined) {
      value = make(key)
      if (kept.size < size) kept.set(key, value)
    }
    return value
  }
}

/** Where a compiled query runs: a database handle or one of its transactions. */
interface QueryRunner {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>
}

interface Precompiled<R> {
  run(on: QueryRunner, args: readonly unknown[]): Promise<R[]>
  affected(on: QueryRunner, args: readonly unknown[]): Promise<number>
}

function precompile<R>(
  arity: number,
  build: (slots: readonly unknown[]) => Compilable<R>,
): Precompiled<R> {
  let compiled: CompiledQuery<R> | undefined
  const compile = () => {
    const result = build(Array.from({ length: arity }, (_, i) => new Slot(i))).compile()
    const bound = new Set(result.parameters.flatMap((p) => (p instanceof Slot ? [p.index] : [])))
    // An argument Kysely did not pass on as a parameter would stay fixed at its stand-in.
    if (bound.size !== arity)
      throw new Error('a precompiled query must use each of its arguments as a value')
    return result
  }
  const bind = (args: readonly unknown[]): CompiledQuery<R> => {
    compiled ??= compile()
    const parameters = compiled.parameters.map((p) => (p instanceof Slot ? args[p.index] : p))
    return { ...compiled, parameters }
  }
  return {
    async run(on, args) {
      return (await on.executeQuery(bind(args))).rows
    },
    async affected(on, args) {
      return Number((await on.executeQuery(bind(args))).numAffectedRows ?? 0)
    },
  }
}
