import { createHash } from 'node:crypto'
import { EblError } from '@landsea/core/ebl'
import type { Organisation, OrganisationStore } from '@landsea/core/organisation'
import type { PintIdentifyingCode, PintParty } from '@landsea/core/pint'

export const sha256 = (bytes: Uint8Array | string) =>
  createHash('sha256').update(bytes).digest('hex')

/** The DCSA identifying codes of one of our organisations: LEI under GLEIF, others by scheme. */
export function identifyingCodesOf(org: Pick<Organisation, 'identifiers'>): PintIdentifyingCode[] {
  return org.identifiers.map((i) =>
    i.scheme === 'LEI'
      ? { codeListProvider: 'GLEIF', partyCode: i.value }
      : { codeListProvider: 'ZZZ', codeListName: i.scheme, partyCode: i.value },
  )
}

export const sameCode = (a: PintIdentifyingCode, b: PintIdentifyingCode) =>
  a.codeListProvider === b.codeListProvider &&
  a.partyCode === b.partyCode &&
  (a.codeListName ?? null) === (b.codeListName ?? null)

/** A lookup that loads each key once, for the span of one envelope (a few parties, a few platforms). */
export function onceEach<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const seen = new Map<string, Promise<T>>()
  return (key) => {
    let value = seen.get(key)
    if (!value) seen.set(key, (value = load(key)))
    return value
  }
}

/** `organisations` whose list is read once: for the span of one envelope, which asks for it twice. */
export function listingOnce(organisations: OrganisationStore): OrganisationStore {
  let listed: Promise<Organisation[]> | undefined
  return Object.assign(Object.create(organisations) as OrganisationStore, {
    list: () => (listed ??= organisations.list()),
  })
}

/** Our organisations as PINT parties, and PINT parties back to our organisations. */
export function pintParties(organisations: OrganisationStore) {
  const partyOf = async (orgId: string, platform: string): Promise<PintParty> => {
    const org = await organisations.getById(orgId)
    if (!org) throw new EblError('EBL_UNKNOWN_PARTY', `organisation ${orgId} is not known`)
    return {
      partyName: org.name.slice(0, 70).trim(),
      eblPlatform: platform,
      identifyingCodes: identifyingCodesOf(org),
    }
  }
  return {
    partyOf,
    /**
     * `partyOf` on one platform, each organisation read once: for building one envelope, whose
     * history names the same few parties again and again.
     */
    partiesOn: (platform: string) => onceEach((orgId) => partyOf(orgId, platform)),
    async findRecipient(party: PintParty): Promise<Organisation | undefined> {
      const orgs = await organisations.list()
      return orgs.find((o) =>
        identifyingCodesOf(o).some((c) => party.identifyingCodes.some((p) => sameCode(c, p))),
      )
    },
  }
}

/**
 * The bytes of standard base64 (RFC 4648 §4; unpadded accepted), or undefined. Canonical base64, as
 * platforms send it, is recognised by its round trip (the regular expression alone cost a quarter
 * of a millisecond on a bill's 60 kB bundle); anything else is checked character by character.
 */
export function decodeBase64(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64')
  if (bytes.toString('base64') === text) return bytes
  return /^[A-Za-z0-9+/]*={0,2}$/.test(text) ? bytes : undefined
}
