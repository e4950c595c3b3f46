import { describe, expect, it } from 'vitest'
import { validateIdentifier } from './identifier.js'
import { computeLeiCheckDigits, validateLei } from './lei.js'
import { detectUenFormat, uenCheckLetter, validateUen } from './uen.js'
import { computeUsccCheckCharacter, validateUscc } from './uscc.js'

describe('USCC (GB 32100-2015)', () => {
  it('accepts published codes', () => {
    expect(validateUscc('91350100M000100Y43')).toEqual([])
    expect(validateUscc('91110000600037341L')).toEqual([])
    expect(computeUsccCheckCharacter('91350100M000100Y4')).toBe('3')
  })

  it('rejects a wrong check character and a bad format with distinct codes', () => {
    expect(validateUscc('91350100M000100Y44')[0]?.code).toBe('IDENTIFIER_CHECK_CHARACTER')
    expect(validateUscc('91350100M000100Y4')[0]?.code).toBe('IDENTIFIER_FORMAT')
    expect(validateUscc('9135010OM000100Y43')[0]?.code).toBe('IDENTIFIER_FORMAT')
    expect(validateUscc('91350100m000100y43')[0]?.code).toBe('IDENTIFIER_FORMAT')
  })
})

describe('UEN', () => {
  it('accepts real UENs of each format', () => {
    for (const uen of ['00192200M', '197401143C', 'T01FC6132D', 'S16FC0121D', '196800306E']) {
      expect(validateUen(uen), uen).toEqual([])
    }
    expect(detectUenFormat('199201624D')).toBe('local-company')
    expect(detectUenFormat('T01FC6132D')).toBe('other')
  })

  it('UEN check letter: refuses a mismatch as an error (ACRA example T09LL0001B computes D)', () => {
    expect(validateUen('T09LL0001B').map((i) => i.code)).toEqual(['IDENTIFIER_CHECK_CHARACTER'])
    expect(validateUen('T09LL0001D')).toEqual([])
    const check = validateIdentifier({ scheme: 'UEN', value: 'T09LL0001B' })
    expect(check.isValid).toBe(false)
  })

  it('UEN check letter: every single-character mutation of a real UEN is refused', () => {
    const real = [
      '00192200M',
      '197401143C',
      '196800306E',
      '197200078R',
      '199201624D',
      'T01FC6132D',
      'S16FC0121D',
    ]
    const characters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
    let mutations = 0
    for (const uen of real) {
      expect(validateUen(uen), uen).toEqual([])
      for (let i = 0; i < uen.length; i++) {
        for (const c of characters) {
          if (c === uen[i]) continue
          const mutant = uen.slice(0, i) + c + uen.slice(i + 1)
          expect(validateIdentifier({ scheme: 'UEN', value: mutant }).isValid, mutant).toBe(false)
          mutations++
        }
      }
    }
    expect(mutations).toBe(real.reduce((n, uen) => n + uen.length * 35, 0))
  })

  it('UEN check letter per format follows the worked examples (ROB, ROC, other)', () => {
    expect(uenCheckLetter('00192200', 'business')).toBe('M')
    expect(uenCheckLetter('197401143', 'local-company')).toBe('C')
    expect(uenCheckLetter('T01FC6132', 'other')).toBe('D')
  })

  it('rejects a bad format and an unknown entity type', () => {
    expect(validateUen('1974011C')[0]?.code).toBe('IDENTIFIER_FORMAT')
    expect(validateUen('T01ZZ6132D')[0]?.code).toBe('IDENTIFIER_FORMAT')
  })
})

describe('LEI (ISO 17442, MOD 97-10)', () => {
  it('accepts published LEIs', () => {
    for (const lei of [
      '506700GE1G29325QX363',
      '5493001KJTIIGC8Y1R12',
      '529900T8BM49AURSDO55',
      '7LTWFZYICNSX8D621K86',
    ]) {
      expect(validateLei(lei), lei).toEqual([])
    }
    expect(computeLeiCheckDigits('506700GE1G29325QX3')).toBe('63')
  })

  it('rejects wrong check digits and transpositions', () => {
    expect(validateLei('506700GE1G29325QX364')[0]?.code).toBe('IDENTIFIER_CHECK_CHARACTER')
    expect(validateLei('056700GE1G29325QX363')[0]?.code).toBe('IDENTIFIER_CHECK_CHARACTER')
    expect(validateLei('506700GE1G29325QX36')[0]?.code).toBe('IDENTIFIER_FORMAT')
  })
})

describe('validateIdentifier', () => {
  it('dispatches by scheme and refuses unknown schemes', () => {
    expect(validateIdentifier({ scheme: 'USCC', value: '91350100M000100Y43' }).isValid).toBe(true)
    expect(validateIdentifier({ scheme: 'USCC', value: '91350100M000100Y44' }).isValid).toBe(false)
    const unknown = validateIdentifier({ scheme: 'ABN', value: '1' }, 'credentialSubject.id')
    expect(unknown.errors[0]).toMatchObject({
      path: 'credentialSubject.id',
      code: 'IDENTIFIER_SCHEME_UNKNOWN',
    })
  })
})
