import type { NodeSettingsStore, SecretCipher } from '@landsea/core/settings'
import type { Kysely } from 'kysely'
import type { Schema } from './schema.js'
import { CLEAR } from './secrets-at-rest.js'

/**
 * The database implementation of {@link NodeSettingsStore}. Settings hold the node's secrets (the
 * log and witness seeds, hosted issuers' keys), so every value is sealed by `cipher`.
 */
export function createNodeSettingsStore(
  db: Kysely<Schema>,
  { cipher = CLEAR }: { cipher?: SecretCipher } = {},
): NodeSettingsStore {
  return {
    async get<T>(key: string) {
      const row = await db
        .selectFrom('node_settings')
        .select('value')
        .where('key', '=', key)
        .executeTakeFirst()
      return row ? (JSON.parse(cipher.open(row.value)) as T) : undefined
    },
    async set(key, value) {
      const text = cipher.seal(JSON.stringify(value))
      await db
        .insertInto('node_settings')
        .values({ key, value: text })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: text }))
        .execute()
    },
  }
}
