import type { InboxRecord } from '@landsea/core/pint'
import { createPintDirectory, type PintDirectory } from './pint-directory.js'
import {
  arrivalOfBills,
  crossingOfBills,
  type PintArrival,
  type PintCrossing,
} from './pint-evidence.js'
import type { PintPorts } from './pint-ports.js'
import { createPintReceiving, type PintReceiving } from './pint-receiving.js'
import { createPintSending, type PintSending } from './pint-sending.js'

export { identifyingCodesOf } from './pint-parties.js'
export type { PintArrival } from './pint-evidence.js'
export type { PintReply } from './pint-receiving.js'
export type { PintRecipient, TransferOutRequest } from './pint-sending.js'

/** DCSA PINT 3.0.0 between this node and other platforms (docs/pint.md). */
export interface PintService extends Omit<PintDirectory, 'keysOf'>, PintReceiving, PintSending {
  inbox(): Promise<InboxRecord[]>
  /** How the bill with this document checksum arrived from another platform, for its bundle. */
  crossingOf(documentChecksum: string): Promise<PintCrossing | undefined>
  /** The same, from the envelope it last arrived with, just read (`evidence`'s `received`). */
  crossingFrom(received: InboxRecord | undefined): Promise<PintCrossing | undefined>
  /** How the bill with this document checksum last arrived here, and the platforms before. */
  arrivalOf(documentChecksum: string): Promise<PintArrival | undefined>
}

/** Creates the PINT service over its ports: the directory, the receiving and the sending side. */
export function createPintService({
  clock = () => new Date(),
  ...given
}: Omit<PintPorts, 'keysOf' | 'now'> & {
  clock?: () => Date
}): PintService {
  const now = () => clock().toISOString()
  const { keysOf, ...directory } = createPintDirectory({
    identity: given.identity,
    platforms: given.platforms,
    now,
  })
  const ports: PintPorts = { ...given, now, keysOf }
  return {
    ...directory,
    ...createPintReceiving(ports),
    ...createPintSending(ports),
    inbox: () => given.store.listInbox({}),
    ...crossingOfBills(ports),
    arrivalOf: arrivalOfBills(given.store),
  }
}
