import type { NodeSettingsStore } from '@landsea/core/settings'
import type { Kysely } from 'kysely'
import type { Schema } from './schema.js'

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
