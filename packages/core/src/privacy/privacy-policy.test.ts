import { describe, expect, it } from 'vitest'
import { PrivacyError } from './privacy-error.js'
import { defaultPrivacyPolicy, parsePrivacyPolicyFile } from './privacy-policy.js'

function refusal(text: string): PrivacyError {
  try {
    parsePrivacyPolicyFile(text)
  } catch (error) {
    if (error instanceof PrivacyError) return error
    throw error
  }
  throw new Error('the policy was accepted')
}

describe('parsePrivacyPolicyFile', () => {
  it('accepts the default policy written as JSON', () => {
    const policy = defaultPrivacyPolicy('SG')
    expect(parsePrivacyPolicyFile(JSON.stringify(policy, null, 2))).toEqual(policy)
  })

  it('refuses a malformed field with its line and path', () => {
    const policy = {
      ...defaultPrivacyPolicy('CN'),
      bases: [
        {
          id: 'b1',
          kind: 'pdpa-contract',
          exporter: '*',
          recipient: '*',
          recipientCountry: 'SG',
          purposes: ['*'],
          reference: 'x',
        },
      ],
    }
    const text = JSON.stringify(policy, null, 2)
    const error = refusal(text)
    expect(error.code).toBe('PRIVACY_POLICY_INVALID')
    const line = text.split('\n').findIndex((l) => l.includes('"pdpa-contract"')) + 1
    expect(error.issues).toEqual([expect.objectContaining({ path: '/bases/0/kind', line })])
    expect(error.message).toContain(`line ${line}: /bases/0/kind`)
  })

  it('refuses an unknown jurisdiction, a missing field and a syntax error', () => {
    expect(
      refusal(JSON.stringify({ ...defaultPrivacyPolicy('CN'), jurisdiction: 'MY' })).code,
    ).toBe('PRIVACY_JURISDICTION_UNKNOWN')
    const { thresholds: _t, ...rest } = defaultPrivacyPolicy('CN')
    expect(refusal(JSON.stringify(rest)).issues).toEqual([
      expect.objectContaining({ path: '/thresholds', line: 1 }),
    ])
    const broken = refusal('{\n  "version": 1,\n  "revision": "unterminated\n}')
    expect(broken.code).toBe('PRIVACY_POLICY_INVALID')
    expect(broken.message).toMatch(/^line \d/)
  })
})
