import type { PintChainEntry } from './envelope.js'

/** A stretch of a bill's journey before it reached this platform, as its PINT chain tells it. */
export interface ChainLeg {
  /** The platform that held the bill (the chain entry's `eblPlatform`). */
  readonly platform: string
  /** When it got the bill: its issue, or the transaction that sent the bill to it. */
  readonly from: string
  /** Its last transaction on the bill: the one that sent the bill on. */
  readonly until: string
}

/**
 * Which platform held a bill when, read from its envelope transfer chain: each entry is one
 * platform's turn, from the transaction that handed the bill to it until the last one it signed;
 * consecutive entries of one platform are one leg.
 */
export function chainJourney(entries: readonly PintChainEntry[]): ChainLeg[] {
  const legs: ChainLeg[] = []
  for (const [i, entry] of entries.entries()) {
    const first = entry.transactions[0]
    const last = entry.transactions.at(-1)
    if (!first || !last) continue
    const handedOver = entries[i - 1]?.transactions.at(-1)?.actionDateTime
    const previous = legs.at(-1)
    if (previous?.platform === entry.eblPlatform) {
      legs[legs.length - 1] = { ...previous, until: last.actionDateTime }
    } else {
      legs.push({
        platform: entry.eblPlatform,
        from: handedOver ?? first.actionDateTime,
        until: last.actionDateTime,
      })
    }
  }
  return legs
}
