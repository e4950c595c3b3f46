import { createHash } from 'node:crypto'
import { EblError } from '@landsea/core/ebl'
import type {
  Organisation,
  OrganisationIdentifier,
  OrganisationStore,
} from '@landsea/core/organisation'
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

/** A lookup that loads each key once, for the span of one envelope (a few parties, a few platforms). */
export function onceEach<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const seen = new Map<string, Promise<T>>()
  return (key) => {
    let value = seen.get(key)
    if (!value) seen.set(key, (value = load(key)))
    return value
  }
}

/**
 * The identifier of ours a DCSA identifying code stands for, as {@link identifyingCodesOf} maps
 * them (LEI under GLEIF, any other scheme under ZZZ by name), or undefined when none can.
 */
function identifierOf(code: PintIdentifyingCode): OrganisationIdentifier | undefined {
  if (code.codeListProvider === 'GLEIF' && (code.codeListName ?? null) === null)
    return { scheme: 'LEI', value: code.partyCode }
  if (code.codeListProvider === 'ZZZ' && code.codeListName && code.codeListName !== 'LEI')
    return { scheme: code.codeListName, value: code.partyCode }
  return undefined
}

/** The organisation of ours a PINT party names by one of its identifying codes, if any. */
export async function findOrganisation(
  organisations: Pick<OrganisationStore, 'findByIdentifier'>,
  party: Pick<PintParty, 'identifyingCodes'>,
): Promise<Organisation | undefined> {
  for (const code of party.identifyingCodes) {
    const identifier = identifierOf(code)
    const org = identifier && (await organisations.findByIdentifier(identifier))
    if (org) return org
  }
  return undefined
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
    findRecipient: (party: PintParty) => findOrganisation(organisations, party),
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
