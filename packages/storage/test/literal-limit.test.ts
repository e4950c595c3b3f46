import { beforeAll, expect, it } from 'vitest'
import { precompiledQuery } from '../src/precompiled-query.js'
import { describeEachDatabase } from './databases.js'

describeEachDatabase('limits and offsets', (getDb) => {
  beforeAll(async () => {
    const { db } = getDb()
    await db
      .insertInto('node_settings')
      .values(['1', '2', '3', '4', '5'].map((n) => ({ key: `ll.${n}`, value: n })))
      .execute()
  })

  const keys = () =>
    getDb().db.selectFrom('node_settings').select('key').where('key', 'like', 'll.%').orderBy('key')

  it('returns the rows a limit and an offset select, written in the SQL or bound', async () => {
    const { db } = getDb()
    expect(await keys().limit(2).offset(1).execute()).toEqual([{ key: 'll.2' }, { key: 'll.3' }])
    expect(await keys().limit(0).execute()).toEqual([])
    const first = precompiledQuery(db, (n: number) => keys().limit(n))
    expect(await first.run(3)).toHaveLength(3)
    expect(await first.run(1)).toEqual([{ key: 'll.1' }])
  })

  it("writes a whole-number limit and offset into SQLite's SQL text, any other value bound", () => {
    const { dialect } = getDb()
    const literal = keys().limit(2).offset(1).compile()
    const fraction = keys().limit(1.5).compile()
    const negative = keys().limit(-1).compile()
    if (dialect === 'sqlite') {
      // A bound limit makes SQLite plan the statement again on every run (open-sqlite.ts).
      expect(literal.sql).toMatch(/ limit 2 offset 1$/)
      expect(literal.parameters).toEqual(['ll.%'])
      expect(fraction.sql).toMatch(/ limit \?$/)
      expect(fraction.parameters).toEqual(['ll.%', 1.5])
      expect(negative.sql).toMatch(/ limit \?$/)
    } else {
      expect(literal.parameters).toEqual(['ll.%', 2, 1])
    }
  })
})
