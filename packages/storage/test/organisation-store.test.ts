import { randomUUID } from 'node:crypto'
import type { Organisation } from '@landsea/core/organisation'
import { expect, it } from 'vitest'
import { createIdentityStore, createOrganisationStore } from '../src/index.js'
import { describeEachDatabase } from './databases.js'

const organisation = (): Organisation => ({
  id: randomUUID(),
  name: 'Shipper 托运人',
  nameZh: '托运人',
  country: 'CN',
  roles: ['SHIPPER'],
  identifiers: [{ scheme: 'USCC', value: '91500000MA5U000000' }],
  did: null,
  createdAt: new Date().toISOString(),
})

describeEachDatabase('organisation store', (getDb) => {
  it('finds an organisation another store instance created after a miss (a miss is not kept)', async () => {
    const { db } = getDb()
    const reader = createOrganisationStore(db)
    const org = organisation()
    expect(await reader.getById(org.id)).toBeUndefined()
    await createOrganisationStore(db).create(org, randomUUID())
    expect(await reader.getById(org.id)).toEqual(org)
    expect((await reader.list()).find((o) => o.id === org.id)).toEqual(org)
  })

  it('reads the same organisation after its verification changed (it is not part of it)', async () => {
    const { db } = getDb()
    const organisations = createOrganisationStore(db)
    const org = organisation()
    await organisations.create(org, randomUUID())
    expect(await organisations.getById(org.id)).toEqual(org)
    await createIdentityStore(db).setVerification(org.id, {
      status: 'verified',
      issuer: 'did:web:authority.example',
      trustPath: ['anchor'],
      verifiedAt: new Date().toISOString(),
    })
    expect(await organisations.getById(org.id)).toEqual(org)
    expect(await createOrganisationStore(db).getById(org.id)).toEqual(org)
  })
})
