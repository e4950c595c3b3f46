import type { AcceptedEntry, EblRecord, TitleRegistry } from '@landsea/core/ebl'
import type { OrganisationStore } from '@landsea/core/organisation'
import type {
  InboxRecord,
  PintPrimitives,
  PintStore,
  PlatformKeys,
  PlatformStore,
} from '@landsea/core/pint'
import type { Fetch } from '../ledger/witness-client.js'
import type { PintOutbound } from '../privacy/pint-gate.js'
import type { PintVault } from '../privacy/pint-vault.js'
import type { PlatformIdentity } from './platform-identity.js'

/** What the PINT modules work over; each takes the part it needs. */
export interface PintPorts {
  readonly identity: () => Promise<PlatformIdentity>
  readonly platforms: PlatformStore
  readonly store: PintStore
  readonly registry: TitleRegistry
  readonly organisations: OrganisationStore
  /** The bill on this node whose document has this checksum, if any. */
  readonly findBill: (documentChecksum: string) => Promise<EblRecord | undefined>
  /** Whether this node holds a bill with this transport document reference. */
  readonly referenceTaken: (reference: string) => Promise<boolean>
  /** The node's guarded outbound client (no private targets unless allowed, no redirects, caps). */
  readonly fetch: Fetch
  /**
   * Seals the personal values of what PINT receives (docs/privacy.md); without it, received
   * envelopes, documents and bills are stored as they arrived.
   */
  readonly personalData?: PintVault | undefined
  /** The privacy gate's check of a bill about to leave; throws to refuse (docs/privacy.md). */
  readonly beforeSend?: ((outbound: PintOutbound) => Promise<void>) | undefined
  /**
   * The bill's bundle here, sent with it to other platforms (docs/pint.md, multi-log bundles), of
   * the bill and history the envelope was built from and the envelope it last arrived with, if it
   * did (each read once per transfer).
   */
  readonly evidence?:
    | ((bill: {
        record: EblRecord
        history: readonly AcceptedEntry[]
        pintChecksum: string
        received: InboxRecord | undefined
      }) => Promise<unknown>)
    | undefined
  /** The public keys of a platform (this one included), from the directory. */
  readonly keysOf: (code: string) => Promise<PlatformKeys | undefined>
  /** Native signing, verification and hashing, each accepting and making what core's would. */
  readonly primitives?: PintPrimitives | undefined
  readonly now: () => string
}
