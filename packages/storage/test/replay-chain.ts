import {
  applyTitleAction,
  computeEntryChecksum,
  parseActionEntry,
  titleStateForDocument,
  verifyActionEntrySignature,
  type AcceptedEntry,
  type EblRecord,
  type ResolveSigningKey,
  type TitleState,
} from '@landsea/core/ebl'

/**
 * Replays a stored chain as an outside verifier would: each entry's signature by its actor's key,
 * its link to the one before, and the title rules from the document's initial state. Returns the
 * final state; throws at the first entry that fails.
 */
export async function replayStoredChain(
  record: EblRecord,
  history: readonly AcceptedEntry[],
  resolveKey: ResolveSigningKey,
): Promise<TitleState> {
  let state = titleStateForDocument(record.document)
  let previous: string | null = null
  for (const stored of history) {
    const entry = parseActionEntry(stored.jws)
    if (entry.payload.documentChecksum !== record.documentChecksum)
      throw new Error(`entry ${stored.seq} is for another document`)
    if (entry.payload.previousEntryChecksum !== previous)
      throw new Error(`entry ${stored.seq} does not link to the one before`)
    await verifyActionEntrySignature(entry, resolveKey)
    const p = entry.payload
    state = applyTitleAction(state, {
      action: p.action,
      actor: p.actor,
      recipient: p.recipient,
      ...(p.pledge ? { pledge: p.pledge } : {}),
      ...(p.reasonCode ? { reasonCode: p.reasonCode } : {}),
    })
    previous = computeEntryChecksum(entry.jws)
  }
  return state
}
