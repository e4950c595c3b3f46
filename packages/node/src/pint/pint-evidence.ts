import {
  chainJourney,
  type ChainLeg,
  type InboxRecord,
  type PintEnvelope,
  type PlatformKeys,
} from '@landsea/core/pint'
import type { BundleCrossing } from '@landsea/core/verify'
import { chainEntriesOf, lastReceived, localPartyIds, partiesOnPlatform } from './pint-import.js'
import type { PintPorts } from './pint-ports.js'

/**
 * The additional document by which a Landsea node sends the bill's bundle with it (our extension):
 * the parties' signed actions, with their inclusion proofs and the sending node's cosigned checkpoint.
 */
export const EVIDENCE_DOCUMENT = 'landsea-ebl-bundle.json'

/** How a bill arrived on this node by PINT, for its bundle (a multi-log bundle, docs/pint.md). */
export interface PintCrossing {
  readonly crossing: BundleCrossing
  /** The chain's last entry: this node's first action on the bill links to it. */
  readonly lastEntryChecksum: string
}

/**
 * The crossing of the bill with this document checksum, if it arrived from another platform
 * (`crossingOf`); `crossingFrom` takes the envelope it last arrived with when the caller has just
 * read it (`lastReceived`).
 */
export function crossingOfBills(
  ports: Pick<PintPorts, 'identity' | 'store' | 'organisations' | 'keysOf' | 'personalData'>,
): {
  crossingOf: (documentChecksum: string) => Promise<PintCrossing | undefined>
  crossingFrom: (received: InboxRecord | undefined) => Promise<PintCrossing | undefined>
} {
  const { identity, store, organisations, keysOf, personalData } = ports
  const crossingFrom = async (received: InboxRecord | undefined) => {
    if (!received) return undefined
    const envelope = JSON.parse(received.envelope) as PintEnvelope
    const me = await identity()
    const platformKeys: Record<string, PlatformKeys> = {}
    const entries = chainEntriesOf(envelope)
    for (const entry of entries) {
      const keys = platformKeys[entry.eblPlatform] ?? (await keysOf(entry.eblPlatform))
      if (keys) platformKeys[entry.eblPlatform] = keys
    }
    const sent = received.documents.find(
      (d) => d.name === EVIDENCE_DOCUMENT && d.mediaType === 'application/json',
    )
    const content = sent && (await store.getDocument(received.reference, sent.documentChecksum))
    const parsed = content === undefined ? undefined : parseJson(content)
    // Stored sealed (docs/privacy.md): its values and salts come back while their subjects' keys live.
    const sender =
      parsed !== undefined && personalData && sent
        ? await personalData.openBundle(received.reference, sent.documentChecksum, parsed)
        : parsed
    const partyId = await localPartyIds(organisations, me.code, entries)
    return {
      lastEntryChecksum: received.lastEntryChecksum,
      crossing: {
        envelopeTransferChain: envelope.envelopeTransferChain,
        platformKeys,
        receiver: me.code,
        parties: partiesOnPlatform(envelope, me.code, partyId, entries),
        ...(sender === undefined ? {} : { sender }),
      },
    }
  }
  return {
    crossingOf: async (documentChecksum) =>
      crossingFrom(await lastReceived(store, documentChecksum)),
    crossingFrom,
  }
}

/** How a bill came to this node from another platform: who sent it, when it was accepted, and
 * which platforms held it before (its chain's journey). */
export interface PintArrival {
  readonly sender: string
  readonly acceptedAt: string
  readonly legs: readonly ChainLeg[]
}

/** The latest arrival of the bill with this (PINT) document checksum, if it came by PINT. */
export function arrivalOfBills(
  store: PintPorts['store'],
): (documentChecksum: string) => Promise<PintArrival | undefined> {
  return async (documentChecksum) => {
    const received = await lastReceived(store, documentChecksum)
    if (!received) return undefined
    const envelope = JSON.parse(received.envelope) as PintEnvelope
    return {
      sender: received.sender,
      acceptedAt: received.updatedAt,
      legs: chainJourney(chainEntriesOf(envelope)),
    }
  }
}

/** A received document (base64) as JSON; undefined when it is not (the verifier then says so). */
function parseJson(base64: string): unknown {
  try {
    return JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as unknown
  } catch {
    return undefined
  }
}
