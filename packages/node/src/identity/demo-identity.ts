import {
  computeLeiCheckDigits,
  createLegalEntityCredential,
  createRoleCredential,
  type TradeRole,
} from '@landsea/core/identity'
import type { Organisation } from '@landsea/core/organisation'
import type { NodeIdentityService } from './node-identity-service.js'

const FROM = '2026-01-01T00:00:00Z'
// A made-up LEI base with valid ISO 17442 check digits, so no real entity is named.
const FICTIONAL_LEI_BASE = '984500EXAMPLIA0001'
const FICTIONAL_LEI = FICTIONAL_LEI_BASE + computeLeiCheckDigits(FICTIONAL_LEI_BASE)
const UNTIL = '2031-01-01T00:00:00Z'

const ADDRESSES: Record<
  string,
  { streetAddress: string; locality: string; postalCode: string; countryCode: string }
> = {
  CN: {
    streetAddress: '1 Tuanjiecun Rail Port Road, Shapingba',
    locality: 'Chongqing',
    postalCode: '400000',
    countryCode: 'CN',
  },
  SG: {
    streetAddress: '10 Pasir Panjang Road',
    locality: 'Singapore',
    postalCode: '117438',
    countryCode: 'SG',
  },
}

const ROLE_BY_ORGANISATION_ROLE: Record<string, TradeRole> = {
  CARRIER: 'carrier',
  BANK: 'bank',
  CUSTOMS_BROKER: 'customs-broker',
  FREIGHT_FORWARDER: 'freight-forwarder',
}

/** What the identity demo created, for the seed summary and tests. */
export interface IdentityDemo {
  readonly authorities: Readonly<Record<'CN' | 'SG' | 'XX', string>>
  readonly issuers: Readonly<Record<'CN' | 'SG' | 'XX', string>>
  /** A legal-entity credential from the unrecognised XX registry, refused by CN and SG verifiers. */
  readonly unrecognisedCredential: string
}

/**
 * Seeds the identity side of the demo corridor: a Chinese and a Singaporean authority, each with a
 * signed trust list naming its registrar, recognising each other; a third jurisdiction (XX) that
 * nobody recognises; and a verified legal-entity credential (plus a role credential) for every
 * demo organisation, issued by the registrar of its country.
 */
export async function seedIdentityDemo(
  identity: NodeIdentityService,
  { organisations, jurisdiction }: { organisations: readonly Organisation[]; jurisdiction: string },
): Promise<IdentityDemo> {
  const cn = await identity.createHostedParty('authority', {
    slug: 'cn',
    name: 'China corridor trust authority (demo)',
    jurisdiction: 'CN',
    withCompanionKey: true,
    alg: 'SM2SM3',
  })
  const sg = await identity.createHostedParty('authority', {
    slug: 'sg',
    name: 'Singapore corridor trust authority (demo)',
    jurisdiction: 'SG',
    alg: 'ES256',
  })
  const xx = await identity.createHostedParty('authority', {
    slug: 'xx',
    name: 'Examplia registry authority (demo, unrecognised)',
    jurisdiction: 'XX',
  })
  const samr = await identity.createHostedParty('issuer', {
    slug: 'cn-samr',
    withCompanionKey: true,
    name: 'Market regulation registrar, Chongqing (demo)',
    jurisdiction: 'CN',
    alg: 'SM2SM3',
  })
  const acra = await identity.createHostedParty('issuer', {
    slug: 'sg-acra',
    name: 'Corporate registrar, Singapore (demo)',
    jurisdiction: 'SG',
  })
  const xxRegistry = await identity.createHostedParty('issuer', {
    slug: 'xx-registry',
    name: 'Examplia companies registry (demo)',
    jurisdiction: 'XX',
  })

  const entry = (issuer: string, name: string, schemes: ('USCC' | 'UEN' | 'LEI')[]) => ({
    issuer,
    name,
    credentialTypes: ['LegalEntityCredential', 'RoleCredential'],
    identifierSchemes: schemes,
    validFrom: FROM,
    validUntil: UNTIL,
    status: 'active' as const,
  })
  const list = { version: 1, issuedAt: FROM, validFrom: FROM, validUntil: UNTIL }
  await identity.publishTrustList(cn.did, {
    ...list,
    entries: [entry(samr.did, samr.name, ['USCC', 'LEI'])],
  })
  await identity.publishTrustList(sg.did, {
    ...list,
    entries: [entry(acra.did, acra.name, ['UEN', 'LEI'])],
  })
  await identity.publishTrustList(xx.did, {
    ...list,
    entries: [entry(xxRegistry.did, xxRegistry.name, ['LEI'])],
  })
  const scope = {
    credentialTypes: ['LegalEntityCredential', 'RoleCredential'],
    validFrom: FROM,
    validUntil: UNTIL,
  }
  await identity.recognise({ recogniserDid: sg.did, recognisedDid: cn.did, ...scope })
  await identity.recognise({ recogniserDid: cn.did, recognisedDid: sg.did, ...scope })

  const home = jurisdiction === 'SG' ? sg : cn
  await identity.updateSettings({
    anchor: {
      jurisdiction: home.jurisdiction,
      authority: home.did,
      publicJwk: home.key.publicJwk,
      ...(home.companionKey ? { companionJwk: home.companionKey.publicJwk } : {}),
    },
  })

  for (const org of organisations) {
    const registrar = org.country === 'SG' ? acra : samr
    const scheme = org.country === 'SG' ? 'UEN' : 'USCC'
    const identifier = org.identifiers.find((i) => i.scheme === scheme)
    if (!identifier) continue
    const lei = org.identifiers.find((i) => i.scheme === 'LEI')?.value
    const subjectId = identity.organisationDid(org.id)
    const issued = await identity.issueCredential({
      issuerDid: registrar.did,
      organisationId: org.id,
      // The Chinese registrar dual-signs (SM2 and Ed25519 proofs, both keys in its DID document),
      // so a verifier that does not check SM2 still checks a signature of the registrar.
      ...(registrar.companionKey ? { format: 'data-integrity' as const } : {}),
      credential: (issuer, status) =>
        createLegalEntityCredential({
          issuer,
          subject: {
            id: subjectId,
            legalName: { en: org.name, ...(org.nameZh ? { zh: org.nameZh } : {}) },
            jurisdiction: org.country,
            identifier: { scheme, value: identifier.value },
            ...(lei ? { lei } : {}),
            registeredAddress: ADDRESSES[org.country] ?? ADDRESSES.CN!,
          },
          validFrom: FROM,
          validUntil: UNTIL,
          credentialStatus: [status],
        }),
    })
    await identity.verifyOrganisation(org.id, issued.credential)
    const role = org.roles.map((r) => ROLE_BY_ORGANISATION_ROLE[r]).find((r) => r !== undefined)
    if (role) {
      await identity.issueCredential({
        issuerDid: registrar.did,
        organisationId: org.id,
        credential: (issuer, status) =>
          createRoleCredential({
            issuer,
            subject: { id: subjectId, role, jurisdiction: org.country },
            validFrom: FROM,
            validUntil: UNTIL,
            credentialStatus: [status],
          }),
      })
    }
  }

  const unrecognised = await identity.issueCredential({
    issuerDid: xxRegistry.did,
    credential: (issuer, status) =>
      createLegalEntityCredential({
        issuer,
        subject: {
          id: 'did:web:examplia-trading.example',
          legalName: { en: 'Examplia Trading Ltd. (demo)' },
          jurisdiction: 'XX',
          identifier: { scheme: 'LEI', value: FICTIONAL_LEI },
          registeredAddress: {
            streetAddress: '1 Harbour Street',
            locality: 'Examplia',
            countryCode: 'XX',
          },
        },
        validFrom: FROM,
        validUntil: UNTIL,
        credentialStatus: [status],
      }),
  })
  return {
    authorities: { CN: cn.did, SG: sg.did, XX: xx.did },
    issuers: { CN: samr.did, SG: acra.did, XX: xxRegistry.did },
    unrecognisedCredential: unrecognised.credential,
  }
}
