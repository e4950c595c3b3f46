import type { EblRecord, TitleRegistry } from '@landsea/core/ebl'
import type { OrganisationStore } from '@landsea/core/organisation'
import type { InboxRecord, PintStore, PlatformStore } from '@landsea/core/pint'
import type { Fetch } from '../ledger/witness-client.js'
import type { PlatformIdentity } from './platform-identity.js'
import { createPintDirectory, type PintDirectory } from './pint-directory.js'
import { crossingOfBills, type PintCrossing } from './pint-evidence.js'
import { createPintReceiving, type PintReceiving } from './pint-receiving.js'
import { createPintSending, type PintSending } from './pint-sending.js'

export { identifyingCodesOf } from './pint-parties.js'
export type { PintReply } from './pint-receiving.js'
export type { PintRecipient, TransferOutRequest } from './pint-sending.js'

/** DCSA PINT 3.0.0 between this node and other platforms (docs/pint.md). */
export interface PintService extends Omit<PintDirectory, 'keysOf'>, PintReceiving, PintSending {
  inbox(): Promise<InboxRecord[]>
  /** How the bill with this document checksum arrived from another platform, for its bundle. */
  crossingOf(documentChecksum: string): Promise<PintCrossing | undefined>
}

/** Creates the PINT service over its ports: the directory, the receiving and the sending side. */
export function createPintService({
  identity,
  platforms,
  store,
  registry,
  organisations,
  findBill,
  referenceTaken,
  fetch = globalThis.fetch as unknown as Fetch,
  clock = () => new Date(),
  evidence,
}: {
  identity: () => Promise<PlatformIdentity>
  platforms: PlatformStore
  store: PintStore
  registry: TitleRegistry
  organisations: OrganisationStore
  /** The bill on this node whose document has this checksum, if any. */
  findBill: (documentChecksum: string) => Promise<EblRecord | undefined>
  /** Whether this node holds a bill with this transport document reference. */
  referenceTaken: (reference: string) => Promise<boolean>
  fetch?: Fetch
  clock?: () => Date
  /** The bill's bundle here, sent with it to other platforms (docs/pint.md, multi-log bundles). */
  evidence?: (documentId: string) => Promise<unknown>
}): PintService {
  const now = () => clock().toISOString()
  const { keysOf, ...directory } = createPintDirectory({ identity, platforms, now })
  return {
    ...directory,
    ...createPintReceiving({
      identity,
      store,
      organisations,
      findBill,
      referenceTaken,
      keysOf,
      now,
    }),
    ...createPintSending({
      identity,
      platforms,
      store,
      registry,
      organisations,
      fetch,
      now,
      evidence,
    }),
    inbox: () => store.listInbox({}),
    crossingOf: crossingOfBills({ identity, store, organisations, keysOf }),
  }
}
