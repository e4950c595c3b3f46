import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import { migrations } from './migrations/index.js'
import { StorageError } from './storage-error.js'

const provider: MigrationProvider = {
  getMigrations: async () => migrations as Record<string, Migration>,
}

/** Brings the schema to the latest migration. Migrations are written once for both databases. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName
    throw new StorageError('STORAGE_MIGRATION_FAILED', `migration ${failed ?? '?'} failed`, {
      cause: error,
    })
  }
}
