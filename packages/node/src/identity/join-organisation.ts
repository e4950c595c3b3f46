import { sha256Hex, type SigningAlgorithm } from '@landsea/core/crypto'
import {
  algorithmOfJwk,
  IdentityError,
  publicJwkOf,
  type LegalEntitySubject,
  type VerifiedPresentation,
} from '@landsea/core/identity'
import type { IdentityStore, OrganisationVerification } from '@landsea/core/identity'
import type { Organisation, OrganisationRole, OrganisationStore } from '@landsea/core/organisation'
import { calculateJwkThumbprint, type JWK } from 'jose'
import { registerOrganisation } from '../organisations/organisation-registration.js'

// The credential inside a verified join presentation (an EnvelopedVerifiableCredential data: URL).
function envelopedCredential(vp: string): string {
  const payload = JSON.parse(Buffer.from(vp.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    verifiableCredential: { id: string }[]
  }
  return payload.verifiableCredential[0]!.id.slice('data:application/vc+jwt,'.length)
}

/**
 * Onboards an organisation from a join presentation: verifies it (one-time nonce, audience, holder,
 * the legal-entity credential in full), registers the organisation as verified with the holder DID
 * and the given signing key (or a custodial one), and returns its API key once.
 */
export async function joinOrganisation(
  {
    store,
    organisations,
    verifyJoin,
  }: {
    store: IdentityStore
    organisations: OrganisationStore
    verifyJoin: (presentation: unknown, nonce: string) => Promise<VerifiedPresentation>
  },
  {
    presentation,
    nonce,
    roles,
    signingKey,
  }: {
    presentation: unknown
    nonce: string
    roles: readonly OrganisationRole[]
    signingKey?: JWK
  },
): Promise<{ organisation: Organisation; apiKey: string; verification: OrganisationVerification }> {
  const verified = await verifyJoin(presentation, nonce)
  const result = verified.credentials[0]!
  if (!result.isValid || !result.credential) {
    const failed = [
      result.signature,
      result.issuerKey,
      result.validity,
      result.status,
      result.trust,
    ].find((v) => !v.ok)!
    throw new IdentityError(failed.code ?? 'IDENTITY_ISSUER_NOT_TRUSTED', failed.message)
  }
  const credentialJwt = envelopedCredential(presentation as string)
  const credentialId = result.credential.id ?? `urn:sha256:${sha256Hex(credentialJwt)}`
  const known = await store.getCredential(credentialId)
  if (known?.organisationId) {
    throw new IdentityError(
      'IDENTITY_ALREADY_JOINED',
      'an organisation already joined with this credential',
    )
  }
  const subject = result.credential.credentialSubject as unknown as LegalEntitySubject
  let publicKey: { kid: string; alg: SigningAlgorithm; publicJwk: JWK } | undefined
  if (signingKey) {
    const jwk = publicJwkOf(signingKey)
    const alg = algorithmOfJwk(jwk)
    if (!alg || 'd' in signingKey) {
      throw new IdentityError(
        'IDENTITY_MALFORMED',
        'signingKey must be a public Ed25519, P-256 or SM2 JWK',
      )
    }
    const kid = await calculateJwkThumbprint(jwk)
    publicKey = { kid, alg, publicJwk: { ...jwk, kid, alg } }
  }
  const { organisation, apiKey } = await registerOrganisation(organisations, {
    name: subject.legalName.en,
    nameZh: subject.legalName.zh ?? null,
    country: subject.jurisdiction,
    roles,
    identifiers: [
      subject.identifier,
      ...(subject.lei ? [{ scheme: 'LEI', value: subject.lei }] : []),
    ],
    did: verified.holder,
    ...(publicKey ? { publicKey } : {}),
  })
  const verifiedAt = new Date().toISOString()
  const verification: OrganisationVerification = {
    status: 'verified',
    credentialId,
    issuer: result.issuer!,
    trustPath: result.trust.path.map((step) => step.text),
    verifiedAt,
  }
  await store.setVerification(organisation.id, verification)
  if (known) await store.assignCredential(credentialId, organisation.id)
  else {
    await store.saveCredential({
      id: credentialId,
      issuer: result.issuer!,
      subject: verified.holder,
      organisationId: organisation.id,
      type: 'LegalEntityCredential',
      format: 'vc+jwt',
      credential: credentialJwt,
      statusList: null,
      statusIndex: null,
      createdAt: verifiedAt,
    })
  }
  return { organisation, apiKey, verification }
}
