import type { StorageDialect } from '../dialect.js'
import { writeTitleGroup } from '../ebl-group-write.js'
import { writeAppendRows } from '../ledger-append.js'

/**
 * SQLite: `?` parameters and better-sqlite3's constraint codes. Its single writer serialises
 * transactions, so reads need no row locks, and writes are the statements written once.
 */
export const sqliteDialect: StorageDialect = {
  name: 'sqlite',
  parameter: () => '?',
  uniqueViolation(error) {
    if (typeof error !== 'object' || error === null) return undefined
    const e = error as { code?: unknown; message?: unknown }
    if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      return String(e.message).toLowerCase()
    }
    return undefined
  },
  forUpdate: (query) => query,
  forUpdateSkipLocked: (query) => query,
  writeAppendRows: (trx, rows) => writeAppendRows(trx, sqliteDialect, rows),
  writeTitleGroup: (trx, writes) => writeTitleGroup(trx, sqliteDialect, writes),
}
