import { describe, expect, it } from 'vitest'
import { findLocation, greatCircleDistanceKm, isKnownUnLocode } from './location.js'

describe('location table', () => {
  it('knows the corridor UN/LOCODEs, including the three Chongqing codes', () => {
    for (const code of [
      'CNCKG',
      'CNCQI',
      'CNCHQ',
      'CNQZH',
      'CNBIH',
      'CNFAN',
      'SGSIN',
      'VNHAN',
      'LAVTE',
      'MYPKG',
    ]) {
      expect(isKnownUnLocode(code)).toBe(true)
    }
    expect(isKnownUnLocode('CNZZZ')).toBe(false)
    expect(findLocation('CNQZH')).toMatchObject({ name: 'Qinzhou', kind: 'seaport' })
  })

  it('measures great-circle distances (Qinzhou–Singapore ≈ 2,300 km straight line)', () => {
    const km = greatCircleDistanceKm(findLocation('CNQZH')!, findLocation('SGSIN')!)
    expect(km).toBeGreaterThan(2200)
    expect(km).toBeLessThan(2400)
  })
})
