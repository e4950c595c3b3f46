import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Schema } from '../schema.js'

// PostgreSQL returns int8 (count, sum) as strings; parse them, our counts fit in a double.
pg.types.setTypeParser(20, (value: string) => Number(value))

/** Opens a PostgreSQL database through a pool of `poolSize` connections. */
export function openPostgres({ url, poolSize }: { url: string; poolSize: number }): Kysely<Schema> {
  return new Kysely<Schema>({
    dialect: new PostgresDialect({ pool: createPool(url, poolSize) }),
  })
}

/**
 * A PostgreSQL pool whose idle-client errors (a restarted server, a terminated connection) are reported
 * instead of crashing the process; the pool replaces the client on the next query.
 */
function createPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max })
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL idle client error: ${error.message}`)
  })
  return pool
}
