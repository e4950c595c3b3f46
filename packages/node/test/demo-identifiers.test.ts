import { validateIdentifier } from '@landsea/core/identity'
import { describe, expect, it } from 'vitest'
import { DEMO_ORGANISATIONS } from '../src/demo/demo-organisations.js'

describe('demo organisations', () => {
  it('carry identifiers that pass their check characters (USCC, UEN check letter, LEI)', () => {
    const identifiers: { scheme: string; value: string }[] = Object.values(
      DEMO_ORGANISATIONS,
    ).flatMap((o) => [...o.identifiers])
    expect(identifiers.some((i) => i.scheme === 'UEN')).toBe(true)
    for (const identifier of identifiers) {
      const check = validateIdentifier(identifier)
      expect(check.isValid, identifier.value).toBe(true)
      expect(check.warnings, identifier.value).toEqual([])
    }
  })
})
