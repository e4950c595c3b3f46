import { describe, expect, it } from 'vitest'
import { EblError } from './ebl-error.js'
import {
  ACTION_CODES,
  applyTitleAction,
  draftTitleState,
  listAllowedActions,
  type TitleAction,
  type TitleState,
} from './title-state.js'

const C = 'carrier'
const S = 'shipper'
const B = 'bank'
const G = 'consignee'
const X = 'stranger'

const order = draftTitleState({ issuer: C, isToOrder: true, shipper: S })
const straight = draftTitleState({ issuer: C, isToOrder: false, shipper: S, namedConsignee: G })

function run(
  start: TitleState,
  ...steps: [TitleAction['action'], string, string | null, Partial<TitleAction>?][]
) {
  return steps.reduce(
    (state, [action, actor, recipient, extra]) =>
      applyTitleAction(state, { action, actor, recipient, ...extra }),
    start,
  )
}

const issuedOrder = run(order, ['ISSUE', C, S])
const issuedStraight = run(straight, ['ISSUE', C, S])
const atBank = run(
  issuedOrder,
  ['ENDORSE_TO_ORDER', S, B],
  ['TRANSFER', S, B, { pledge: 'PLEDGE' }],
)
const blank = run(issuedOrder, ['BLANK_ENDORSE', S, null])
const plainEndorsed = run(issuedOrder, ['ENDORSE', S, G], ['TRANSFER', S, G])
const pendingDelivery = run(issuedOrder, ['SURRENDER_FOR_DELIVERY', S, C])
const pendingAmendment = run(issuedOrder, ['SURRENDER_FOR_AMENDMENT', S, C, { reasonCode: 'SWTP' }])
const delivered = run(pendingDelivery, ['SACC', C, S])

type Row = [
  name: string,
  state: TitleState,
  action: TitleAction,
  expected: string | Partial<TitleState>,
]

// The table: each action's permitted path and each rule that refuses it.
const table: Row[] = [
  [
    'carrier issues an order bill to the shipper',
    order,
    { action: 'ISSUE', actor: C, recipient: S },
    { status: 'ISSUED', possessor: S, holder: S, canHolderEndorse: true },
  ],
  ['only the carrier issues', order, { action: 'ISSUE', actor: S, recipient: S }, 'EBL_NOT_ISSUER'],
  [
    'issue needs a recipient',
    order,
    { action: 'ISSUE', actor: C, recipient: null },
    'EBL_RECIPIENT_NOT_ALLOWED',
  ],
  [
    'no second issue',
    issuedOrder,
    { action: 'ISSUE', actor: C, recipient: S },
    'EBL_INVALID_STATE',
  ],
  [
    'a straight bill is issued to shipper or consignee',
    straight,
    { action: 'ISSUE', actor: C, recipient: X },
    'EBL_RECIPIENT_NOT_ALLOWED',
  ],
  [
    'a straight bill names its consignee as holder',
    straight,
    { action: 'ISSUE', actor: C, recipient: S },
    { holder: G, possessor: S },
  ],
  [
    'nothing but ISSUE on a draft',
    order,
    { action: 'TRANSFER', actor: C, recipient: S },
    'EBL_INVALID_STATE',
  ],
  [
    'possessor endorses to order',
    issuedOrder,
    { action: 'ENDORSE_TO_ORDER', actor: S, recipient: B },
    { holder: B, possessor: S, canHolderEndorse: true },
  ],
  [
    'plain endorsement restricts the endorsee',
    issuedOrder,
    { action: 'ENDORSE', actor: S, recipient: G },
    { holder: G, canHolderEndorse: false },
  ],
  [
    'a non-possessor cannot endorse',
    issuedOrder,
    { action: 'ENDORSE', actor: X, recipient: G },
    'EBL_NOT_POSSESSOR',
  ],
  [
    'a straight bill cannot be endorsed',
    issuedStraight,
    { action: 'ENDORSE', actor: S, recipient: G },
    'EBL_NOT_NEGOTIABLE',
  ],
  [
    'a plain endorsee cannot endorse further',
    plainEndorsed,
    { action: 'ENDORSE_TO_ORDER', actor: G, recipient: X },
    'EBL_ENDORSEMENT_RESTRICTED',
  ],
  [
    'a plain endorsee cannot blank-endorse',
    plainEndorsed,
    { action: 'BLANK_ENDORSE', actor: G, recipient: null },
    'EBL_ENDORSEMENT_RESTRICTED',
  ],
  [
    'a plain endorsee may surrender',
    plainEndorsed,
    { action: 'SURRENDER_FOR_DELIVERY', actor: G, recipient: C },
    { status: 'PENDING_SURRENDER_FOR_DELIVERY', possessor: C, surrenderedBy: G },
  ],
  [
    'transfer to the endorsee',
    run(issuedOrder, ['ENDORSE', S, G]),
    { action: 'TRANSFER', actor: S, recipient: G },
    { possessor: G },
  ],
  [
    'no transfer to a non-endorsee',
    issuedOrder,
    { action: 'TRANSFER', actor: S, recipient: X },
    'EBL_RECIPIENT_NOT_ALLOWED',
  ],
  [
    'no transfer to oneself',
    issuedOrder,
    { action: 'TRANSFER', actor: S, recipient: S },
    'EBL_RECIPIENT_NOT_ALLOWED',
  ],
  [
    'only the possessor transfers',
    issuedOrder,
    { action: 'TRANSFER', actor: X, recipient: S },
    'EBL_NOT_POSSESSOR',
  ],
  [
    'pledge to the bank',
    run(issuedOrder, ['ENDORSE_TO_ORDER', S, B]),
    { action: 'TRANSFER', actor: S, recipient: B, pledge: 'PLEDGE' },
    { possessor: B, pledgedBy: S },
  ],
  [
    'no double pledge',
    atBank,
    { action: 'TRANSFER', actor: B, recipient: B, pledge: 'PLEDGE' },
    'EBL_RECIPIENT_NOT_ALLOWED',
  ],
  [
    'a pledged bill leaves the bank only by release',
    run(atBank, ['ENDORSE', B, G]),
    { action: 'TRANSFER', actor: B, recipient: G },
    'EBL_INVALID_STATE',
  ],
  [
    'release to the paid-for consignee',
    run(atBank, ['ENDORSE', B, G]),
    { action: 'TRANSFER', actor: B, recipient: G, pledge: 'RELEASE' },
    { possessor: G, pledgedBy: null },
  ],
  [
    'release needs a pledge',
    issuedOrder,
    { action: 'TRANSFER', actor: S, recipient: S, pledge: 'RELEASE' },
    'EBL_RECIPIENT_NOT_ALLOWED',
  ],
  [
    'the pledgor cannot act on a pledged bill',
    atBank,
    { action: 'ENDORSE', actor: S, recipient: G },
    'EBL_NOT_POSSESSOR',
  ],
  [
    'a straight bill cannot be pledged',
    issuedStraight,
    { action: 'TRANSFER', actor: S, recipient: G, pledge: 'PLEDGE' },
    'EBL_NOT_NEGOTIABLE',
  ],
  [
    'a straight bill passes to its consignee',
    issuedStraight,
    { action: 'TRANSFER', actor: S, recipient: G },
    { possessor: G },
  ],
  [
    'a straight bill passes to no one else',
    issuedStraight,
    { action: 'TRANSFER', actor: S, recipient: X },
    'EBL_RECIPIENT_NOT_ALLOWED',
  ],
  [
    'blank endorsement makes a bearer bill',
    issuedOrder,
    { action: 'BLANK_ENDORSE', actor: S, recipient: null },
    { holder: null, isBlankEndorsed: true },
  ],
  [
    'blank endorsement has no recipient',
    issuedOrder,
    { action: 'BLANK_ENDORSE', actor: S, recipient: B },
    'EBL_RECIPIENT_NOT_ALLOWED',
  ],
  [
    'no second blank endorsement',
    blank,
    { action: 'BLANK_ENDORSE', actor: S, recipient: null },
    'EBL_INVALID_STATE',
  ],
  [
    'a bearer bill transfers to anyone',
    blank,
    { action: 'TRANSFER', actor: S, recipient: X },
    { possessor: X, isBlankEndorsed: true },
  ],
  [
    'the bearer may surrender',
    run(blank, ['TRANSFER', S, X]),
    { action: 'SURRENDER_FOR_DELIVERY', actor: X, recipient: C },
    { status: 'PENDING_SURRENDER_FOR_DELIVERY' },
  ],
  [
    'the bearer may endorse specially',
    run(blank, ['TRANSFER', S, X]),
    { action: 'ENDORSE', actor: X, recipient: G },
    { holder: G, isBlankEndorsed: false },
  ],
  [
    'surrender goes to the issuer',
    issuedOrder,
    { action: 'SURRENDER_FOR_DELIVERY', actor: S, recipient: B },
    'EBL_RECIPIENT_NOT_ALLOWED',
  ],
  [
    'a possessor who is not the endorsee cannot surrender',
    run(issuedOrder, ['ENDORSE', S, G]),
    { action: 'SURRENDER_FOR_DELIVERY', actor: S, recipient: C },
    'EBL_NOT_HOLDER',
  ],
  [
    'straight bill: the consignee surrenders',
    run(issuedStraight, ['TRANSFER', S, G]),
    { action: 'SURRENDER_FOR_DELIVERY', actor: G, recipient: C },
    { status: 'PENDING_SURRENDER_FOR_DELIVERY' },
  ],
  [
    'reasonCode only with amendment',
    issuedOrder,
    { action: 'SURRENDER_FOR_DELIVERY', actor: S, recipient: C, reasonCode: 'SWTP' },
    'EBL_VALIDATION_FAILED',
  ],
  [
    'pledge only with transfer',
    issuedOrder,
    { action: 'ENDORSE', actor: S, recipient: B, pledge: 'PLEDGE' },
    'EBL_VALIDATION_FAILED',
  ],
  [
    'surrender for amendment while pledged by a non-holder is refused',
    atBank,
    { action: 'SURRENDER_FOR_AMENDMENT', actor: S, recipient: C },
    'EBL_NOT_POSSESSOR',
  ],
  [
    'surrender for amendment with a reason',
    issuedOrder,
    { action: 'SURRENDER_FOR_AMENDMENT', actor: S, recipient: C, reasonCode: 'COD' },
    { status: 'PENDING_SURRENDER_FOR_AMENDMENT', surrenderReasonCode: 'COD' },
  ],
  [
    'carrier accepts surrender for delivery',
    pendingDelivery,
    { action: 'SACC', actor: C, recipient: S },
    { status: 'SURRENDERED_FOR_DELIVERY', possessor: C },
  ],
  [
    'only the carrier accepts',
    pendingDelivery,
    { action: 'SACC', actor: S, recipient: null },
    'EBL_NOT_ISSUER',
  ],
  [
    'carrier rejects: possession returns',
    pendingDelivery,
    { action: 'SREJ', actor: C, recipient: S },
    { status: 'ISSUED', possessor: S, surrenderedBy: null },
  ],
  [
    'rejection returns to the surrenderer only',
    pendingDelivery,
    { action: 'SREJ', actor: C, recipient: B },
    'EBL_RECIPIENT_NOT_ALLOWED',
  ],
  [
    'switch to paper',
    pendingAmendment,
    { action: 'SACC', actor: C, recipient: null },
    { status: 'SURRENDERED_FOR_AMENDMENT', isSwitchedToPaper: true },
  ],
  [
    'nothing moves while a surrender is pending',
    pendingDelivery,
    { action: 'TRANSFER', actor: C, recipient: S },
    'EBL_INVALID_STATE',
  ],
  [
    'nothing moves after delivery',
    delivered,
    { action: 'TRANSFER', actor: C, recipient: S },
    'EBL_INVALID_STATE',
  ],
  [
    'the carrier voids an accomplished bill',
    delivered,
    { action: 'VOID', actor: C, recipient: null },
    { status: 'VOIDED' },
  ],
  [
    'only the carrier voids',
    delivered,
    { action: 'VOID', actor: S, recipient: null },
    'EBL_NOT_ISSUER',
  ],
  [
    'the carrier cannot void a bill in circulation',
    issuedOrder,
    { action: 'VOID', actor: C, recipient: null },
    'EBL_INVALID_STATE',
  ],
  [
    'nothing after void',
    run(delivered, ['VOID', C, null]),
    { action: 'SACC', actor: C, recipient: null },
    'EBL_INVALID_STATE',
  ],
]

describe('applyTitleAction: the table', () => {
  it.each(table)('%s', (_name, state, action, expected) => {
    if (typeof expected === 'string') {
      expect(() => applyTitleAction(state, action)).toThrow(
        expect.objectContaining({ code: expected }),
      )
    } else {
      const next = applyTitleAction(state, action)
      expect(next).toMatchObject(expected)
      expect(next.sequence).toBe(state.sequence + 1)
    }
  })

  it('covers every action code, allowed and refused', () => {
    for (const code of ACTION_CODES) {
      const rows = table.filter(([, , a]) => a.action === code)
      expect(
        rows.some(([, , , e]) => typeof e === 'string'),
        `${code} refused`,
      ).toBe(true)
      expect(
        rows.some(([, , , e]) => typeof e !== 'string'),
        `${code} allowed`,
      ).toBe(true)
    }
  })
})

describe('applyTitleAction: every combination', () => {
  const states = {
    order,
    straight,
    issuedOrder,
    issuedStraight,
    atBank,
    blank,
    plainEndorsed,
    pendingDelivery,
    pendingAmendment,
    delivered,
  }
  const parties = [C, S, B, G, X]
  const recipients = [null, ...parties]

  it('either refuses with a known code or keeps the invariants', () => {
    let allowed = 0
    for (const [stateName, state] of Object.entries(states)) {
      for (const action of ACTION_CODES) {
        for (const actor of parties) {
          for (const recipient of recipients) {
            for (const pledge of [undefined, 'PLEDGE', 'RELEASE'] as const) {
              const a: TitleAction = { action, actor, recipient, ...(pledge ? { pledge } : {}) }
              let next: TitleState
              try {
                next = applyTitleAction(state, a)
              } catch (e) {
                expect(e, `${stateName} ${JSON.stringify(a)}`).toBeInstanceOf(EblError)
                continue
              }
              allowed++
              // Exclusive control: only the possessor moves a bill in circulation; the carrier answers.
              const isCarrierAction = ['ISSUE', 'SACC', 'SREJ', 'VOID'].includes(action)
              expect(isCarrierAction ? actor === C : actor === state.possessor).toBe(true)
              expect(next.sequence).toBe(state.sequence + 1)
              if (!next.isToOrder) expect(next.holder === G || next.status === 'DRAFT').toBe(true)
              if (next.isBlankEndorsed) expect(next.holder).toBeNull()
              if (next.pledgedBy !== null) expect(next.possessor).not.toBe(next.pledgedBy)
            }
          }
        }
      }
    }
    expect(allowed).toBeGreaterThan(20)
  })
})

describe('listAllowedActions', () => {
  it('offers the possessor what the rules permit and a stranger nothing', () => {
    const forShipper = listAllowedActions(issuedOrder, S, [C, S, B, G, X])
    expect(forShipper.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'ENDORSE',
        'ENDORSE_TO_ORDER',
        'BLANK_ENDORSE',
        'SURRENDER_FOR_DELIVERY',
      ]),
    )
    expect(forShipper.find((a) => a.action === 'SURRENDER_FOR_DELIVERY')?.recipients).toEqual([C])
    expect(listAllowedActions(issuedOrder, X, [C, S, B, G, X])).toEqual([])
    expect(
      listAllowedActions(pendingDelivery, C, [C, S])
        .map((a) => a.action)
        .sort(),
    ).toEqual(['SACC', 'SREJ'])
  })
})
