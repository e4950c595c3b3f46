import { randomBytes } from 'node:crypto'
import pg from 'pg'
export type { LandseaDatabase } from './database.js'
import { createDatabase, type LandseaDatabase } from './database.js'

/** The databases every storage test runs on: SQLite always, PostgreSQL when DATABASE_URL is set. */
export const TEST_DATABASES = [
  'sqlite',
  ...(process.env.DATABASE_URL ? ['postgres' as const] : []),
] as const

/** An empty PostgreSQL database made for one test, and how to drop it. */
export interface FreshPostgresDatabase {
  /** Its connection URL: DATABASE_URL with the new database's name. */
  readonly url: string
  /** Drops it, closing the sessions still open on it. */
  drop(): Promise<void>
}

async function withAdmin(base: string, run: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  try {
    await run(admin)
  } finally {
    await admin.end()
  }
}

/**
 * Creates an empty PostgreSQL database (not migrated) on the server of `DATABASE_URL`, named
 * `<prefix>_<random>`: for tests and benches that start node processes on a database of their own.
 */
export async function createFreshPostgresDatabase(
  prefix = 'landsea_test',
): Promise<FreshPostgresDatabase> {
  const base = process.env.DATABASE_URL
  if (!base) throw new Error('a PostgreSQL test database needs DATABASE_URL')
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  await withAdmin(base, (admin) => admin.query(`CREATE DATABASE ${name}`))
  const url = new URL(base)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () =>
      withAdmin(base, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  }
}

/**
 * Opens a fresh, migrated database of the given kind. PostgreSQL gets a new database per call, dropped
 * by `destroy`, so test files never see each other's rows.
 */
export async function openTestDatabase(kind: 'sqlite' | 'postgres'): Promise<LandseaDatabase> {
  if (kind === 'sqlite') return createDatabase({ file: ':memory:' })
  const fresh = await createFreshPostgresDatabase()
  const database = await createDatabase({ url: fresh.url })
  return {
    ...database,
    async destroy() {
      await database.destroy()
      await fresh.drop()
    },
  }
}
