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

  it('finds an organisation by an identifier: scheme and value exactly, wildcards and case included', async () => {
    const { db } = getDb()
    const organisations = createOrganisationStore(db)
    const tag = randomUUID().slice(0, 8).toUpperCase()
    const first = { ...organisation(), identifiers: [{ scheme: 'UEN', value: `${tag}_1%` }] }
    const second = {
      ...organisation(),
      identifiers: [
        { scheme: 'LEI', value: `${tag}X1` },
        { scheme: 'UEN', value: `${tag}A1B` },
      ],
      createdAt: new Date(Date.now() + 1000).toISOString(),
    }
    expect(await organisations.findByIdentifier({ scheme: 'UEN', value: `${tag}_1%` })).toBe(
      undefined,
    )
    await organisations.create(first, randomUUID())
    await organisations.create(second, randomUUID())
    const find = (scheme: string, value: string) =>
      createOrganisationStore(db).findByIdentifier({ scheme, value })
    expect(await find('UEN', `${tag}_1%`)).toEqual(first)
    expect(await find('UEN', `${tag}A1B`)).toEqual(second)
    expect(await find('LEI', `${tag}X1`)).toEqual(second)
    // LIKE's wildcards and SQLite's case-blind LIKE find rows; only an exact match is returned.
    expect(await find('UEN', `${tag}A1%`)).toBeUndefined()
    expect(await find('UEN', `${tag}a1b`)).toBeUndefined()
    expect(await find('UEN', `${tag}X1`)).toBeUndefined()
    expect(await find('UEN', `${tag}_1`)).toBeUndefined()
    // The first created wins when two share an identifier; a miss earlier is not kept.
    const third = { ...organisation(), identifiers: first.identifiers }
    await organisations.create(
      { ...third, createdAt: new Date(Date.now() + 2000).toISOString() },
      randomUUID(),
    )
    expect(await organisations.findByIdentifier(first.identifiers[0]!)).toEqual(first)
  })
})
