import type { ActionCode, PledgeFlag } from '../ebl/title-state.js'

/** The DCSA PINT 3.0.0 `Transaction.actionCode` values. */
export const PINT_ACTION_CODES = [
  'ISSUE',
  'TRANSFER',
  'ENDORSE',
  'ENDORSE_TO_ORDER',
  'BLANK_ENDORSE',
  'SURRENDER_FOR_DELIVERY',
  'SURRENDER_FOR_AMENDMENT',
  'SACC',
  'SREJ',
  'SIGN',
] as const

/** One of {@link PINT_ACTION_CODES}. */
export type PintActionCode = (typeof PINT_ACTION_CODES)[number]

/**
 * Our title action as a PINT transaction: the codes are DCSA's own, so most map to themselves. A pledge
 * or its release is a possession transfer (`TRANSFER`) in PINT, the flag travelling in `comments`;
 * `VOID` is a Landsea extension with no PINT code, and a void bill never leaves the node (undefined).
 */
export function toPintAction(
  action: ActionCode,
  pledge?: PledgeFlag,
): { actionCode: PintActionCode; comments?: string } | undefined {
  if (action === 'VOID') return undefined
  if (pledge) return { actionCode: action, comments: `landsea:${pledge}` }
  return { actionCode: action }
}

/** A PINT transaction's action as our title rules see it; `SIGN` changes no title and is skipped. */
export function fromPintAction(
  actionCode: string,
  comments?: string,
): { action: ActionCode; pledge?: PledgeFlag } | 'SKIP' | undefined {
  if (actionCode === 'SIGN') return 'SKIP'
  if (!(PINT_ACTION_CODES as readonly string[]).includes(actionCode)) return undefined
  const pledge =
    comments === 'landsea:PLEDGE'
      ? 'PLEDGE'
      : comments === 'landsea:RELEASE'
        ? 'RELEASE'
        : undefined
  return { action: actionCode as ActionCode, ...(pledge ? { pledge } : {}) }
}
