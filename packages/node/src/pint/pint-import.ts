import { documentChecksumOf, isCommitmentOnly, type CommittedField } from '@landsea/core/privacy'
import { randomUUID } from 'node:crypto'
import type { AcceptedEntry, EblRecord, TitleState } from '@landsea/core/ebl'
import type { OrganisationStore } from '@landsea/core/organisation'
import {
  foreignPartyId,
  partyKey,
  peekPintJws,
  replayTransactions,
  type InboxRecord,
  type PintChainEntry,
  type PintEnvelope,
  type PintParty,
  type PintStore,
} from '@landsea/core/pint'
import { entriesSince } from '../ledger/bundle-export.js'
import { findOrganisation } from './pint-parties.js'

/** How a node names a chain's parties ({@link localPartyIds}), and what that naming rests on. */
export interface LocalPartyIds {
  (party: PintParty): string
  /**
   * The platform and the organisation each of the chain's parties on it was found to be, as one
   * string: two namings of the same entries with equal `resolved` name every party alike.
   */
  readonly resolved: string
}

/**
 * How this node names the parties of a PINT chain's entries: an organisation it serves (same
 * platform code, a shared identifying code) by its id, any other party by {@link foreignPartyId}.
 * Each party of this platform is looked up once, by its codes.
 */
export async function localPartyIds(
  organisations: Pick<OrganisationStore, 'findByIdentifier'>,
  platform: string,
  entries: readonly PintChainEntry[],
): Promise<LocalPartyIds> {
  const ids = new Map<string, string | undefined>()
  const codesOf = (party: PintParty) => JSON.stringify(party.identifyingCodes)
  for (const tx of entries.flatMap((e) => e.transactions)) {
    for (const party of [tx.actor, tx.recipient]) {
      if (party?.eblPlatform !== platform || ids.has(codesOf(party))) continue
      ids.set(codesOf(party), (await findOrganisation(organisations, party))?.id)
    }
  }
  const partyId = (party: PintParty) =>
    (party.eblPlatform === platform && ids.get(codesOf(party))) || foreignPartyId(party)
  return Object.assign(partyId, { resolved: JSON.stringify([platform, ...ids]) })
}

/** The chain entries of a received envelope (signatures checked when it was received). */
export const chainEntriesOf = (envelope: PintEnvelope): PintChainEntry[] =>
  envelope.envelopeTransferChain.map((jws) => peekPintJws(jws) as PintChainEntry)

/**
 * The title state a chain leaves the bill in, the parties named as this node names them; `entries`
 * are the chain's entries when the caller has just verified them (else they are read again).
 */
export function stateAfterChain(
  envelope: PintEnvelope,
  partyId: (party: PintParty) => string,
  entries: readonly PintChainEntry[] = chainEntriesOf(envelope),
): { state: TitleState } | { reason: string } {
  return replayTransactions(
    entries.flatMap((e) => e.transactions),
    { isToOrder: envelope.transportDocument.isToOrder === true, partyId },
  )
}

/** The parties of this platform a chain names, by {@link partyKey}, with this node's ids for them. */
export function partiesOnPlatform(
  envelope: PintEnvelope,
  platform: string,
  partyId: (party: PintParty) => string,
  entries: readonly PintChainEntry[] = chainEntriesOf(envelope),
): Record<string, string> {
  const parties: Record<string, string> = {}
  for (const tx of entries.flatMap((e) => e.transactions)) {
    for (const p of [tx.actor, tx.recipient]) {
      if (p && p.eblPlatform === platform) parties[partyKey(p)] = partyId(p)
    }
  }
  return parties
}

/** The envelope this node last accepted for a document: the chain the bill arrived with. */
export async function lastReceived(
  store: PintStore,
  documentChecksum: string,
): Promise<InboxRecord | undefined> {
  const accepted = (await store.listInbox({ documentChecksum })).filter(
    (r) => r.status === 'ACCEPTED',
  )
  return accepted.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt)).at(-1)
}

/**
 * The bill an accepted envelope makes on this node: a new bill held by the recipient, or the bill
 * that left this node coming back with its new history (its head the chain's last entry, so the
 * next action here extends the chain that arrived).
 */
export function billFromEnvelope({
  envelope,
  lastEntryChecksum,
  documentChecksum,
  state,
  existing,
  at,
  id = randomUUID(),
  personal = [],
}: {
  envelope: PintEnvelope
  lastEntryChecksum: string
  documentChecksum: string
  state: TitleState
  existing: EblRecord | undefined
  at: string
  id?: string
  /** The document's committed personal fields; `documentChecksum` is then over the committed form. */
  personal?: readonly CommittedField[]
}): { record: EblRecord; reactivate: boolean } {
  if (existing)
    return {
      reactivate: true,
      record: { ...existing, state, lastEntryChecksum, updatedAt: at },
    }
  const document = envelope.transportDocument as unknown as EblRecord['document']
  return {
    reactivate: false,
    record: {
      id,
      reference: String(document.transportDocumentReference),
      version: 1,
      document,
      documentChecksum,
      ...(personal.length > 0 ? { personal } : {}),
      state,
      lastEntryChecksum,
      amendsId: null,
      amendedById: null,
      createdAt: at,
      updatedAt: at,
    },
  }
}

/**
 * The checksum PINT names a bill by: DCSA's, over the transport document itself. A bill drafted
 * with committed personal fields is signed over the committed form instead (docs/privacy.md), so its
 * PINT checksum is computed from the (disclosed) document.
 */
export function pintChecksumOf(
  record: Pick<EblRecord, 'document' | 'documentChecksum' | 'personal' | 'pintChecksum'>,
) {
  if (!record.personal?.length) return record.documentChecksum
  // Once a value is erased the document shows placeholders: the vault kept the checksum.
  return record.personal.some(isCommitmentOnly) && record.pintChecksum
    ? record.pintChecksum
    : documentChecksumOf(record.document, undefined)
}

/**
 * What a transfer out adds to the chain: a bill that came from another platform extends the chain
 * it came with, and only the actions taken here since (those after its last entry) are new.
 * Returns the envelope it came with too, which its bundle's crossing is read from.
 */
export async function chainToExtend(
  store: PintStore,
  record: EblRecord,
  history: readonly AcceptedEntry[],
  checksum = pintChecksumOf(record),
): Promise<{
  previousChain: readonly string[]
  entries: readonly AcceptedEntry[]
  /** The envelope the bill last arrived with ({@link lastReceived}), if it did. */
  received: InboxRecord | undefined
}> {
  const received = await lastReceived(store, checksum)
  if (!received) return { previousChain: [], entries: history, received }
  return {
    received,
    previousChain: (JSON.parse(received.envelope) as PintEnvelope).envelopeTransferChain,
    entries: entriesSince(history, received.lastEntryChecksum),
  }
}
