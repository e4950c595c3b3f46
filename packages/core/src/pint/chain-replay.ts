import { EblError } from '../ebl/ebl-error.js'
import { applyTitleAction, draftTitleState, type TitleState } from '../ebl/title-state.js'
import { fromPintAction } from './action-mapping.js'
import type { PintParty, PintTransaction } from './envelope.js'

/** A party's key for the title rules: its platform and first identifying code. */
export function partyKey(party: PintParty): string {
  const code = party.identifyingCodes[0]
  return `${party.eblPlatform}/${code?.codeListProvider ?? ''}/${code?.codeListName ?? ''}/${code?.partyCode ?? ''}`
}

/**
 * How a node names a party it does not serve in a title state: `pint:` and its {@link partyKey}. The
 * same name whether the party came in a received chain or is the recipient of a transfer out.
 */
export const foreignPartyId = (party: PintParty): string => `pint:${partyKey(party)}`

/**
 * Replays a PINT chain's transactions under our title rules from the draft (the first one must be
 * the ISSUE), naming each party by `partyId`. Returns the title state after the last one, or the
 * reason a transaction breaks the rules.
 */
export function replayTransactions(
  transactions: readonly PintTransaction[],
  { isToOrder, partyId = partyKey }: { isToOrder: boolean; partyId?: (p: PintParty) => string },
): { state: TitleState } | { reason: string } {
  const first = transactions[0]
  if (first?.actionCode !== 'ISSUE') return { reason: 'the first transaction is not the ISSUE' }
  let state = draftTitleState({ issuer: partyId(first.actor), isToOrder })
  for (const [i, tx] of transactions.entries()) {
    const action = fromPintAction(tx.actionCode, tx.comments)
    if (action === undefined)
      return { reason: `transaction ${i}: unknown actionCode ${tx.actionCode}` }
    if (action === 'SKIP') continue
    try {
      state = applyTitleAction(state, {
        ...action,
        actor: partyId(tx.actor),
        recipient: tx.recipient ? partyId(tx.recipient) : null,
        ...(tx.reasonCode ? { reasonCode: tx.reasonCode as 'SWTP' } : {}),
      })
    } catch (error) {
      if (error instanceof EblError)
        return {
          reason: `transaction ${i} (${tx.actionCode}) breaks the title rules: ${error.message}`,
        }
      throw error
    }
  }
  return { state }
}
