import { sql } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import {
  precompiledInsert,
  precompiledQueriesByCount,
  precompiledQuery,
} from '../src/precompiled-query.js'
import { describeEachDatabase } from './databases.js'

describeEachDatabase('precompiled queries', (getDb) => {
  beforeAll(async () => {
    const { db } = getDb()
    await db
      .insertInto('node_settings')
      .values([
        { key: 'pq.a', value: '"first"' },
        { key: 'pq.b', value: '"second"' },
        { key: 'pq.x', value: '"x"' },
        { key: 'pq.y', value: '"y"' },
      ])
      .execute()
  })

  it('runs the SQL compiled on the first call with each call’s own values', async () => {
    const { db } = getDb()
    const valueOf = precompiledQuery(db, (key: string) =>
      db.selectFrom('node_settings').select('value').where('key', '=', key),
    )
    expect(await valueOf.run('pq.a')).toEqual([{ value: '"first"' }])
    expect(await valueOf.run('pq.b')).toEqual([{ value: '"second"' }])
    expect(await valueOf.run('pq.none')).toEqual([])
  })

  it('keeps the values the query was built with and orders the arguments as they appear', async () => {
    const { db } = getDb()
    const between = precompiledQuery(db, (high: string, low: string) =>
      db
        .selectFrom('node_settings')
        .select('key')
        .where('key', 'like', 'pq.%')
        .where('key', '>=', low)
        .where('key', '<=', high)
        .orderBy('key')
        .limit(1),
    )
    expect(await between.run('pq.z', 'pq.b')).toEqual([{ key: 'pq.b' }])
    expect(await between.run('pq.z', 'pq.a')).toEqual([{ key: 'pq.a' }])
  })

  it('writes in a transaction that a rollback undoes, and counts the rows it changed', async () => {
    const { db } = getDb()
    const setValue = precompiledQuery(db, (key: string, value: string) =>
      db.updateTable('node_settings').set({ value }).where('key', '=', key),
    )
    await db
      .transaction()
      .execute(async (trx) => {
        await setValue.runIn(trx, 'pq.a', '"changed"')
        throw new Error('roll back')
      })
      .catch(() => undefined)
    const [row] = await db
      .selectFrom('node_settings')
      .select('value')
      .where('key', '=', 'pq.a')
      .execute()
    expect(row?.value).toBe('"first"')
    expect(await setValue.affected('pq.b', '"changed"')).toBe(1)
    expect(await setValue.affected('pq.none', '"changed"')).toBe(0)
  })

  it('refuses a query that does not pass an argument on as a value', async () => {
    const { db } = getDb()
    const inlined = precompiledQuery(db, (key: string) =>
      db
        .selectFrom('node_settings')
        .select('value')
        .where(sql.ref('key'), '=', sql.lit(String(key))),
    )
    await expect(inlined.run('pq.a')).rejects.toThrow(/each of its arguments as a value/)
  })

  it('compiles a query per count of values, each run with its own values', async () => {
    const { db } = getDb()
    const valuesOf = precompiledQueriesByCount(db, (keys: string[]) =>
      db.selectFrom('node_settings').select('value').where('key', 'in', keys).orderBy('key'),
    )
    expect(await valuesOf.run(['pq.x'])).toEqual([{ value: '"x"' }])
    expect(await valuesOf.run(['pq.y'])).toEqual([{ value: '"y"' }])
    expect(await valuesOf.run(['pq.y', 'pq.x'])).toEqual([{ value: '"x"' }, { value: '"y"' }])
    expect(await valuesOf.run(['pq.none', 'pq.y', 'pq.none'])).toEqual([{ value: '"y"' }])
  })

  it('inserts rows of any set of columns, with their conflict clause, counting what it wrote', async () => {
    const { db } = getDb()
    const insert = precompiledInsert(db, 'node_settings', (q) =>
      q.onConflict((oc) => oc.column('key').doNothing()),
    )
    expect(await insert.run({ key: 'pq.c', value: '"third"' })).toBe(1)
    expect(await insert.run({ value: '"fourth"', key: 'pq.d' })).toBe(1)
    expect(await insert.run({ key: 'pq.c', value: '"again"' })).toBe(0)
    await db
      .transaction()
      .execute(async (trx) => {
        await insert.runIn(trx, { key: 'pq.e', value: '"fifth"' })
        throw new Error('roll back')
      })
      .catch(() => undefined)
    const rows = await db
      .selectFrom('node_settings')
      .select(['key', 'value'])
      .where('key', 'in', ['pq.c', 'pq.d', 'pq.e'])
      .orderBy('key')
      .execute()
    expect(rows).toEqual([
      { key: 'pq.c', value: '"third"' },
      { key: 'pq.d', value: '"fourth"' },
    ])
  })
})
