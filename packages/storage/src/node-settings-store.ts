import type { Kysely } from 'kysely'
import type { Schema } from './schema.js'

/** The node's own settings (name, jurisdiction, keys), as JSON values by key. */
export interface NodeSettingsStore {
  get<T>(key: string): Promise<T | undefined>
  set(key: string, value: unknown): Promise<void>
}

/** The database implementation of {@link NodeSettingsStore}. */
export function createNodeSettingsStore(db: Kysely<Schema>): NodeSettingsStore {
  return {
    async get<T>(key: string) {
      const row = await db
        .selectFrom('node_settings')
        .select('value')
        .where('key', '=', key)
        .executeTakeFirst()
      return row ? (JSON.parse(row.value) as T) : undefined
    },
    async set(key, value) {
      const text = JSON.stringify(value)
      await db
        .insertInto('node_settings')
        .values({ key, value: text })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: text }))
        .execute()
    },
  }
}
