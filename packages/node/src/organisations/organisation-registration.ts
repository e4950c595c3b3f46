import {
  generateSigningKeyPair,
  type PublicSigningKey,
  type SigningAlgorithm,
} from '@landsea/core/crypto'
import type {
  Organisation,
  OrganisationIdentifier,
  OrganisationRole,
  OrganisationStore,
} from '@landsea/core/organisation'
import { v7 as uuidv7 } from 'uuid'
import { createApiKey, hashApiKey } from './api-key.js'

/** What it takes to register an organisation on a node. */
export interface OrganisationRegistration {
  readonly name: string
  readonly nameZh?: string | null
  readonly country: string
  readonly roles: readonly OrganisationRole[]
  readonly identifiers?: readonly OrganisationIdentifier[]
  readonly did?: string | null
  /** Algorithm of the custodial key the node generates, when no public key is given. */
  readonly keyAlg?: SigningAlgorithm
  /** The organisation's own public key (non-custodial): the node never sees its private key. */
  readonly publicKey?: PublicSigningKey
  readonly id?: string
}

/**
 * Registers an organisation: stores it with a fresh API key (returned once, stored hashed) and either its
 * own public key or a custodial key the node generates.
 */
export async function registerOrganisation(
  organisations: OrganisationStore,
  input: OrganisationRegistration,
): Promise<{ organisation: Organisation; apiKey: string }> {
  const organisation: Organisation = {
    id: input.id ?? uuidv7(),
    name: input.name,
    nameZh: input.nameZh ?? null,
    country: input.country,
    roles: input.roles,
    identifiers: input.identifiers ?? [],
    did: input.did ?? null,
    createdAt: new Date().toISOString(),
  }
  const apiKey = createApiKey()
  await organisations.create(organisation, hashApiKey(apiKey))
  await organisations.addKey(
    organisation.id,
    input.publicKey ?? (await generateSigningKeyPair({ alg: input.keyAlg ?? 'EdDSA' })),
  )
  return { organisation, apiKey }
}
