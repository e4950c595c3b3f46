import type { StorageDialect } from '../dialect.js'
import { writePostgresAppendRows } from './ledger-append.js'
import { writePostgresTitleGroup } from './title-group.js'

/** PostgreSQL: `$n` parameters, SQLSTATE 23505, row locks, and writes that save round trips. */
export const postgresDialect: StorageDialect = {
  name: 'postgres',
  parameter: (position) => `$${position}`,
  uniqueViolation(error) {
    if (typeof error !== 'object' || error === null) return undefined
    const e = error as { code?: unknown; constraint?: unknown; detail?: unknown }
    if (e.code === '23505') return `${String(e.constraint)} ${String(e.detail)}`.toLowerCase()
    return undefined
  },
  forUpdate: (query) => query.forUpdate(),
  forUpdateSkipLocked: (query) => query.forUpdate().skipLocked(),
  writeAppendRows: (trx, rows) => writePostgresAppendRows(trx, postgresDialect, rows),
  writeTitleGroup: (trx, writes) => writePostgresTitleGroup(trx, postgresDialect, writes),
}
