import type { TitleState } from '@landsea/core/ebl'
import type { PintChainEntry } from '@landsea/core/pint'

/** What receipt found when it replayed an envelope's chain: its entries, naming and end state. */
export interface ReceiptReplay {
  readonly lastEntryChecksum: string
  readonly entries: readonly PintChainEntry[]
  /** `LocalPartyIds.resolved` of the naming the chain was replayed under. */
  readonly resolved: string
  readonly state: TitleState
}

/** Receipt's replays, kept by inbox reference until finish takes them; see {@link createReceiptReplays}. */
export interface ReceiptReplays {
  remember(reference: string, replay: ReceiptReplay): void
  /** The replay kept for this reference and chain head, forgotten once taken; undefined when none. */
  take(reference: string, lastEntryChecksum: string): ReceiptReplay | undefined
}

/**
 * The replays of the envelopes this process received, for their finish (docs/pint.md, Round 10):
 * the title rules are a pure function of the chain's transactions and the naming of its parties, so
 * finish replays again only when the parties resolve otherwise than at receipt. At most `limit` are
 * kept (the oldest go first); finish in another process, or after a restart, replays as before.
 */
export function createReceiptReplays({ limit = 256 }: { limit?: number } = {}): ReceiptReplays {
  const kept = new Map<string, ReceiptReplay>()
  return {
    remember(reference, replay) {
      kept.delete(reference)
      kept.set(reference, replay)
      if (kept.size > limit) kept.delete(kept.keys().next().value!)
    },
    take(reference, lastEntryChecksum) {
      const replay = kept.get(reference)
      kept.delete(reference)
      return replay?.lastEntryChecksum === lastEntryChecksum ? replay : undefined
    },
  }
}
