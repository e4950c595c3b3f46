import { randomBytes } from 'node:crypto'
import pg from 'pg'
export type { LandseaDatabase } from './database.js'
import { createDatabase, type LandseaDatabase } from './database.js'

/** The databases every storage test runs on: SQLite always, PostgreSQL when DATABASE_URL is set. */
export const TEST_DATABASES = [
  'sqlite',
  ...(process.env.DATABASE_URL ? ['postgres' as const] : []),
] as const

/**
 * Opens a fresh, migrated database of the given kind. PostgreSQL gets a new database per call, dropped
 * by `destroy`, so test files never see each other's rows.
 */
export async function openTestDatabase(kind: 'sqlite' | 'postgres'): Promise<LandseaDatabase> {
  if (kind === 'sqlite') return createDatabase({ file: ':memory:' })
  const base = process.env.DATABASE_URL!
  const name = `landsea_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(base)
  url.pathname = `/${name}`
  const database = await createDatabase({ url: url.toString() })
  return {
    ...database,
    async destroy() {
      await database.destroy()
      const dropper = new pg.Client({ connectionString: base })
      await dropper.connect()
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await dropper.end()
    },
  }
}
