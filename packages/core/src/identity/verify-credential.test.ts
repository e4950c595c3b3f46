import { describe, expect, it } from 'vitest'
import { addDataIntegrityProof } from './data-integrity.js'
import {
  createLegalEntityCredential,
  createRoleCredential,
  type VerifiableCredential,
} from './credential.js'
import { createTrustWorld, type Party, type TrustWorld } from './fixtures/trust-world.js'
import {
  createStatusBitstring,
  createStatusEntry,
  createStatusListCredential,
  encodeStatusList,
  setStatusBit,
} from './status-list.js'
import { issueVcJwt } from './vc-jwt.js'
import { verifyCredential } from './verify-credential.js'

const now = new Date('2026-11-27T08:00:00Z')

function legalEntity(
  issuer: Party,
  overrides: Partial<Parameters<typeof createLegalEntityCredential>[0]> = {},
): VerifiableCredential {
  return createLegalEntityCredential({
    issuer: issuer.did,
    subject: {
      id: 'did:web:cq.landsea.example:orgs:carrier',
      legalName: { zh: '重庆陆海国际物流有限公司', en: 'Chongqing Landsea Logistics Co., Ltd.' },
      jurisdiction: 'CN',
      identifier: { scheme: 'USCC', value: '91350100M000100Y43' },
      registeredAddress: {
        streetAddress: '1 Tuanjiecun',
        locality: 'Chongqing',
        countryCode: 'CN',
      },
    },
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2027-01-01T00:00:00Z',
    ...overrides,
  })
}

function sign(issuer: Party, credential: VerifiableCredential) {
  return issueVcJwt({
    credential,
    privateJwk: issuer.key.privateJwk,
    alg: issuer.key.alg,
    kid: issuer.kid,
  })
}

function options(world: TrustWorld, extra = {}) {
  return {
    lookupKey: world.lookupKey,
    trust: { anchor: world.anchor('SG'), material: world },
    now,
    ...extra,
  }
}

describe('verifyCredential', () => {
  it('accepts a CN legal-entity credential (SM2) at an SG verifier and names the trust path', async () => {
    const world = await createTrustWorld()
    const result = await verifyCredential(
      await sign(world.cnIssuer, legalEntity(world.cnIssuer)),
      options(world),
    )
    expect(result.signature).toMatchObject({ ok: true })
    expect(result.signature.message).toContain('SM2SM3')
    expect(result.trust, JSON.stringify(result)).toMatchObject({ ok: true })
    expect(result.trust.message).toContain('SG recognises CN list v3')
    expect(result.isValid).toBe(true)
  })

  it('reads "signature valid, issuer not trusted" for the third jurisdiction', async () => {
    const world = await createTrustWorld()
    const result = await verifyCredential(
      await sign(world.xxIssuer, legalEntity(world.xxIssuer)),
      options(world),
    )
    expect(result.signature.ok).toBe(true)
    expect(result.trust).toMatchObject({ ok: false, code: 'IDENTITY_JURISDICTION_NOT_RECOGNISED' })
    expect(result.isValid).toBe(false)
  })

  it('reports expired, not yet valid and wrong type in the validity verdict', async () => {
    const world = await createTrustWorld()
    const expired = await verifyCredential(
      await sign(
        world.cnIssuer,
        legalEntity(world.cnIssuer, { validUntil: '2026-06-01T00:00:00Z' }),
      ),
      options(world),
    )
    expect(expired.validity).toMatchObject({ ok: false, code: 'IDENTITY_EXPIRED' })
    expect(expired.signature.ok).toBe(true)
    const early = await verifyCredential(
      await sign(
        world.cnIssuer,
        legalEntity(world.cnIssuer, { validFrom: '2026-12-01T00:00:00Z' }),
      ),
      options(world),
    )
    expect(early.validity.code).toBe('IDENTITY_NOT_YET_VALID')
    const role = createRoleCredential({
      issuer: world.sgIssuer.did,
      subject: { id: 'did:web:sg.example:orgs:bank', role: 'bank', jurisdiction: 'SG' },
      validFrom: '2026-01-01T00:00:00Z',
    })
    const wrongType = await verifyCredential(
      await sign(world.sgIssuer, role),
      options(world, { expectedType: 'LegalEntityCredential' }),
    )
    expect(wrongType.validity.code).toBe('IDENTITY_WRONG_TYPE')
  })

  it('checks revocation and suspension through the issuer’s signed status lists', async () => {
    const world = await createTrustWorld()
    const url = 'https://samr.cn.example/status/1'
    const suspensionUrl = 'https://samr.cn.example/status/2'
    const revocations = createStatusBitstring()
    const suspensions = createStatusBitstring()
    setStatusBit(revocations, 7, true)
    setStatusBit(suspensions, 8, true)
    const lists = new Map<string, string>()
    for (const [id, bits, purpose] of [
      [url, revocations, 'revocation'],
      [suspensionUrl, suspensions, 'suspension'],
    ] as const) {
      const list = createStatusListCredential({
        id,
        issuer: world.cnIssuer.did,
        statusPurpose: purpose,
        encodedList: await encodeStatusList(bits),
        validFrom: '2026-01-01T00:00:00Z',
      })
      lists.set(id, await sign(world.cnIssuer, list))
    }
    const fetchStatusList = async (id: string) => lists.get(id)
    const withStatus = (index: number) =>
      legalEntity(world.cnIssuer, {
        credentialStatus: [
          createStatusEntry({ statusListCredential: url, index, statusPurpose: 'revocation' }),
          createStatusEntry({
            statusListCredential: suspensionUrl,
            index,
            statusPurpose: 'suspension',
          }),
        ],
      })
    const revoked = await verifyCredential(
      await sign(world.cnIssuer, withStatus(7)),
      options(world, { fetchStatusList }),
    )
    expect(revoked.status).toMatchObject({ ok: false, code: 'IDENTITY_REVOKED' })
    const suspended = await verifyCredential(
      await sign(world.cnIssuer, withStatus(8)),
      options(world, { fetchStatusList }),
    )
    expect(suspended.status).toMatchObject({ ok: false, code: 'IDENTITY_SUSPENDED' })
    const fine = await verifyCredential(
      await sign(world.cnIssuer, withStatus(9)),
      options(world, { fetchStatusList }),
    )
    expect(fine.status.ok).toBe(true)
    expect(fine.isValid).toBe(true)
    const unavailable = await verifyCredential(
      await sign(world.cnIssuer, withStatus(9)),
      options(world),
    )
    expect(unavailable.status.code).toBe('IDENTITY_STATUS_UNAVAILABLE')
    // A status list signed by someone else does not count.
    const foreign = await sign(
      world.sgIssuer,
      createStatusListCredential({
        id: url,
        issuer: world.sgIssuer.did,
        statusPurpose: 'revocation',
        encodedList: await encodeStatusList(createStatusBitstring()),
        validFrom: '2026-01-01T00:00:00Z',
      }),
    )
    const spoofed = await verifyCredential(
      await sign(world.cnIssuer, withStatus(7)),
      options(world, { fetchStatusList: async () => foreign }),
    )
    expect(spoofed.status.code).toBe('IDENTITY_STATUS_UNAVAILABLE')
  })

  it('verifies a Data Integrity credential dual-signed with SM2 and Ed25519', async () => {
    const world = await createTrustWorld()
    const ed = world.cnIssuer
    world.addDocument(ed.did, [
      { fragment: 'key-1', publicJwk: ed.key.publicJwk },
      { fragment: 'ed', publicJwk: world.sgIssuer.key.publicJwk },
    ])
    const once = addDataIntegrityProof(legalEntity(ed), {
      cryptosuite: 'landsea-sm2-jcs-2026',
      privateJwk: ed.key.privateJwk,
      verificationMethod: ed.kid,
    })
    const twice = addDataIntegrityProof(once, {
      cryptosuite: 'eddsa-jcs-2022',
      privateJwk: world.sgIssuer.key.privateJwk,
      verificationMethod: `${ed.did}#ed`,
    })
    const result = await verifyCredential(twice, options(world))
    expect(result.format).toBe('data-integrity')
    expect(result.isValid).toBe(true)
  })

  it('never throws: unsigned, malformed and bad-signature inputs get specific codes', async () => {
    const world = await createTrustWorld()
    const unsigned = await verifyCredential(legalEntity(world.cnIssuer), options(world))
    expect(unsigned.signature.code).toBe('IDENTITY_UNSIGNED')
    for (const bad of [null, 17, [], 'x', 'a.b.c', { proof: 1 }]) {
      const result = await verifyCredential(bad, options(world))
      expect(result.isValid, JSON.stringify(bad)).toBe(false)
      expect(result.signature.code, JSON.stringify(bad)).toMatch(/IDENTITY_(MALFORMED|UNSIGNED)/)
    }
    const jwt = await sign(world.cnIssuer, legalEntity(world.cnIssuer))
    const [h, p] = jwt.split('.')
    const forged = await sign(world.sgIssuer, legalEntity(world.cnIssuer))
    const result = await verifyCredential(`${h}.${p}.${forged.split('.')[2]}`, options(world))
    expect(result.signature.code).toBe('IDENTITY_SIGNATURE_INVALID')
    const unknownKey = await verifyCredential(
      await sign(world.sgIssuer, legalEntity(world.cnIssuer)),
      options(world),
    )
    // The JWS is sound; the key is not the issuer's: two verdicts.
    expect(unknownKey.signature.ok).toBe(true)
    expect(unknownKey.issuerKey.code).toBe('IDENTITY_ISSUER_MISMATCH')
    expect(unknownKey.isValid).toBe(false)
  })
})

describe('verifyCredential with SD-JWT VC presentations', () => {
  it('reports the disclosed claims and the four verdicts, with key binding', async () => {
    const world = await createTrustWorld()
    const { issueSdJwtVc, presentSdJwtVc } = await import('./sd-jwt.js')
    const { generateSigningKeyPair } = await import('../crypto/index.js')
    const holder = await generateSigningKeyPair({ alg: 'ES256' })
    const sdJwt = await issueSdJwtVc({
      issuer: world.sgIssuer.did,
      vct: 'RoleCredential',
      claims: {
        role: 'bank',
        jurisdiction: 'SG',
        uen: '197401143C',
        signatory: 'Tan Mei Ling',
      },
      disclosable: ['signatory'],
      holderPublicJwk: holder.publicJwk,
      privateJwk: world.sgIssuer.key.privateJwk,
      alg: world.sgIssuer.key.alg,
      kid: world.sgIssuer.kid,
      issuedAt: now,
      expiresAt: new Date('2027-01-01T00:00:00Z'),
    })
    const presented = await presentSdJwtVc(sdJwt, {
      disclose: [],
      holderPrivateJwk: holder.privateJwk,
      audience: 'did:web:cq',
      nonce: 'k1',
      now,
    })
    const result = await verifyCredential(
      presented,
      options(world, { keyBinding: { audience: 'did:web:cq', nonce: 'k1' } }),
    )
    expect(result.format).toBe('dc+sd-jwt')
    expect(result.signature.message).toContain('holder key binding verified')
    expect(result.credential?.credentialSubject).toEqual({
      role: 'bank',
      jurisdiction: 'SG',
      uen: '197401143C',
    })
    expect(result.trust, JSON.stringify(result)).toMatchObject({ ok: true })
    expect(result.isValid, JSON.stringify([result.validity, result.status, result.trust])).toBe(
      true,
    )
    const late = await verifyCredential(
      presented,
      options(world, { now: new Date('2027-06-01T00:00:00Z') }),
    )
    expect(late.signature.ok).toBe(true)
    expect(late.validity.code).toBe('IDENTITY_EXPIRED')
    const wrongNonce = await verifyCredential(
      presented,
      options(world, { keyBinding: { audience: 'did:web:cq', nonce: 'k2' } }),
    )
    expect(wrongNonce.signature.code).toBe('IDENTITY_NONCE_MISMATCH')
  })
})

describe('verifyCredential under tampering', () => {
  it('detects a change at any position of a vc+jwt, without throwing', async () => {
    const world = await createTrustWorld()
    const jwt = await sign(world.cnIssuer, legalEntity(world.cnIssuer))
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~'
    // Every 7th position and the last few: header, payload and signature all get hit.
    const positions = [
      ...Array.from({ length: Math.ceil(jwt.length / 7) }, (_, i) => i * 7),
      jwt.length - 2,
      jwt.length - 1,
    ]
    for (const position of positions) {
      const original = jwt[position]!
      const replacement = alphabet[(alphabet.indexOf(original) + 1) % alphabet.length]!
      const tampered = jwt.slice(0, position) + replacement + jwt.slice(position + 1)
      const result = await verifyCredential(tampered, options(world))
      expect(result.isValid, `accepted a change at ${position}`).toBe(false)
      expect(result.signature.ok, `position ${position}`).toBe(false)
    }
  })

  it('detects any changed member of a Data Integrity credential', async () => {
    const world = await createTrustWorld()
    const signed = addDataIntegrityProof(legalEntity(world.cnIssuer), {
      cryptosuite: 'landsea-sm2-jcs-2026',
      privateJwk: world.cnIssuer.key.privateJwk,
      verificationMethod: world.cnIssuer.kid,
    })
    expect((await verifyCredential(signed, options(world))).isValid).toBe(true)
    const variants: unknown[] = [
      { ...signed, validUntil: '2030-01-01T00:00:00Z' },
      { ...signed, credentialSubject: { ...signed.credentialSubject, jurisdiction: 'SG' } },
      { ...signed, issuer: world.sgIssuer.did },
      { ...signed, proof: { ...(signed.proof as object), created: '2020-01-01T00:00:00Z' } },
      { ...signed, proof: { ...(signed.proof as object), verificationMethod: world.sgIssuer.kid } },
      { ...signed, proof: [] },
      { ...signed, proof: 'z123' },
    ]
    for (const variant of variants) {
      const result = await verifyCredential(variant, options(world))
      expect(result.isValid, JSON.stringify(variant).slice(0, 80)).toBe(false)
      expect(result.signature.ok).toBe(false)
    }
  })
})

describe('identifiers before trust', () => {
  it('does not make a trust decision on a credential whose identifier fails its check', async () => {
    const world = await createTrustWorld()
    // Issued without the issuing-side check, as a foreign or careless issuer might.
    const { signCompactJws } = await import('../crypto/index.js')
    const bad = legalEntity(world.cnIssuer)
    const credential = {
      ...bad,
      credentialSubject: {
        ...bad.credentialSubject,
        identifier: { scheme: 'USCC', value: '91350100M000100Y44' },
      },
    }
    const jwt = await signCompactJws({
      payload: new TextEncoder().encode(JSON.stringify(credential)),
      privateJwk: world.cnIssuer.key.privateJwk,
      alg: world.cnIssuer.key.alg,
      kid: world.cnIssuer.kid,
      typ: 'vc+jwt',
    })
    const result = await verifyCredential(jwt, options(world))
    expect(result.signature.ok).toBe(true)
    expect(result.validity.code).toBe('IDENTITY_IDENTIFIER_INVALID')
    expect(result.trust).toMatchObject({
      ok: false,
      message: 'not checked: the identifier is invalid',
    })
  })
})
