import { describe, expect, it } from 'vitest'
import { DELAY_THRESHOLD_HOURS, isShipmentTone, shipmentTone } from './tone.js'

const base = { customsStatus: 'NONE', delayHours: 0, hasDeparted: true, isDelivered: false }

describe('shipmentTone', () => {
  it('is on time when departed within the delay threshold', () => {
    expect(shipmentTone(base)).toBe('on-time')
    expect(shipmentTone({ ...base, delayHours: DELAY_THRESHOLD_HOURS - 0.5 })).toBe('on-time')
    expect(shipmentTone({ ...base, delayHours: -10 })).toBe('on-time')
  })

  it('is delayed from the threshold on', () => {
    expect(shipmentTone({ ...base, delayHours: DELAY_THRESHOLD_HOURS })).toBe('delayed')
  })

  it('puts a customs hold above a delay, and delivery above everything', () => {
    expect(shipmentTone({ ...base, customsStatus: 'HELD', delayHours: 30 })).toBe('customs-hold')
    expect(shipmentTone({ ...base, customsStatus: 'HELD', isDelivered: true })).toBe('delivered')
    expect(shipmentTone({ ...base, customsStatus: 'RELEASED' })).toBe('on-time')
  })

  it('shows a shipment that has not departed as planned', () => {
    expect(shipmentTone({ ...base, hasDeparted: false })).toBe('planned')
  })

  it('narrows unknown values', () => {
    expect(isShipmentTone('delayed')).toBe(true)
    expect(isShipmentTone('late')).toBe(false)
    expect(isShipmentTone(3)).toBe(false)
  })
})
