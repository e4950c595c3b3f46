import type { Compilable, CompiledQuery, Kysely, Transaction } from 'kysely'

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
  let compiled: CompiledQuery<R> | undefined
  const compile = () => {
    const result = build(
      ...(Array.from({ length: build.length }, (_, i) => new Slot(i)) as A),
    ).compile()
    const bound = new Set(result.parameters.flatMap((p) => (p instanceof Slot ? [p.index] : [])))
    // An argument Kysely did not pass on as a parameter would stay fixed at its stand-in.
    if (bound.size !== build.length)
      throw new Error('a precompiled query must use each of its arguments as a value')
    return result
  }
  const bind = (args: A): CompiledQuery<R> => {
    compiled ??= compile()
    const parameters = compiled.parameters.map((p) => (p instanceof Slot ? args[p.index] : p))
    return { ...compiled, parameters }
  }
  return {
    async run(...args) {
      return (await db.executeQuery(bind(args))).rows
    },
    async runIn(trx, ...args) {
      return (await trx.executeQuery(bind(args))).rows
    },
    async affected(...args) {
      return Number((await db.executeQuery(bind(args))).numAffectedRows ?? 0)
    },
  }
}
