import { describe, expect, it } from 'vitest'
import { generateSigningKeyPair } from '../crypto/index.js'
import { createLegalEntityCredential } from './credential.js'
import { createDidDocument } from './did-web.js'
import { createTrustWorld, type Party, type TrustWorld } from './fixtures/trust-world.js'
import { SIGNER_IDENTITY_TYPE, verifySignerIdentities } from './signer-identity.js'
import { issueVcJwt } from './vc-jwt.js'

const now = new Date('2026-11-27T08:00:00Z')
const orgDid = 'did:web:cq.landsea.example:orgs:org-1'

async function evidenceFor(
  world: TrustWorld,
  issuer: Party,
  signingKey: { publicJwk: object; kid: string },
) {
  const credential = await issueVcJwt({
    credential: createLegalEntityCredential({
      issuer: issuer.did,
      subject: {
        id: orgDid,
        legalName: {
          en: 'Chongqing ILSTC Multimodal Transport Co., Ltd.',
          zh: '重庆陆海新通道多式联运有限公司',
        },
        jurisdiction: 'CN',
        identifier: { scheme: 'USCC', value: '91500000MA5U7K3Q8Y' },
        registeredAddress: {
          streetAddress: '1 Tuanjiecun',
          locality: 'Chongqing',
          countryCode: 'CN',
        },
      },
      validFrom: '2026-01-01T00:00:00Z',
    }),
    privateJwk: issuer.key.privateJwk,
    alg: issuer.key.alg,
    kid: issuer.kid,
  })
  return {
    type: SIGNER_IDENTITY_TYPE,
    organisationId: 'org-1',
    did: orgDid,
    credential,
    didDocuments: [
      createDidDocument({
        did: orgDid,
        keys: [{ fragment: signingKey.kid, publicJwk: signingKey.publicJwk }],
      }),
      createDidDocument({
        did: issuer.did,
        keys: [{ fragment: 'key-1', publicJwk: issuer.key.publicJwk }],
      }),
    ],
    trust: { lists: world.lists, recognitions: world.recognitions },
    statusLists: {},
    anchor: world.anchor('CN'),
  }
}

describe('verifySignerIdentities (bundle evidence, offline)', () => {
  it('says who signed and by whose authority, from an SG verifier’s pinned anchor', async () => {
    const world = await createTrustWorld()
    const key = await generateSigningKeyPair({ alg: 'SM2SM3' })
    const evidence = await evidenceFor(world, world.cnIssuer, key)
    const [identity] = await verifySignerIdentities(
      [evidence],
      [{ kid: `org-1#${key.kid}`, publicJwk: key.publicJwk }],
      { anchor: world.anchor('SG'), now },
    )
    expect(identity).toMatchObject({
      organisationId: 'org-1',
      isKeyBound: true,
      isAnchorPinned: true,
      ok: true,
    })
    expect(identity?.summary).toContain(
      'signed by Chongqing ILSTC Multimodal Transport Co., Ltd. (USCC 91500000MA5U7K3Q8Y)',
    )
    expect(identity?.summary).toContain('SG recognises CN list v3')
  })

  it('flags an unpinned anchor, a key missing from the DID document, and missing evidence', async () => {
    const world = await createTrustWorld()
    const key = await generateSigningKeyPair()
    const other = await generateSigningKeyPair()
    const evidence = await evidenceFor(world, world.cnIssuer, key)
    const [unpinned] = await verifySignerIdentities(
      [evidence],
      [{ kid: `org-1#${key.kid}`, publicJwk: key.publicJwk }],
      { now },
    )
    expect(unpinned).toMatchObject({ ok: true, isAnchorPinned: false })
    expect(unpinned?.summary).toContain('not pinned')
    const [unbound] = await verifySignerIdentities(
      [evidence],
      [{ kid: `org-1#${other.kid}`, publicJwk: other.publicJwk }],
      { now },
    )
    expect(unbound).toMatchObject({ ok: false, isKeyBound: false })
    const [missing] = await verifySignerIdentities(
      [{ junk: true }, 42],
      [{ kid: `org-2#x`, publicJwk: key.publicJwk }],
      { now },
    )
    expect(missing).toMatchObject({ organisationId: 'org-2', ok: false })
  })

  it('reports an issuer of an unrecognised jurisdiction as not trusted', async () => {
    const world = await createTrustWorld()
    const key = await generateSigningKeyPair()
    const evidence = await evidenceFor(world, world.xxIssuer, key)
    const [identity] = await verifySignerIdentities(
      [evidence],
      [{ kid: `org-1#${key.kid}`, publicJwk: key.publicJwk }],
      { anchor: world.anchor('SG'), now },
    )
    expect(identity?.ok).toBe(false)
    expect(identity?.verdicts.signature.ok).toBe(true)
    expect(identity?.verdicts.trust.code).toBe('IDENTITY_JURISDICTION_NOT_RECOGNISED')
  })
})
