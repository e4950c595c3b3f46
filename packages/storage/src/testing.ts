import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
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

/** A place where a test found a value it looked for: the table and column of the row. */
export interface FoundInTable {
  readonly table: string
  readonly column: string
}

/**
 * Where any of `needles` appears in clear in the database: every column of every row of every
 * table, read as text (bytes as UTF-8, JSON as its text) and, up to three levels deep, with every
 * run of base64 or base64url in it decoded (how PINT documents and JWS payloads are stored). For
 * tests that a person's values are kept nowhere (crypto-shredding, docs/privacy.md).
 */
export async function findInEveryTable(
  database: LandseaDatabase,
  needles: readonly string[],
): Promise<FoundInTable[]> {
  const { db } = database
  const tables =
    database.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
  const found: FoundInTable[] = []
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db)
    for (const row of rows.rows) {
      for (const [column, value] of Object.entries(row)) {
        const text = textOf(value)
        if (text !== undefined && holdsAny(text, needles, 0)) found.push({ table: name, column })
      }
    }
  }
  return found
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8')
  if (typeof value === 'object' && value !== null) return JSON.stringify(value)
  return undefined
}

function holdsAny(text: string, needles: readonly string[], depth: number): boolean {
  if (needles.some((n) => text.includes(n))) return true
  if (depth >= 3) return false
  // Node's base64 decoder reads the base64url alphabet too.
  for (const [run] of text.matchAll(/[A-Za-z0-9+/_-]{16,}/g)) {
    if (holdsAny(Buffer.from(run, 'base64').toString('utf8'), needles, depth + 1)) return true
  }
  return false
}
