import type { IdentityIssue } from './identity-error.js'

// GB 32100-2015: 31 characters, no I, O, S, V, Z; weights 3^(i-1) mod 31.
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/

/** The check character (position 18) of the first 17 characters of a USCC. */
export function computeUsccCheckCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!
}

/**
 * Checks a Unified Social Credit Code (统一社会信用代码, GB 32100-2015): 18 characters and its
 * check character. Returns the issues found (empty when valid).
 * @example validateUscc('91350100M000100Y43') // []
 */
export function validateUscc(value: string, path = 'identifier'): IdentityIssue[] {
  if (!USCC_PATTERN.test(value)) {
    return [
      {
        path,
        code: 'IDENTIFIER_FORMAT',
        message: 'a USCC is 18 characters: 2 code letters, 6 division digits, 10 of 0-9A-Y',
      },
    ]
  }
  const expected = computeUsccCheckCharacter(value.slice(0, 17))
  if (value[17] !== expected) {
    return [
      {
        path,
        code: 'IDENTIFIER_CHECK_CHARACTER',
        message: `USCC check character is ${value[17]}, GB 32100-2015 gives ${expected}`,
      },
    ]
  }
  return []
}
