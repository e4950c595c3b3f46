import type { IdentityIssue } from './identity-error.js'

// The UEN check letter per format: a weighted sum mod 11 picks a letter. ACRA has not published
// it; these weights and alphabets are those python-stdnum's sg.uen uses and every real UEN we
// know (docs/conformance.md) carries. Each weight is prime to 11, so any one changed character
// changes the letter: a mismatch is refused (ACRA's illustrative T09LL0001B is not a real UEN).
const BUSINESS_WEIGHTS = [10, 4, 9, 3, 8, 2, 7, 1]
const BUSINESS_LETTERS = 'XMKECAWLJDB'
const LOCAL_COMPANY_WEIGHTS = [10, 8, 6, 4, 9, 7, 5, 3, 1]
const LOCAL_COMPANY_LETTERS = 'ZKCMDNERGWH'
const OTHER_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWX0123456789'
const OTHER_WEIGHTS = [4, 3, 5, 3, 10, 2, 2, 5, 7]
const OTHER_ENTITY_TYPES = new Set(
  (
    'LP LL FC PF RF MQ MM NB CC CS MB FM GS DP CP NR CM CD MD HS VH CH MH CL XL CX HC RP TU TC FB ' +
    'FN PA PB SS MC SM GA GB'
  ).split(' '),
)

/** The UEN formats of ACRA. */
export type UenFormat = 'business' | 'local-company' | 'other'

function checkLetter(value: string, format: UenFormat): string {
  if (format === 'business') {
    let sum = 0
    for (let i = 0; i < 8; i++) sum += Number(value[i]) * BUSINESS_WEIGHTS[i]!
    return BUSINESS_LETTERS[sum % 11]!
  }
  if (format === 'local-company') {
    let sum = 0
    for (let i = 0; i < 9; i++) sum += Number(value[i]) * LOCAL_COMPANY_WEIGHTS[i]!
    return LOCAL_COMPANY_LETTERS[sum % 11]!
  }
  let sum = 0
  for (let i = 0; i < 9; i++) sum += OTHER_ALPHABET.indexOf(value[i]!) * OTHER_WEIGHTS[i]!
  return OTHER_ALPHABET[((sum % 11) + 6) % 11]!
}

/** The format of a UEN, or `undefined` when it matches none. */
export function detectUenFormat(value: string): UenFormat | undefined {
  if (/^\d{8}[A-Z]$/.test(value)) return 'business'
  if (/^(18|19|20)\d{2}\d{5}[A-Z]$/.test(value)) return 'local-company'
  const other = /^[RST]\d{2}([A-Z]{2})\d{4}[A-Z]$/.exec(value)
  if (other && OTHER_ENTITY_TYPES.has(other[1]!)) return 'other'
  return undefined
}

/** The check letter a UEN of `format` must end with, from its first 8 (business) or 9 characters. */
export function uenCheckLetter(value: string, format: UenFormat): string {
  return checkLetter(value, format)
}

/**
 * Checks a Singapore Unique Entity Number: its format (business, local company, other entity
 * with a known entity type) and its check letter; either failing is an error.
 */
export function validateUen(value: string, path = 'identifier'): IdentityIssue[] {
  const format = detectUenFormat(value)
  if (!format) {
    return [
      {
        path,
        code: 'IDENTIFIER_FORMAT',
        message:
          'a UEN is 8 digits + letter, yyyy + 5 digits + letter, or T/S/R yy + entity type + 4 digits + letter',
      },
    ]
  }
  const expected = checkLetter(value, format)
  if (value.at(-1) !== expected) {
    return [
      {
        path,
        code: 'IDENTIFIER_CHECK_CHARACTER',
        message: `UEN check letter ${value.at(-1)} should be ${expected}`,
      },
    ]
  }
  return []
}
