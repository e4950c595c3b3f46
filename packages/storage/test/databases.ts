import { openTestDatabase, TEST_DATABASES, type LandseaDatabase } from '@landsea/storage/testing'
import { afterAll, beforeAll, describe } from 'vitest'

/** Runs a suite once per test database (SQLite; PostgreSQL when DATABASE_URL is set), fresh for the suite. */
export function describeEachDatabase(
  name: string,
  suite: (get: () => LandseaDatabase) => void,
): void {
  for (const kind of TEST_DATABASES) {
    describe(`${name} [${kind}]`, () => {
      let database: LandseaDatabase
      beforeAll(async () => {
        database = await openTestDatabase(kind)
      })
      afterAll(async () => {
        await database?.destroy()
      })
      suite(() => database)
    })
  }
}
