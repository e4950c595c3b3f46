import type { SecretCipher } from '@landsea/core/settings'
import type { Kysely } from 'kysely'
import type { Schema } from './schema.js'

/** No sealing: values stored as they are (tests and tools that open a database without a key). */
export const CLEAR: SecretCipher = {
  seal: (plain) => plain,
  open: (text) => text,
  isSealed: () => false,
}

/**
 * Seals the secrets a database still holds in clear text (written before sealing existed): every
 * node setting and every custodial private key, in one transaction. Idempotent; run on start
 * under the setup lock. With `reseal`, every value is opened and sealed again under the cipher's
 * sealing key (a key rotation: the cipher opens under the old key too), all or none of them.
 * Returns how many values it sealed.
 */
export async function sealSecretsAtRest(
  db: Kysely<Schema>,
  cipher: SecretCipher,
  { reseal = false }: { reseal?: boolean } = {},
): Promise<number> {
  const again = (text: string) => cipher.seal(cipher.open(text))
  return db.transaction().execute(async (trx) => {
    let sealed = 0
    for (const row of await trx.selectFrom('node_settings').select(['key', 'value']).execute()) {
      if (!reseal && cipher.isSealed(row.value)) continue
      await trx
        .updateTable('node_settings')
        .set({ value: again(row.value) })
        .where('key', '=', row.key)
        .execute()
      sealed++
    }
    const keys = await trx
      .selectFrom('organisation_keys')
      .select(['organisation_id', 'kid', 'private_jwk'])
      .where('private_jwk', 'is not', null)
      .execute()
    for (const row of keys) {
      if (row.private_jwk === null || (!reseal && cipher.isSealed(row.private_jwk))) continue
      await trx
        .updateTable('organisation_keys')
        .set({ private_jwk: again(row.private_jwk) })
        .where('organisation_id', '=', row.organisation_id)
        .where('kid', '=', row.kid)
        .execute()
      sealed++
    }
    return sealed
  })
}
