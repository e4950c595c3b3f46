import { validateIdentifier, type IdentifierScheme } from './identifier.js'
import type { IdentityIssue } from './identity-error.js'

/** The base context every VC 2.0 credential starts with (VC Data Model 2.0 §4.3). */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2'

/** The credential types Landsea issues. */
export type LandseaCredentialType = 'LegalEntityCredential' | 'RoleCredential'

/** Trade roles a role credential attests. */
export type TradeRole = 'carrier' | 'bank' | 'customs-broker' | 'freight-forwarder'

/** Every {@link TradeRole}. */
export const TRADE_ROLES: readonly TradeRole[] = [
  'carrier',
  'bank',
  'customs-broker',
  'freight-forwarder',
]

/** A `BitstringStatusListEntry` (Bitstring Status List 1.0 §2.1). */
export interface BitstringStatusListEntry {
  readonly id?: string
  readonly type: 'BitstringStatusListEntry'
  readonly statusPurpose: 'revocation' | 'suspension'
  readonly statusListIndex: string
  readonly statusListCredential: string
}

/** A W3C VC 2.0 credential, unsecured (the payload of a vc+jwt, or a document before its proof). */
export interface VerifiableCredential {
  readonly '@context': readonly string[]
  readonly id?: string
  readonly type: readonly string[]
  readonly issuer: string | { readonly id: string; readonly name?: string }
  readonly validFrom?: string
  readonly validUntil?: string
  readonly credentialSubject: Readonly<Record<string, unknown>>
  readonly credentialStatus?: BitstringStatusListEntry | readonly BitstringStatusListEntry[]
  readonly [member: string]: unknown
}

/** The subject of a legal-entity credential: who the organisation is, per its register. */
export interface LegalEntitySubject {
  readonly id: string
  readonly legalName: { readonly zh?: string; readonly en: string }
  readonly jurisdiction: string
  readonly identifier: { readonly scheme: IdentifierScheme; readonly value: string }
  readonly lei?: string
  readonly registeredAddress: {
    readonly streetAddress: string
    readonly locality: string
    readonly postalCode?: string
    readonly countryCode: string
  }
}

/** The subject of a role credential: an organisation and the trade role it may act in. */
export interface RoleSubject {
  readonly id: string
  readonly role: TradeRole
  readonly jurisdiction: string
}

/** The issuer's id, whether `issuer` is a string or an object. */
export function issuerIdOf(credential: { readonly issuer?: unknown }): string | undefined {
  const { issuer } = credential
  if (typeof issuer === 'string') return issuer
  if (typeof issuer === 'object' && issuer !== null) {
    const id = (issuer as Record<string, unknown>).id
    return typeof id === 'string' ? id : undefined
  }
  return undefined
}

/** The Landsea credential type of a credential, if it has one. */
export function landseaTypeOf(credential: VerifiableCredential): LandseaCredentialType | undefined {
  if (credential.type.includes('LegalEntityCredential')) return 'LegalEntityCredential'
  if (credential.type.includes('RoleCredential')) return 'RoleCredential'
  return undefined
}

function baseCredential(
  type: LandseaCredentialType,
  {
    id,
    issuer,
    validFrom,
    validUntil,
    credentialStatus,
  }: {
    id?: string
    issuer: string
    validFrom: string
    validUntil?: string
    credentialStatus?: readonly BitstringStatusListEntry[]
  },
) {
  return {
    '@context': [VC_V2_CONTEXT],
    ...(id ? { id } : {}),
    type: ['VerifiableCredential', type],
    issuer,
    validFrom,
    ...(validUntil ? { validUntil } : {}),
    ...(credentialStatus && credentialStatus.length > 0 ? { credentialStatus } : {}),
  }
}

/** Builds an unsecured legal-entity credential (names in Chinese and English, identifier, address). */
export function createLegalEntityCredential(options: {
  id?: string
  issuer: string
  subject: LegalEntitySubject
  validFrom: string
  validUntil?: string
  credentialStatus?: readonly BitstringStatusListEntry[]
}): VerifiableCredential {
  return {
    ...baseCredential('LegalEntityCredential', options),
    credentialSubject: { ...options.subject, type: 'LegalEntity' },
  }
}

/** Builds an unsecured role credential (carrier, bank, customs broker, freight forwarder). */
export function createRoleCredential(options: {
  id?: string
  issuer: string
  subject: RoleSubject
  validFrom: string
  validUntil?: string
  credentialStatus?: readonly BitstringStatusListEntry[]
}): VerifiableCredential {
  return {
    ...baseCredential('RoleCredential', options),
    credentialSubject: { ...options.subject, type: 'TradeRole' },
  }
}

const SCHEME_JURISDICTION: Record<string, string> = { USCC: 'CN', UEN: 'SG' }

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isDateTime(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T/.test(value) &&
    !Number.isNaN(Date.parse(value))
  )
}

/**
 * Checks a credential's shape (VC Data Model 2.0) and, for Landsea types, its subject: the
 * identifier's check character, that USCC goes with CN and UEN with SG, the role. Returns issues,
 * each `{ path, code, message }`; identifier warnings are returned with `IDENTIFIER_CHECK_WARNING`.
 */
export function validateCredential(value: unknown): IdentityIssue[] {
  const issues: IdentityIssue[] = []
  const malformed = (path: string, message: string) =>
    issues.push({ path, code: 'IDENTITY_MALFORMED', message })
  if (!isRecord(value))
    return [{ path: '', code: 'IDENTITY_MALFORMED', message: 'not a JSON object' }]
  const context = value['@context']
  if (!Array.isArray(context) || context[0] !== VC_V2_CONTEXT) {
    malformed('@context', `the first @context must be ${VC_V2_CONTEXT}`)
  }
  const type = value.type
  if (!Array.isArray(type) || !type.includes('VerifiableCredential')) {
    issues.push({
      path: 'type',
      code: 'IDENTITY_WRONG_TYPE',
      message: 'type must include VerifiableCredential',
    })
  }
  if (!issuerIdOf(value)) malformed('issuer', 'issuer must be a URL or an object with an id')
  for (const member of ['validFrom', 'validUntil']) {
    if (value[member] !== undefined && !isDateTime(value[member])) {
      malformed(member, `${member} must be an XML Schema dateTime`)
    }
  }
  const subject = value.credentialSubject
  if (!isRecord(subject)) {
    malformed('credentialSubject', 'credentialSubject must be an object')
    return issues
  }
  if (Array.isArray(type) && type.includes('LegalEntityCredential')) {
    const identifier = subject.identifier
    const name = subject.legalName
    if (!isRecord(name) || typeof name.en !== 'string' || name.en.length === 0) {
      malformed('credentialSubject.legalName.en', 'an English legal name is required')
    }
    if (
      !isRecord(subject.registeredAddress) ||
      typeof subject.registeredAddress.countryCode !== 'string'
    ) {
      malformed(
        'credentialSubject.registeredAddress',
        'a registered address with countryCode is required',
      )
    }
    if (!isRecord(identifier) || typeof identifier.scheme !== 'string') {
      malformed('credentialSubject.identifier', 'identifier { scheme, value } is required')
    } else {
      const check = validateIdentifier(
        { scheme: identifier.scheme, value: identifier.value as string },
        'credentialSubject.identifier.value',
      )
      issues.push(...check.errors, ...check.warnings)
      const expected = SCHEME_JURISDICTION[identifier.scheme]
      if (expected && subject.jurisdiction !== expected) {
        issues.push({
          path: 'credentialSubject.jurisdiction',
          code: 'IDENTIFIER_SCHEME_UNKNOWN',
          message: `${identifier.scheme} identifies ${expected} entities, not ${String(subject.jurisdiction)}`,
        })
      }
    }
    if (subject.lei !== undefined) {
      const check = validateIdentifier(
        { scheme: 'LEI', value: subject.lei as string },
        'credentialSubject.lei',
      )
      issues.push(...check.errors)
    }
  }
  if (Array.isArray(type) && type.includes('RoleCredential')) {
    if (!TRADE_ROLES.includes(subject.role as TradeRole)) {
      issues.push({
        path: 'credentialSubject.role',
        code: 'IDENTITY_WRONG_TYPE',
        message: `role must be one of ${TRADE_ROLES.join(', ')}`,
      })
    }
  }
  return issues
}
