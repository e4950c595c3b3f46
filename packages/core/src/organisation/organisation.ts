import type { PublicSigningKey } from '../crypto/index.js'

/** Roles an organisation plays in the corridor. */
export const ORGANISATION_ROLES = [
  'CARRIER',
  'SHIPPER',
  'CONSIGNEE',
  'BANK',
  'CUSTOMS_BROKER',
  'FREIGHT_FORWARDER',
  'AUTHORITY',
  'NODE_OPERATOR',
] as const

/** One of {@link ORGANISATION_ROLES}. */
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number]

/** An organisation's registered identifier: USCC (China), UEN (Singapore), LEI, or another scheme. */
export interface OrganisationIdentifier {
  readonly scheme: string
  readonly value: string
}

/** An organisation as the node knows it. */
export interface Organisation {
  readonly id: string
  readonly name: string
  readonly nameZh: string | null
  readonly country: string
  readonly roles: readonly OrganisationRole[]
  readonly identifiers: readonly OrganisationIdentifier[]
  readonly did: string | null
  readonly createdAt: string
}

/** An organisation's key as stored: public always, private only when the node is custodian. */
export interface StoredKey extends PublicSigningKey {
  readonly isActive: boolean
  readonly isCustodial: boolean
  readonly createdAt: string
}

/** True when the organisation plays one of the roles. */
export function hasRole(
  organisation: Organisation,
  ...roles: readonly OrganisationRole[]
): boolean {
  return roles.some((role) => organisation.roles.includes(role))
}
