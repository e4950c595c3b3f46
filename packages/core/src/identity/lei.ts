import type { IdentityIssue } from './identity-error.js'

/** ISO 7064 MOD 97-10 remainder of an alphanumeric string (A = 10 … Z = 35), digit by digit. */
function mod97(value: string): number {
  let remainder = 0
  for (const char of value) {
    const digits = char >= 'A' ? String(char.charCodeAt(0) - 55) : char
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97
  }
  return remainder
}

/** The two check digits of an 18-character LEI base (ISO 17442). */
export function computeLeiCheckDigits(base18: string): string {
  return String(98 - mod97(`${base18}00`)).padStart(2, '0')
}

/**
 * Checks a Legal Entity Identifier (ISO 17442): 20 characters, valid iff the MOD 97-10 remainder
 * is 1.
 * @example validateLei('506700GE1G29325QX363') // []
 */
export function validateLei(value: string, path = 'identifier'): IdentityIssue[] {
  if (!/^[A-Z0-9]{18}\d{2}$/.test(value)) {
    return [{ path, code: 'IDENTIFIER_FORMAT', message: 'an LEI is 18 of A-Z0-9 + 2 digits' }]
  }
  if (mod97(value) !== 1) {
    return [
      {
        path,
        code: 'IDENTIFIER_CHECK_CHARACTER',
        message: `LEI check digits are ${value.slice(18)}, ISO 17442 gives ${computeLeiCheckDigits(value.slice(0, 18))}`,
      },
    ]
  }
  return []
}
