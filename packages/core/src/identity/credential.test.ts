import { describe, expect, it } from 'vitest'
import {
  createLegalEntityCredential,
  createRoleCredential,
  validateCredential,
} from './credential.js'

const subject = {
  id: 'did:web:sg.landsea.example:orgs:consignee',
  legalName: { en: 'Lion City Electronics Pte. Ltd.', zh: '狮城电子私人有限公司' },
  jurisdiction: 'SG',
  identifier: { scheme: 'UEN' as const, value: '197401143C' },
  registeredAddress: {
    streetAddress: '10 Pasir Panjang Road',
    locality: 'Singapore',
    countryCode: 'SG',
  },
}

describe('credential model', () => {
  it('builds VC 2.0 legal-entity and role credentials that validate', () => {
    const legal = createLegalEntityCredential({
      issuer: 'did:web:acra.example',
      subject,
      validFrom: '2026-01-01T00:00:00Z',
    })
    expect(legal['@context']).toEqual(['https://www.w3.org/ns/credentials/v2'])
    expect(legal.type).toEqual(['VerifiableCredential', 'LegalEntityCredential'])
    expect(validateCredential(legal)).toEqual([])
    const role = createRoleCredential({
      issuer: 'did:web:acra.example',
      subject: { id: subject.id, role: 'bank', jurisdiction: 'SG' },
      validFrom: '2026-01-01T00:00:00Z',
    })
    expect(validateCredential(role)).toEqual([])
  })

  it('reports every problem as { path, code, message }', () => {
    const issues = validateCredential({
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['LegalEntityCredential'],
      issuer: 7,
      validFrom: 'yesterday',
      credentialSubject: {
        ...subject,
        jurisdiction: 'CN',
        identifier: { scheme: 'UEN', value: '197401143C' },
        legalName: {},
      },
    })
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['@context', 'IDENTITY_MALFORMED'],
      ['type', 'IDENTITY_WRONG_TYPE'],
      ['issuer', 'IDENTITY_MALFORMED'],
      ['validFrom', 'IDENTITY_MALFORMED'],
      ['credentialSubject.legalName.en', 'IDENTITY_MALFORMED'],
      ['credentialSubject.jurisdiction', 'IDENTIFIER_SCHEME_UNKNOWN'],
    ])
  })

  it('checks identifiers: a bad LEI check pair and a bad UEN check letter are errors', () => {
    const bad = validateCredential(
      createLegalEntityCredential({
        issuer: 'did:web:x',
        subject: { ...subject, lei: '506700GE1G29325QX364' },
        validFrom: '2026-01-01T00:00:00Z',
      }),
    )
    expect(bad.map((i) => i.code)).toEqual(['IDENTIFIER_CHECK_CHARACTER'])
    const badUen = validateCredential(
      createLegalEntityCredential({
        issuer: 'did:web:x',
        subject: { ...subject, identifier: { scheme: 'UEN', value: 'T09LL0001B' } },
        validFrom: '2026-01-01T00:00:00Z',
      }),
    )
    expect(badUen.map((i) => i.code)).toEqual(['IDENTIFIER_CHECK_CHARACTER'])
    expect(validateCredential(null)[0]?.code).toBe('IDENTITY_MALFORMED')
  })
})
