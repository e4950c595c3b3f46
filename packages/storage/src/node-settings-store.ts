import type { NodeSettingsStore, SecretCipher } from '@landsea/core/settings'
import type { Kysely } from 'kysely'
import type { Schema } from './schema.js'
import { precompiledQuery } from './precompiled-query.js'
import { CLEAR } from './secrets-at-rest.js'

/**
 * The database implementation of {@link NodeSettingsStore}. Settings hold the node's secrets (the
 * log and witness seeds, hosted issuers' keys), so every value is sealed by `cipher`.
 */
export function createNodeSettingsStore(
  db: Kysely<Schema>,
  { cipher = CLEAR }: { cipher?: SecretCipher } = {},
): NodeSettingsStore {
  const valueOf = precompiledQuery(db, (key: string) =>
    db.selectFrom('node_settings').select('value').where('key', '=', key),
  )
  async function get<T>(key: string): Promise<T | undefined> {
    const [row] = await valueOf.run(key)
    return row ? (JSON.parse(cipher.open(row.value)) as T) : undefined
  }
  return {
    get,
    async initialise<T>(key: string, create: () => T | Promise<T>) {
      const stored = await get<T>(key)
      if (stored !== undefined) return stored
      const text = cipher.seal(JSON.stringify(await create()))
      await db
        .insertInto('node_settings')
        .values({ key, value: text })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute()
      // Read back: another process may have stored its value first, and that one holds.
      return (await get<T>(key))!
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
