import { randomUUID } from 'node:crypto'
import { generateSigningKeyPair, type SigningKeyPair } from '@landsea/core/crypto'
import {
  createSampleCorridorBill,
  createTitleRegistry,
  type TitleRegistry,
} from '@landsea/core/ebl'
import type { OrganisationStore } from '@landsea/core/organisation'
import type { LandseaDatabase } from '@landsea/storage/testing'
import { beforeAll } from 'vitest'
import { createEblStore, createOrganisationStore } from '../src/index.js'

/** The organisations of the title registry's tests, each with a key, and a registry on storage. */
export interface RegistryParties {
  registry: TitleRegistry
  orgs: OrganisationStore
  readonly ids: Record<'carrier' | 'shipper' | 'bank' | 'consignee' | 'stranger', string>
  readonly keys: Record<string, SigningKeyPair>
  /** A draft of the sample corridor bill under `reference`, to order unless told otherwise. */
  readonly draft: (
    reference: string,
    isToOrder?: boolean,
  ) => ReturnType<TitleRegistry['createDraft']>
  /** The carrier issues the bill to the shipper. */
  readonly issue: (documentId: string) => ReturnType<TitleRegistry['act']>
}

/** Creates the parties (the bank signs with P-256, the others Ed25519) before the suite's tests. */
export function useRegistryParties(getDb: () => LandseaDatabase): RegistryParties {
  const ids = { carrier: '', shipper: '', bank: '', consignee: '', stranger: '' }
  const parties = {
    ids,
    keys: {},
    draft: (reference: string, isToOrder = true) =>
      parties.registry.createDraft({
        document: createSampleCorridorBill({
          reference,
          carrier: ids.carrier,
          shipper: ids.shipper,
          consignee: isToOrder ? undefined : ids.consignee,
          isToOrder,
        }),
        carrier: ids.carrier,
      }),
    issue: (documentId: string) =>
      parties.registry.act({
        documentId,
        actor: ids.carrier,
        action: 'ISSUE',
        recipient: ids.shipper,
      }),
  } as unknown as RegistryParties
  beforeAll(async () => {
    const { db } = getDb()
    parties.orgs = createOrganisationStore(db)
    for (const role of Object.keys(ids) as (keyof typeof ids)[]) {
      ids[role] = randomUUID()
      await parties.orgs.create(
        {
          id: ids[role],
          name: role,
          nameZh: null,
          country: 'CN',
          roles: [],
          identifiers: [],
          did: null,
          createdAt: new Date().toISOString(),
        },
        randomUUID(),
      )
      parties.keys[role] = await generateSigningKeyPair({
        alg: role === 'bank' ? 'ES256' : 'EdDSA',
      })
      await parties.orgs.addKey(ids[role], parties.keys[role]!)
    }
    parties.registry = createTitleRegistry({ store: createEblStore(db), directory: parties.orgs })
  })
  return parties
}
