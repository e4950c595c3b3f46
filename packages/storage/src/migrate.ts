import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import { migrations } from './migrations/index.js'
import { StorageError } from './storage-error.js'

const provider: MigrationProvider = {
  getMigrations: async () => migrations as Record<string, Migration>,
}

/** Brings the schema to the latest migration. Migrations are written once for both databases. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  // Names are ASCII (`0001-…`), so code-unit order is their order; Kysely's default,
  // `localeCompare`, loads ICU's collator on first use (~11 ms of every cold CLI command).
  const migrator = new Migrator({
    db,
    provider,
    nameComparator: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName
    throw new StorageError('STORAGE_MIGRATION_FAILED', `migration ${failed ?? '?'} failed`, {
      cause: error,
    })
  }
}
