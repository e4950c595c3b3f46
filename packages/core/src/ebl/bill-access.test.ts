import { describe, expect, it } from 'vitest'
import { billListFilterFor, canReadBill } from './bill-access.js'
import { draftTitleState } from './title-state.js'

const operator = { id: 'op', roles: ['NODE_OPERATOR'] as const }
const carrier = { id: 'carrier', roles: ['CARRIER'] as const }
const bank = { id: 'bank', roles: ['BANK'] as const }
const stranger = { id: 'stranger', roles: ['CARRIER'] as const }

const record = {
  state: { ...draftTitleState({ issuer: 'carrier', isToOrder: true }), possessor: 'shipper' },
}
const entry = (actor: string, recipient: string | null) => ({
  payload: {
    documentChecksum: 'c',
    previousEntryChecksum: null,
    action: 'TRANSFER' as const,
    actor,
    recipient,
    at: '2026-01-01T00:00:00Z',
    nonce: 'n',
  },
})

describe('canReadBill', () => {
  it('lets the node operator and the parties named on the bill read it', () => {
    expect(canReadBill(operator, record, [])).toBe(true)
    expect(canReadBill(carrier, record, [])).toBe(true)
    expect(canReadBill({ id: 'shipper', roles: ['SHIPPER'] }, record, [])).toBe(true)
  })

  it('lets anyone who acted or received in the chain read it, and nobody else', () => {
    expect(canReadBill(bank, record, [])).toBe(false)
    expect(canReadBill(bank, record, [entry('shipper', 'bank')])).toBe(true)
    expect(canReadBill(bank, record, [entry('bank', 'shipper')])).toBe(true)
    expect(canReadBill(stranger, record, [entry('shipper', 'bank')])).toBe(false)
  })
})

describe('billListFilterFor', () => {
  it('keeps the party the node operator asks for, and lists everyone else’s own bills', () => {
    expect(billListFilterFor(operator, { party: 'bank', limit: 5 })).toEqual({
      party: 'bank',
      limit: 5,
    })
    expect(billListFilterFor(operator, { q: 'CQ' })).toEqual({ q: 'CQ' })
    expect(billListFilterFor(bank, { party: 'carrier', q: 'CQ' })).toEqual({
      party: 'bank',
      q: 'CQ',
    })
  })
})
