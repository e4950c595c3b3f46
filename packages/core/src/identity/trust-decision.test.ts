import { describe, expect, it } from 'vitest'
import { createTrustWorld } from './fixtures/trust-world.js'
import { decideTrust } from './trust-decision.js'
import { readTrustList, signTrustList, verifyTrustList } from './trust-list.js'
import { verifyRecognition } from './recognition.js'

const at = new Date('2026-11-27T08:00:00Z')

describe('trust decisions across CN and SG', () => {
  it('SG trusts a CN issuer through its recognition of the CN list, and names the path', async () => {
    const world = await createTrustWorld()
    const decision = await decideTrust(
      {
        issuer: world.cnIssuer.did,
        credentialType: 'LegalEntityCredential',
        identifierScheme: 'USCC',
        at,
      },
      { anchor: world.anchor('SG'), material: world },
    )
    expect(decision.isTrusted).toBe(true)
    if (!decision.isTrusted) return
    expect(decision.path.map((step) => step.kind)).toEqual([
      'anchor',
      'recognition',
      'authorisation',
    ])
    expect(decision.summary).toBe(
      `SG recognises CN list v3 for LegalEntityCredential until 2028-01-01T00:00:00Z; CN list v3 authorises issuer ${world.cnIssuer.did} (State Administration for Market Regulation) for LegalEntityCredential; valid until 2028-01-01T00:00:00Z`,
    )
  })

  it('each side trusts its own issuer directly, and the other side’s through recognition', async () => {
    const world = await createTrustWorld()
    const own = await decideTrust(
      { issuer: world.sgIssuer.did, credentialType: 'LegalEntityCredential', at },
      { anchor: world.anchor('SG'), material: world },
    )
    expect(own.isTrusted && own.path.length).toBe(2)
    const other = await decideTrust(
      {
        issuer: world.sgIssuer.did,
        credentialType: 'LegalEntityCredential',
        identifierScheme: 'UEN',
        at,
      },
      { anchor: world.anchor('CN'), material: world },
    )
    expect(other.isTrusted && other.path[1]?.text).toContain('CN recognises SG list v3')
  })

  it('refuses the third, unrecognised jurisdiction with a clear reason', async () => {
    const world = await createTrustWorld()
    const decision = await decideTrust(
      { issuer: world.xxIssuer.did, credentialType: 'LegalEntityCredential', at },
      { anchor: world.anchor('SG'), material: world },
    )
    expect(decision).toEqual({
      isTrusted: false,
      code: 'IDENTITY_JURISDICTION_NOT_RECOGNISED',
      reason: `issuer ${world.xxIssuer.did} is listed by XX authority ${world.xxAuthority.did}, whose list SG does not recognise`,
    })
  })

  it('refuses a type outside the recognition scope, an unknown issuer, a wrong scheme and an expired entry', async () => {
    const world = await createTrustWorld()
    const ctx = { anchor: world.anchor('SG'), material: world }
    const role = await decideTrust(
      { issuer: world.cnIssuer.did, credentialType: 'RoleCredential', at },
      ctx,
    )
    expect(role).toMatchObject({ isTrusted: false, code: 'IDENTITY_ISSUER_NOT_TRUSTED' })
    expect(!role.isTrusted && role.reason).toContain(
      'SG recognises the CN list only for LegalEntityCredential',
    )
    const unknown = await decideTrust(
      { issuer: 'did:web:nobody.example', credentialType: 'LegalEntityCredential', at },
      ctx,
    )
    expect(unknown).toMatchObject({ isTrusted: false, code: 'IDENTITY_ISSUER_NOT_TRUSTED' })
    const scheme = await decideTrust(
      {
        issuer: world.cnIssuer.did,
        credentialType: 'LegalEntityCredential',
        identifierScheme: 'UEN',
        at,
      },
      ctx,
    )
    expect(scheme.isTrusted).toBe(false)
    const later = await decideTrust(
      {
        issuer: world.cnIssuer.did,
        credentialType: 'LegalEntityCredential',
        at: new Date('2029-01-01T00:00:00Z'),
      },
      ctx,
    )
    expect(later.isTrusted).toBe(false)
  })

  it('ignores a list or recognition that does not verify (a forged CN list is never trusted)', async () => {
    const world = await createTrustWorld()
    const forged = await signTrustList({
      list: {
        ...readTrustList(world.lists[0]!),
        entries: [
          { ...readTrustList(world.lists[0]!).entries[0]!, issuer: 'did:web:forger.example' },
        ],
      },
      privateJwk: world.xxAuthority.key.privateJwk,
      alg: world.xxAuthority.key.alg,
      kid: world.cnAuthority.kid,
    })
    const decision = await decideTrust(
      { issuer: 'did:web:forger.example', credentialType: 'LegalEntityCredential', at },
      {
        anchor: world.anchor('SG'),
        material: { lists: [...world.lists, forged], recognitions: world.recognitions },
      },
    )
    expect(decision.isTrusted).toBe(false)
    await expect(verifyTrustList(forged, world.cnAuthority.key.publicJwk)).rejects.toMatchObject({
      code: 'IDENTITY_TRUST_LIST_INVALID',
    })
    await expect(
      verifyRecognition(world.recognitions[0]!, world.cnAuthority.key.publicJwk),
    ).rejects.toMatchObject({
      code: 'IDENTITY_TRUST_LIST_INVALID',
    })
    const noRecognition = await decideTrust(
      { issuer: world.cnIssuer.did, credentialType: 'LegalEntityCredential', at },
      { anchor: world.anchor('SG'), material: { lists: world.lists, recognitions: [] } },
    )
    expect(noRecognition).toMatchObject({
      isTrusted: false,
      code: 'IDENTITY_JURISDICTION_NOT_RECOGNISED',
    })
  })
})
