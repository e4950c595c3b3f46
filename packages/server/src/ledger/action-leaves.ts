import type { EblStore } from '@landsea/core/ebl'
import { encodeLeaf, hashLeaf } from '@landsea/core/ledger'
import type { Schema } from '@landsea/storage'
import type { Kysely } from 'kysely'
import type { NodeLedger } from './node-ledger.js'

/**
 * Wraps the bill store so every accepted action is appended to the log before the action is
 * acknowledged. The entry commits first and the leaf right after; if the process dies in
 * between, the action was never acknowledged and {@link appendMissingActionLeaves} adds the
 * leaf at the next start. (Moving the append into the entry's own transaction needs a hook in
 * `EblStore.appendEntry`; see docs/ledger.md.)
 */
export function withActionLeaves(store: EblStore, ledger: NodeLedger): EblStore {
  return {
    ...store,
    async appendEntry(input) {
      await store.appendEntry(input)
      await ledger.appendActions([input.entry.jws])
    },
  }
}

/** Appends the leaves of accepted actions that the log lacks, in acceptance order; returns how many. */
export async function appendMissingActionLeaves(
  db: Kysely<Schema>,
  ledger: NodeLedger,
): Promise<number> {
  // The common case, checked cheaply: as many action leaves as accepted actions.
  const [leaves, accepted] = await Promise.all([
    db
      .selectFrom('ledger_leaves')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('leaf_type', '=', 'ebl-action')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('ebl_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  if (Number(leaves.n) >= Number(accepted.n)) return 0
  const entries = await db
    .selectFrom('ebl_entries')
    .select('jws')
    .orderBy('accepted_at')
    .orderBy('document_id')
    .orderBy('seq')
    .execute()
  const missing: string[] = []
  for (const { jws } of entries) {
    const leafHash = hashLeaf(encodeLeaf({ type: 'ebl-action', body: jws }))
    if ((await ledger.store.findLeafIndex(leafHash)) === undefined) missing.push(jws)
  }
  if (missing.length > 0) await ledger.appendActions(missing)
  return missing.length
}
