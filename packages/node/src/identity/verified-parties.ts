import { IdentityError } from '@landsea/core/identity'
import type { IdentityStore } from '@landsea/core/identity'
import type { OrganisationStore } from '@landsea/core/organisation'

/**
 * Wraps the organisation directory the title registry consults so that, when the node's policy
 * requires it, only organisations with a verified legal-entity credential can be parties to a
 * bill (issuer, shipper, consignee, endorsee…). Others get `IDENTITY_NOT_VERIFIED`.
 */
export function withVerifiedParties(
  organisations: OrganisationStore,
  { store, isRequired }: { store: IdentityStore; isRequired: () => Promise<boolean> },
): OrganisationStore {
  return {
    ...organisations,
    async hasOrganisation(id) {
      if (!(await organisations.hasOrganisation(id))) return false
      // The organisation's status first: a verified party (the usual case) needs no policy read.
      const verification = await store.getVerification(id)
      if (verification?.status === 'verified' || !(await isRequired())) return true
      throw new IdentityError(
        'IDENTITY_NOT_VERIFIED',
        `organisation ${id} has no verified legal-entity credential (${verification?.status ?? 'unverified'}); present one with landsea org join`,
      )
    },
  }
}
