import { describe, expect, it } from 'vitest'
import {
  computeIso6346CheckDigit,
  isValidContainerNumber,
  withIso6346CheckDigit,
} from './iso6346.js'

describe('ISO 6346 check digit', () => {
  it('matches the published examples CSQU3054383 (BIC) and APZU4812090 (DCSA T&T)', () => {
    expect(computeIso6346CheckDigit('CSQU305438')).toBe(3)
    expect(isValidContainerNumber('CSQU3054383')).toBe(true)
    expect(isValidContainerNumber('APZU4812090')).toBe(true)
  })

  it('rejects a wrong check digit, a bad category and bad shapes', () => {
    expect(isValidContainerNumber('CSQU3054384')).toBe(false)
    expect(isValidContainerNumber('CSQX3054383')).toBe(false)
    expect(isValidContainerNumber('CSQU305438')).toBe(false)
    expect(isValidContainerNumber('csqu3054383')).toBe(false)
  })

  it('completes serials with digits that validate, and only one digit per serial validates', () => {
    for (let n = 0; n < 200; n++) {
      const ten = `TGHU${String(n * 4999).padStart(6, '0')}`
      const full = withIso6346CheckDigit(ten)
      expect(isValidContainerNumber(full)).toBe(true)
      const others = [...'0123456789'].filter((d) => isValidContainerNumber(`${ten}${d}`))
      expect(others).toEqual([full.charAt(10)])
    }
  })
})
