import { EblError } from './ebl-error.js'

/** Title actions: the DCSA eBL 3.0 / PINT 3.0 action codes, plus Landsea's `VOID` (an extension). */
export const ACTION_CODES = [
  'ISSUE',
  'TRANSFER',
  'ENDORSE',
  'ENDORSE_TO_ORDER',
  'BLANK_ENDORSE',
  'SURRENDER_FOR_DELIVERY',
  'SURRENDER_FOR_AMENDMENT',
  'SACC',
  'SREJ',
  'VOID',
] as const

/** One of {@link ACTION_CODES}. */
export type ActionCode = (typeof ACTION_CODES)[number]

/** DCSA surrender-for-amendment reason codes: switch to paper, change of destination, switch B/L. */
export const AMENDMENT_REASON_CODES = ['SWTP', 'COD', 'SWI'] as const

/** One of {@link AMENDMENT_REASON_CODES}. */
export type AmendmentReasonCode = (typeof AMENDMENT_REASON_CODES)[number]

/** Flags a possession transfer as the pledge of the bill to a bank, or the release of that pledge. */
export type PledgeFlag = 'PLEDGE' | 'RELEASE'

/** The statuses of a bill on the title registry (DCSA `transportDocumentStatus` values). */
export const TITLE_STATUSES = [
  'DRAFT',
  'ISSUED',
  'PENDING_SURRENDER_FOR_DELIVERY',
  'SURRENDERED_FOR_DELIVERY',
  'PENDING_SURRENDER_FOR_AMENDMENT',
  'SURRENDERED_FOR_AMENDMENT',
  'VOIDED',
] as const

/** One of {@link TITLE_STATUSES}. */
export type TitleStatus = (typeof TITLE_STATUSES)[number]

/**
 * Who controls a bill and on what terms, after the actions so far. Organisations are named by id.
 * `possessor` has exclusive control; `holder` is the named titleholder (the endorsee of an order bill, the
 * consignee of a straight bill), null when the bill is endorsed in blank.
 */
export interface TitleState {
  readonly status: TitleStatus
  readonly issuer: string
  readonly isToOrder: boolean
  readonly possessor: string
  readonly holder: string | null
  readonly isBlankEndorsed: boolean
  /** False after a plain ENDORSE: the endorsee may take delivery but not endorse further. */
  readonly canHolderEndorse: boolean
  readonly shipper: string | null
  readonly namedConsignee: string | null
  /** The pledgor while a pledge is in force; the possessor is then the pledgee (a bank). */
  readonly pledgedBy: string | null
  readonly surrenderedBy: string | null
  readonly surrenderReasonCode: AmendmentReasonCode | null
  readonly isSwitchedToPaper: boolean
  /** Number of accepted actions. */
  readonly sequence: number
}

/** An action as the title rules see it: who does what, to whom. */
export interface TitleAction {
  readonly action: ActionCode
  readonly actor: string
  readonly recipient: string | null
  readonly pledge?: PledgeFlag
  readonly reasonCode?: AmendmentReasonCode
}

/** The state of a draft bill before issue: the issuing carrier holds it. */
export function draftTitleState({
  issuer,
  isToOrder,
  shipper = null,
  namedConsignee = null,
}: {
  issuer: string
  isToOrder: boolean
  shipper?: string | null
  namedConsignee?: string | null
}): TitleState {
  return {
    status: 'DRAFT',
    issuer,
    isToOrder,
    possessor: issuer,
    holder: null,
    isBlankEndorsed: false,
    canHolderEndorse: false,
    shipper,
    namedConsignee,
    pledgedBy: null,
    surrenderedBy: null,
    surrenderReasonCode: null,
    isSwitchedToPaper: false,
    sequence: 0,
  }
}

const fail = (code: ConstructorParameters<typeof EblError>[0], message: string): never => {
  throw new EblError(code, message)
}

function requireStatus(state: TitleState, ...allowed: TitleStatus[]) {
  if (!allowed.includes(state.status)) {
    fail('EBL_INVALID_STATE', `not allowed while the bill is ${state.status}`)
  }
}

function requirePossessor(state: TitleState, actor: string) {
  if (state.possessor !== actor) fail('EBL_NOT_POSSESSOR', 'only the possessor of the bill may act')
}

function requireRecipient(a: TitleAction): string {
  if (a.recipient === null)
    return fail('EBL_RECIPIENT_NOT_ALLOWED', `${a.action} needs a recipient`)
  if (a.recipient === a.actor)
    return fail('EBL_RECIPIENT_NOT_ALLOWED', 'the recipient is the actor')
  return a.recipient
}

function requireNoRecipient(a: TitleAction) {
  if (a.recipient !== null) fail('EBL_RECIPIENT_NOT_ALLOWED', `${a.action} has no recipient`)
}

function requireTitleholder(state: TitleState, actor: string) {
  if (state.isToOrder) {
    if (!state.isBlankEndorsed && state.holder !== actor) {
      fail(
        'EBL_NOT_HOLDER',
        'only the endorsee (or the bearer of a blank-endorsed bill) may do this',
      )
    }
  } else if (actor !== state.namedConsignee && actor !== state.shipper) {
    fail('EBL_NOT_HOLDER', 'only the shipper or the named consignee of a straight bill may do this')
  }
}

/**
 * Applies one title action to a state under the rules of negotiable (to order) and straight bills, and
 * returns the next state. Throws {@link EblError} naming the broken rule. Pure: the same input always gives
 * the same answer, which lets the node, a peer and an offline verifier agree.
 */
export function applyTitleAction(state: TitleState, a: TitleAction): TitleState {
  if (a.reasonCode !== undefined && a.action !== 'SURRENDER_FOR_AMENDMENT') {
    fail('EBL_VALIDATION_FAILED', 'reasonCode goes only with SURRENDER_FOR_AMENDMENT')
  }
  if (a.pledge !== undefined && a.action !== 'TRANSFER') {
    fail('EBL_VALIDATION_FAILED', 'pledge goes only with TRANSFER')
  }
  const next = (changes: Partial<TitleState>): TitleState => ({
    ...state,
    ...changes,
    sequence: state.sequence + 1,
  })

  switch (a.action) {
    case 'ISSUE': {
      requireStatus(state, 'DRAFT')
      if (a.actor !== state.issuer) fail('EBL_NOT_ISSUER', 'only the issuing carrier may issue')
      const to = requireRecipient(a)
      if (!state.isToOrder && to !== state.namedConsignee && to !== state.shipper) {
        fail('EBL_RECIPIENT_NOT_ALLOWED', 'a straight bill is issued to its shipper or consignee')
      }
      return next({
        status: 'ISSUED',
        possessor: to,
        holder: state.isToOrder ? to : state.namedConsignee,
        canHolderEndorse: state.isToOrder,
      })
    }
    case 'TRANSFER': {
      requireStatus(state, 'ISSUED')
      requirePossessor(state, a.actor)
      const to = requireRecipient(a)
      if (!state.isToOrder) {
        if (a.pledge !== undefined) fail('EBL_NOT_NEGOTIABLE', 'a straight bill cannot be pledged')
        if (to !== state.namedConsignee && to !== state.shipper) {
          fail(
            'EBL_RECIPIENT_NOT_ALLOWED',
            'a straight bill passes only between shipper and consignee',
          )
        }
        return next({ possessor: to })
      }
      if (!state.isBlankEndorsed && to !== state.holder) {
        fail(
          'EBL_RECIPIENT_NOT_ALLOWED',
          'endorse the bill to the recipient before transferring it',
        )
      }
      if (a.pledge === 'PLEDGE') {
        if (state.pledgedBy !== null) fail('EBL_INVALID_STATE', 'the bill is already pledged')
        return next({ possessor: to, pledgedBy: a.actor })
      }
      if (a.pledge === 'RELEASE') {
        if (state.pledgedBy === null) fail('EBL_INVALID_STATE', 'the bill is not pledged')
        return next({ possessor: to, pledgedBy: null })
      }
      if (state.pledgedBy !== null) {
        fail(
          'EBL_INVALID_STATE',
          'a pledged bill leaves the pledgee only by a release (pledge: RELEASE)',
        )
      }
      return next({ possessor: to })
    }
    case 'ENDORSE':
    case 'ENDORSE_TO_ORDER': {
      if (!state.isToOrder) fail('EBL_NOT_NEGOTIABLE', 'a straight bill cannot be endorsed')
      requireStatus(state, 'ISSUED')
      requirePossessor(state, a.actor)
      requireTitleholder(state, a.actor)
      if (!state.canHolderEndorse) {
        fail(
          'EBL_ENDORSEMENT_RESTRICTED',
          'the endorsee of a plain endorsement cannot endorse further',
        )
      }
      const to = requireRecipient(a)
      return next({
        holder: to,
        isBlankEndorsed: false,
        canHolderEndorse: a.action === 'ENDORSE_TO_ORDER',
      })
    }
    case 'BLANK_ENDORSE': {
      if (!state.isToOrder) fail('EBL_NOT_NEGOTIABLE', 'a straight bill cannot be endorsed')
      requireStatus(state, 'ISSUED')
      requirePossessor(state, a.actor)
      if (state.isBlankEndorsed) fail('EBL_INVALID_STATE', 'the bill is already endorsed in blank')
      requireTitleholder(state, a.actor)
      if (!state.canHolderEndorse) {
        fail(
          'EBL_ENDORSEMENT_RESTRICTED',
          'the endorsee of a plain endorsement cannot endorse further',
        )
      }
      requireNoRecipient(a)
      return next({ holder: null, isBlankEndorsed: true, canHolderEndorse: true })
    }
    case 'SURRENDER_FOR_DELIVERY':
    case 'SURRENDER_FOR_AMENDMENT': {
      requireStatus(state, 'ISSUED')
      requirePossessor(state, a.actor)
      requireTitleholder(state, a.actor)
      if (a.recipient !== state.issuer) {
        fail('EBL_RECIPIENT_NOT_ALLOWED', 'a bill is surrendered to its issuing carrier')
      }
      const isDelivery = a.action === 'SURRENDER_FOR_DELIVERY'
      return next({
        status: isDelivery ? 'PENDING_SURRENDER_FOR_DELIVERY' : 'PENDING_SURRENDER_FOR_AMENDMENT',
        possessor: state.issuer,
        surrenderedBy: a.actor,
        surrenderReasonCode: isDelivery ? null : (a.reasonCode ?? null),
      })
    }
    case 'SACC': {
      requireStatus(state, 'PENDING_SURRENDER_FOR_DELIVERY', 'PENDING_SURRENDER_FOR_AMENDMENT')
      if (a.actor !== state.issuer)
        fail('EBL_NOT_ISSUER', 'only the issuing carrier answers a surrender')
      if (a.recipient !== null && a.recipient !== state.surrenderedBy) {
        fail('EBL_RECIPIENT_NOT_ALLOWED', 'a surrender is answered to the party that surrendered')
      }
      const isDelivery = state.status === 'PENDING_SURRENDER_FOR_DELIVERY'
      return next({
        status: isDelivery ? 'SURRENDERED_FOR_DELIVERY' : 'SURRENDERED_FOR_AMENDMENT',
        isSwitchedToPaper: !isDelivery && state.surrenderReasonCode === 'SWTP',
      })
    }
    case 'SREJ': {
      requireStatus(state, 'PENDING_SURRENDER_FOR_DELIVERY', 'PENDING_SURRENDER_FOR_AMENDMENT')
      if (a.actor !== state.issuer)
        fail('EBL_NOT_ISSUER', 'only the issuing carrier answers a surrender')
      const back = state.surrenderedBy ?? fail('EBL_INVALID_STATE', 'no surrender to reject')
      if (a.recipient !== null && a.recipient !== back) {
        fail(
          'EBL_RECIPIENT_NOT_ALLOWED',
          'a rejected surrender returns to the party that surrendered',
        )
      }
      return next({
        status: 'ISSUED',
        possessor: back,
        surrenderedBy: null,
        surrenderReasonCode: null,
      })
    }
    case 'VOID': {
      if (a.actor !== state.issuer)
        fail('EBL_NOT_ISSUER', 'only the issuing carrier may void a bill')
      requireNoRecipient(a)
      const isSurrendered =
        state.status === 'SURRENDERED_FOR_DELIVERY' || state.status === 'SURRENDERED_FOR_AMENDMENT'
      if (!isSurrendered && !(state.status === 'ISSUED' && state.possessor === state.issuer)) {
        fail(
          'EBL_INVALID_STATE',
          'the carrier voids only a bill surrendered to it or in its possession',
        )
      }
      return next({ status: 'VOIDED', possessor: state.issuer })
    }
    default: {
      const unknown: never = a.action
      return fail('EBL_VALIDATION_FAILED', `unknown action ${String(unknown)}`)
    }
  }
}

/** Actions an organisation may take on a bill now, each with the recipients the rules allow. */
export interface AllowedAction {
  readonly action: ActionCode
  readonly recipients: readonly (string | null)[]
  readonly pledge?: PledgeFlag
}

/**
 * Lists what `actor` may do to a bill in `state`, trying every action against every candidate recipient
 * under {@link applyTitleAction}, so the answer can never disagree with the rules.
 */
export function listAllowedActions(
  state: TitleState,
  actor: string,
  candidates: readonly string[],
): AllowedAction[] {
  const recipients = [null, ...new Set([...candidates, state.issuer])]
  const variants = ACTION_CODES.flatMap((action): { action: ActionCode; pledge?: PledgeFlag }[] =>
    action === 'TRANSFER'
      ? [{ action }, { action, pledge: 'PLEDGE' }, { action, pledge: 'RELEASE' }]
      : [{ action }],
  )
  const allowed: AllowedAction[] = []
  for (const v of variants) {
    const ok = recipients.filter((recipient) => {
      try {
        applyTitleAction(state, { ...v, actor, recipient })
        return true
      } catch {
        return false
      }
    })
    if (ok.length > 0) allowed.push({ ...v, recipients: ok })
  }
  return allowed
}
