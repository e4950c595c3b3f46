import { describe, expect, it } from 'vitest'
import { defaultPrivacyPolicy, type PrivacyPolicy, type TransferBasis } from './privacy-policy.js'
import { decideTransfer, type TransferRequest } from './transfer-decision.js'

const request = (over: Partial<TransferRequest> = {}): TransferRequest => ({
  channel: 'webhook',
  exporter: 'org-cq',
  recipient: 'org-sg',
  recipientCountry: 'SG',
  purpose: 'carriage',
  categories: ['contact'],
  sensitive: false,
  newSubjects: 2,
  minimisable: true,
  date: '2026-12-02',
  ...over,
})

const basis = (over: Partial<TransferBasis>): TransferBasis => ({
  id: 'b1',
  kind: 'pipl-standard-contract',
  exporter: 'org-cq',
  recipient: 'org-sg',
  recipientCountry: 'SG',
  purposes: ['carriage'],
  reference: 'SCC filing 渝网信 2026-001',
  ...over,
})

const cn = (bases: TransferBasis[] = [], over: Partial<PrivacyPolicy> = {}): PrivacyPolicy => ({
  ...defaultPrivacyPolicy('CN'),
  bases,
  ...over,
})
const none = { subjects: 0, sensitiveSubjects: 0 }

describe('decideTransfer under PIPL (CN exporter)', () => {
  it('sends domestic flows and flows without personal data without a basis', () => {
    expect(decideTransfer(cn(), request({ recipientCountry: 'CN' }), none)).toMatchObject({
      action: 'send',
      crossBorder: false,
    })
    expect(decideTransfer(cn(), request({ categories: [] }), none)).toMatchObject({
      action: 'send',
      basis: { kind: 'no-personal-data' },
    })
  })

  it('minimises for a purpose that needs no personal data, unless the channel cannot', () => {
    expect(decideTransfer(cn(), request({ purpose: 'tracking' }), none).action).toBe('minimise')
    expect(
      decideTransfer(cn(), request({ purpose: 'tracking', minimisable: false }), none).action,
    ).toBe('send')
  })

  it('refuses personal data to a recipient of unknown country', () => {
    expect(decideTransfer(cn(), request({ recipientCountry: undefined }), none)).toMatchObject({
      action: 'refuse',
      code: 'PRIVACY_RECIPIENT_COUNTRY_UNKNOWN',
    })
  })

  it('exempts under 100,000 individuals (Art. 5(4)) and warns from 80% of it', () => {
    const quiet = decideTransfer(cn(), request(), { subjects: 10, sensitiveSubjects: 0 })
    expect(quiet).toMatchObject({ action: 'send', basis: { kind: 'pipl-volume-exemption' } })
    expect(quiet.warnings).toEqual([])
    const near = decideTransfer(cn(), request(), { subjects: 79_998, sensitiveSubjects: 0 })
    expect(near.action).toBe('send')
    expect(near.warnings).toEqual([
      { threshold: 'nonSensitiveExempt', limit: 100_000, count: 80_000 },
    ])
  })

  it('requires a standard contract or certification past 100,000 individuals', () => {
    const past = { subjects: 99_999, sensitiveSubjects: 0 }
    expect(decideTransfer(cn(), request(), past)).toMatchObject({
      action: 'refuse',
      code: 'PRIVACY_BASIS_MISSING_PIPL_STANDARD_CONTRACT_OR_CERTIFICATION',
    })
    expect(decideTransfer(cn([basis({})]), request(), past)).toMatchObject({
      action: 'send',
      basis: { kind: 'pipl-standard-contract', id: 'b1', reference: 'SCC filing 渝网信 2026-001' },
    })
    // A certification for another recipient, or expired, does not cover it.
    const other = basis({ kind: 'pipl-certification', recipient: 'org-other' })
    const expired = basis({ kind: 'pipl-certification', validUntil: '2026-01-01' })
    expect(decideTransfer(cn([other, expired]), request(), past).action).toBe('refuse')
  })

  it('requires a contract for any sensitive data and an assessment from 10,000 sensitive individuals', () => {
    expect(decideTransfer(cn(), request({ sensitive: true }), none)).toMatchObject({
      code: 'PRIVACY_BASIS_MISSING_PIPL_STANDARD_CONTRACT_OR_CERTIFICATION',
    })
    const many = { subjects: 9_999, sensitiveSubjects: 9_999 }
    expect(decideTransfer(cn([basis({})]), request({ sensitive: true }), many)).toMatchObject({
      code: 'PRIVACY_BASIS_MISSING_PIPL_SECURITY_ASSESSMENT',
    })
    const assessment = basis({ id: 'sa', kind: 'pipl-security-assessment' })
    expect(decideTransfer(cn([assessment]), request({ sensitive: true }), many)).toMatchObject({
      action: 'send',
      basis: { id: 'sa' },
    })
  })

  it('requires an assessment from 1,000,000 individuals and for a CIIO', () => {
    const million = { subjects: 999_999, sensitiveSubjects: 0 }
    expect(decideTransfer(cn([basis({})]), request(), million)).toMatchObject({
      code: 'PRIVACY_BASIS_MISSING_PIPL_SECURITY_ASSESSMENT',
    })
    expect(decideTransfer(cn([], { ciio: true }), request(), none)).toMatchObject({
      code: 'PRIVACY_BASIS_MISSING_PIPL_SECURITY_ASSESSMENT',
    })
  })

  it('lets contract necessity exempt any volume, and asks for consent when the policy says so', () => {
    const necessity = basis({ id: 'n', kind: 'pipl-contract-necessity' })
    expect(
      decideTransfer(cn([necessity]), request(), { subjects: 5_000_000, sensitiveSubjects: 0 }),
    ).toMatchObject({ action: 'send', basis: { id: 'n' } })
    const strict = cn([necessity], { requireSeparateConsent: true })
    expect(decideTransfer(strict, request(), none)).toMatchObject({
      code: 'PRIVACY_BASIS_MISSING_PIPL_CONSENT',
    })
  })
})

describe('decideTransfer under the PDPA (SG exporter)', () => {
  const sg = (bases: TransferBasis[] = []): PrivacyPolicy => ({
    ...defaultPrivacyPolicy('SG'),
    bases,
  })
  const toCn = request({ exporter: 'org-sg', recipient: 'org-cq', recipientCountry: 'CN' })

  it('refuses without legally enforceable obligations and sends under a contract naming the country', () => {
    expect(decideTransfer(sg(), toCn, none)).toMatchObject({
      action: 'refuse',
      code: 'PRIVACY_BASIS_MISSING_PDPA_TRANSFER_LIMITATION',
    })
    const contract = basis({
      id: 'c',
      kind: 'pdpa-contract',
      exporter: 'org-sg',
      recipient: '*',
      recipientCountry: 'CN',
    })
    expect(decideTransfer(sg([contract]), toCn, none)).toMatchObject({
      action: 'send',
      basis: { kind: 'pdpa-contract', id: 'c' },
    })
    // The contract names China; it does not cover a transfer to Malaysia.
    expect(decideTransfer(sg([contract]), { ...toCn, recipientCountry: 'MY' }, none).action).toBe(
      'refuse',
    )
  })
})
