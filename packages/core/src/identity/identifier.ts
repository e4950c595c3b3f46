import type { IdentityIssue } from './identity-error.js'
import { validateLei } from './lei.js'
import { validateUen } from './uen.js'
import { validateUscc } from './uscc.js'

/** Identifier schemes of organisations: China's USCC, Singapore's UEN, the global LEI. */
export type IdentifierScheme = 'USCC' | 'UEN' | 'LEI'

/** Every {@link IdentifierScheme}. */
export const IDENTIFIER_SCHEMES: readonly IdentifierScheme[] = ['USCC', 'UEN', 'LEI']

/** A registered identifier with its scheme (UNTP's `idScheme` + `registeredId`). */
export interface OrganisationIdentifier {
  readonly scheme: IdentifierScheme
  readonly value: string
}

/** The result of {@link validateIdentifier}: errors reject, warnings only inform. */
export interface IdentifierCheck {
  readonly isValid: boolean
  readonly errors: readonly IdentityIssue[]
  readonly warnings: readonly IdentityIssue[]
}

/** Validates an identifier by its scheme, before any trust decision is made on it. */
export function validateIdentifier(
  identifier: { readonly scheme: string; readonly value: string },
  path = 'identifier',
): IdentifierCheck {
  const { scheme, value } = identifier
  let issues: IdentityIssue[]
  if (typeof value !== 'string') {
    issues = [{ path, code: 'IDENTIFIER_FORMAT', message: 'identifier value must be a string' }]
  } else if (scheme === 'USCC') issues = validateUscc(value, path)
  else if (scheme === 'UEN') issues = validateUen(value, path)
  else if (scheme === 'LEI') issues = validateLei(value, path)
  else {
    issues = [
      { path, code: 'IDENTIFIER_SCHEME_UNKNOWN', message: `unknown identifier scheme ${scheme}` },
    ]
  }
  const warnings = issues.filter((issue) => issue.code === 'IDENTIFIER_CHECK_WARNING')
  const errors = issues.filter((issue) => issue.code !== 'IDENTIFIER_CHECK_WARNING')
  return { isValid: errors.length === 0, errors, warnings }
}
