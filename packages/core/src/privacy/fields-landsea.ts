import type { LegalEntitySubject, RoleSubject } from '../identity/index.js'
import type { Organisation } from '../organisation/index.js'
import type { CustomsMilestone } from '../tracking/index.js'
import type { FieldDecision } from './field-decision.js'

type Decisions<T> = { readonly [K in keyof Required<T>]: FieldDecision }

const NONE: FieldDecision = { class: 'none' }

// Landsea's own records: `satisfies` makes the compiler refuse a new field without a decision.

/** The customs extension of T&T 2.2 SHIPMENT events (docs/tracking.md): authority codes and numbers. */
export const CUSTOMS_MILESTONE_FIELDS = {
  milestoneCode: NONE,
  declarationNumber: NONE,
  authority: NONE,
} satisfies Decisions<CustomsMilestone>

/** Organisation records: legal entities, not natural persons (their USCC/UEN/LEI identify a company). */
export const ORGANISATION_FIELDS = {
  id: NONE,
  name: NONE,
  nameZh: NONE,
  country: NONE,
  roles: NONE,
  identifiers: NONE,
  did: NONE,
  createdAt: NONE,
} satisfies Decisions<Organisation>

/**
 * Credential subjects: legal-entity and role credentials name organisations only. A credential about
 * a natural person (an employee's authority to sign) has no schema here yet; when one is added it
 * needs its own entry.
 */
export const LEGAL_ENTITY_SUBJECT_FIELDS = {
  id: NONE,
  legalName: NONE,
  jurisdiction: NONE,
  identifier: NONE,
  lei: NONE,
  registeredAddress: NONE,
} satisfies Decisions<LegalEntitySubject>

/** Role credential subjects. */
export const ROLE_SUBJECT_FIELDS = {
  id: NONE,
  role: NONE,
  jurisdiction: NONE,
} satisfies Decisions<RoleSubject>
