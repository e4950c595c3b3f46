import { describe, expect, it } from 'vitest'
import { findUnLocode, parseCoordinates, UN_LOCODE_EDITION, unLocodeCount } from './un-locode.js'

describe('UN/LOCODE code list (UNECE Rec. 16), vendored edition', () => {
  it(`lists every function, not only ports (${UN_LOCODE_EDITION}: over 100,000 places)`, () => {
    expect(unLocodeCount()).toBeGreaterThan(100_000)
    // Paris: road terminal, airport and postal exchange, no port function.
    expect(findUnLocode('FRPAR')).toEqual({
      code: 'FRPAR',
      name: 'Paris',
      nameWithoutDiacritics: 'Paris',
      subdivision: '75',
      functions: '123-5---',
      status: 'AF',
      coordinates: { latitude: 48.85, longitude: 2.35 },
    })
    // Corridor ports without published coordinates are listed, with no position.
    expect(findUnLocode('CNQZH')?.coordinates).toBeUndefined()
    expect(findUnLocode('CNQZH')?.functions.startsWith('1')).toBe(true)
  })

  it('does not list a well-formed code that no entry has', () => {
    expect(findUnLocode('SGZZ9')).toBeUndefined()
    // FRZZ9 looks made up, but it is Claix (Charente), a road terminal.
    expect(findUnLocode('FRZZ9')?.name).toBe('Claix')
    expect(findUnLocode('AD')).toBeUndefined()
  })

  it('converts DDMM coordinates in every hemisphere and refuses malformed ones', () => {
    expect(parseCoordinates('0117N 10350E')).toEqual({ latitude: 1.2833, longitude: 103.8333 })
    expect(parseCoordinates('3352S 15112E')).toEqual({ latitude: -33.8667, longitude: 151.2 })
    expect(parseCoordinates('4043N 07400W')).toEqual({ latitude: 40.7167, longitude: -74 })
    expect(parseCoordinates('')).toBeUndefined()
    expect(parseCoordinates('9930N 00000E')).toBeUndefined()
    expect(parseCoordinates('4851N 221E')).toBeUndefined()
  })
})
