import type { Kysely, Transaction } from 'kysely'
import type { StorageDialect } from './dialect.js'
import { appendLeaves } from './ledger-append.js'
import type { Schema } from './schema.js'

/**
 * Appends ledger leaves and writes the rows that commit to them in one transaction:
 * `insertRows` gets the index of the first leaf. A unique violation (a concurrent writer stored
 * one of the rows first) writes nothing and answers `isWritten: false`.
 */
export async function appendRowsWithLeaves(
  db: Kysely<Schema>,
  dialect: StorageDialect,
  leaves: readonly Uint8Array[],
  insertRows: (trx: Transaction<Schema>, firstLeafIndex: number) => Promise<void>,
): Promise<
  { readonly isWritten: true; readonly firstLeafIndex: number } | { readonly isWritten: false }
> {
  try {
    const { firstIndex } = await db.transaction().execute(async (trx) => {
      const appended = await appendLeaves(trx, dialect, leaves)
      await insertRows(trx, appended.firstIndex)
      return appended
    })
    return { isWritten: true, firstLeafIndex: firstIndex }
  } catch (error) {
    // A concurrent ingest stored one of these events first; the transaction wrote nothing.
    if (dialect.uniqueViolation(error)) return { isWritten: false }
    throw error
  }
}
