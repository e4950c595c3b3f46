import type { EblRecord, TitleRegistry } from '@landsea/core/ebl'
import type { OrganisationStore } from '@landsea/core/organisation'
import type { InboxRecord, PintStore, PlatformStore } from '@landsea/core/pint'
import type { Fetch } from '../ledger/witness-client.js'
import type { PintOutbound } from '../privacy/pint-gate.js'
import type { PlatformIdentity } from './platform-identity.js'
import { createPintDirectory, type PintDirectory } from './pint-directory.js'
import { createPintReceiving, type PintReceiving } from './pint-receiving.js'
import { createPintSending, type PintSending } from './pint-sending.js'

export { identifyingCodesOf } from './pint-parties.js'
export type { PintReply } from './pint-receiving.js'
export type { PintRecipient, TransferOutRequest } from './pint-sending.js'

/** DCSA PINT 3.0.0 between this node and other platforms (docs/pint.md). */
export interface PintService extends Omit<PintDirectory, 'keysOf'>, PintReceiving, PintSending {
  inbox(): Promise<InboxRecord[]>
}

/** Creates the PINT service over its ports: the directory, the receiving and the sending side. */
export function createPintService({
  identity,
  platforms,
  store,
  registry,
  organisations,
  findBill,
  fetch,
  beforeSend,
  clock = () => new Date(),
}: {
  identity: () => Promise<PlatformIdentity>
  platforms: PlatformStore
  store: PintStore
  registry: TitleRegistry
  organisations: OrganisationStore
  /** The bill on this node whose document has this checksum, if any. */
  findBill: (documentChecksum: string) => Promise<EblRecord | undefined>
  /** The node's guarded outbound client (no private targets unless allowed, no redirects, caps). */
  fetch: Fetch
  /** The privacy gate's check of a bill about to leave; throws to refuse (docs/privacy.md). */
  beforeSend?: (outbound: PintOutbound) => Promise<void>
  clock?: () => Date
}): PintService {
  const now = () => clock().toISOString()
  const { keysOf, ...directory } = createPintDirectory({ identity, platforms, now })
  return {
    ...directory,
    ...createPintReceiving({ identity, store, organisations, findBill, keysOf, now }),
    ...createPintSending({
      identity,
      platforms,
      store,
      registry,
      organisations,
      fetch,
      now,
      ...(beforeSend ? { beforeSend } : {}),
    }),
    inbox: () => store.listInbox({}),
  }
}
