import { generateSigningKeyPair } from '@landsea/core/crypto'
import { createSampleCorridorBill } from '@landsea/core/ebl'
import { didKeyFromJwk, issueSdJwtVc, issueVpJwt, presentSdJwtVc } from '@landsea/core/identity'
import { expect, it } from 'vitest'
import { as, describeEachNode } from './test-node.js'

describeEachNode('identity API', (get) => {
  const operator = () => as(get().seed, 'operator')

  it('documents its routes in the OpenAPI document', async () => {
    const paths = Object.keys(
      (await get().app.inject({ method: 'GET', url: '/openapi.json' })).json().paths,
    )
    for (const path of [
      '/api/credentials/verify',
      '/api/credentials',
      '/api/credentials/{id}/revoke',
      '/api/trust/lists',
      '/api/trust/recognitions',
      '/api/trust/decision',
      '/api/organisations/join',
      '/api/organisations/{id}/verification',
      '/orgs/{id}/did.json',
    ]) {
      expect(paths, path).toContain(path)
    }
  })

  it('seeds verified demo organisations: CN directly, SG through mutual recognition', async () => {
    const { app, seed } = get()
    const carrier = (
      await app.inject({
        method: 'GET',
        url: `/api/organisations/${seed.organisations.carrier.id}/verification`,
      })
    ).json()
    expect(carrier.verification.status).toBe('verified')
    expect(carrier.verification.trustPath.at(-1)).toContain('CN list v1 authorises issuer')
    expect(carrier.credentials.map((c: { type: string }) => c.type).sort()).toEqual([
      'LegalEntityCredential',
      'RoleCredential',
    ])
    const consignee = (
      await app.inject({
        method: 'GET',
        url: `/api/organisations/${seed.organisations.consignee.id}/verification`,
      })
    ).json()
    expect(consignee.verification.status).toBe('verified')
    expect(consignee.verification.trustPath.join(' | ')).toContain('CN recognises SG list v1')
  })

  it('serves organisations’ did:web documents with their signing keys', async () => {
    const { app, node, seed } = get()
    const id = seed.organisations.shipper.id
    const response = await app.inject({ method: 'GET', url: `/orgs/${id}/did.json` })
    expect(response.statusCode).toBe(200)
    const document = response.json()
    expect(document.id).toBe(node.identityService.organisationDid(id))
    const keys = await node.organisations.listKeys(id)
    expect(document.verificationMethod[0].id).toBe(`${document.id}#${keys[0]!.kid}`)
    expect((await app.inject({ method: 'GET', url: '/orgs/nobody/did.json' })).statusCode).toBe(404)
  })

  it('keeps a rotated key in the organisation’s DID document, with expires', async () => {
    const { app, seed } = get()
    const id = seed.organisations.sgBank.id
    const rotated = await app.inject({
      method: 'POST',
      url: '/api/me/keys',
      headers: as(seed, 'sgBank'),
      payload: { alg: 'SM2SM3' },
    })
    expect(rotated.statusCode, rotated.body).toBe(201)
    const document = (await app.inject({ method: 'GET', url: `/orgs/${id}/did.json` })).json()
    expect(document.verificationMethod).toHaveLength(2)
    expect(document.verificationMethod[0].expires).toMatch(/^\d{4}-/)
    expect(document.verificationMethod[1].expires).toBeUndefined()
    expect(document.verificationMethod[1].publicKeyJwk.crv).toBe('SM2')
    expect(document.authentication).toEqual([document.verificationMethod[1].id])
  })

  it('verifies with separate verdicts: the unrecognised XX credential reads "signature valid, issuer not trusted"', async () => {
    const { app, node } = get()
    const xx = (await node.identityService.listCredentials({})).find((c) =>
      c.issuer.endsWith(':issuers:xx-registry'),
    )!
    const result = (
      await app.inject({
        method: 'POST',
        url: '/api/credentials/verify',
        headers: operator(),
        payload: { credential: xx.credential },
      })
    ).json()
    expect(result.signature.ok).toBe(true)
    expect(result.status.ok).toBe(true)
    expect(result.trust).toMatchObject({ ok: false, code: 'IDENTITY_JURISDICTION_NOT_RECOGNISED' })
    expect(result.isValid).toBe(false)
    const garbage = (
      await app.inject({
        method: 'POST',
        url: '/api/credentials/verify',
        headers: operator(),
        payload: { credential: 'not.a.jwt' },
      })
    ).json()
    expect(garbage.signature).toMatchObject({ ok: false, code: 'IDENTITY_MALFORMED' })
    const decision = (
      await app.inject({
        method: 'GET',
        url: `/api/trust/decision?issuer=${encodeURIComponent(xx.issuer)}&credentialType=LegalEntityCredential`,
      })
    ).json()
    expect(decision).toMatchObject({
      isTrusted: false,
      code: 'IDENTITY_JURISDICTION_NOT_RECOGNISED',
    })
    const lists = (await app.inject({ method: 'GET', url: '/api/trust/lists' })).json()
    expect(lists.items.map((l: { jurisdiction: string }) => l.jurisdiction).sort()).toEqual([
      'CN',
      'SG',
      'XX',
    ])
    const recognitions = (
      await app.inject({ method: 'GET', url: '/api/trust/recognitions' })
    ).json()
    expect(recognitions.items).toHaveLength(2)
  })

  it('verifies an SD-JWT VC presentation with key binding through the same endpoint', async () => {
    const { app, node } = get()
    const { issuers } = await node.identityService.settings()
    const acra = issuers.find((i) => i.did.endsWith(':sg-acra'))!
    const holder = await generateSigningKeyPair({ alg: 'ES256' })
    const sdJwt = await issueSdJwtVc({
      issuer: acra.did,
      vct: 'RoleCredential',
      claims: { role: 'bank', jurisdiction: 'SG', signatory: 'Tan Mei Ling' },
      disclosable: ['signatory'],
      holderPublicJwk: holder.publicJwk,
      privateJwk: acra.key.privateJwk,
      alg: acra.key.alg,
      kid: `${acra.did}#key-1`,
    })
    const presentation = await presentSdJwtVc(sdJwt, {
      disclose: [],
      holderPrivateJwk: holder.privateJwk,
      audience: 'did:web:verifier.example',
      nonce: 'n-42',
    })
    const verify = (nonce: string) =>
      app.inject({
        method: 'POST',
        url: '/api/credentials/verify',
        headers: operator(),
        payload: {
          credential: presentation,
          keyBinding: { audience: 'did:web:verifier.example', nonce },
        },
      })
    const result = (await verify('n-42')).json()
    expect(result.format).toBe('dc+sd-jwt')
    expect(result.isValid, JSON.stringify(result)).toBe(true)
    expect(result.credential.credentialSubject).not.toHaveProperty('signatory')
    expect((await verify('n-43')).json().signature.code).toBe('IDENTITY_NONCE_MISMATCH')
  })

  it('revokes a credential through the status list and marks the organisation', async () => {
    const { app, seed } = get()
    const broker = (
      await app.inject({
        method: 'GET',
        url: `/api/organisations/${seed.organisations.broker.id}/verification`,
      })
    ).json()
    const legal = broker.credentials.find(
      (c: { type: string }) => c.type === 'LegalEntityCredential',
    )
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/credentials/${encodeURIComponent(legal.id)}/revoke`,
          headers: as(seed, 'carrier'),
        })
      ).statusCode,
    ).toBe(403)
    const revoked = await app.inject({
      method: 'POST',
      url: `/api/credentials/${encodeURIComponent(legal.id)}/revoke`,
      headers: operator(),
    })
    expect(revoked.statusCode, revoked.body).toBe(200)
    const result = (
      await app.inject({
        method: 'POST',
        url: '/api/credentials/verify',
        headers: operator(),
        payload: { credential: legal.credential },
      })
    ).json()
    expect(result.status).toMatchObject({ ok: false, code: 'IDENTITY_REVOKED' })
    const after = (
      await app.inject({
        method: 'GET',
        url: `/api/organisations/${seed.organisations.broker.id}/verification`,
      })
    ).json()
    expect(after.verification.status).toBe('revoked')
    const list = await app.inject({ method: 'GET', url: `/api/credentials/status/cn-samr` })
    expect(list.statusCode).toBe(200)
    expect(list.headers['content-type']).toContain('application/vc+jwt')
  })

  it('lets an organisation join by presenting its legal-entity credential, once per nonce', async () => {
    const { app, node } = get()
    const holderKey = await generateSigningKeyPair({ alg: 'SM2SM3' })
    const holder = didKeyFromJwk(holderKey.publicJwk)
    const { issuers } = await node.identityService.settings()
    const samr = issuers.find((i) => i.did.endsWith(':cn-samr'))!
    const issued = await app.inject({
      method: 'POST',
      url: '/api/credentials',
      headers: operator(),
      payload: {
        issuer: samr.did,
        legalEntity: {
          id: holder,
          legalName: {
            en: 'Yuzhong Freight Forwarding Co., Ltd. (demo)',
            zh: '渝中货运代理有限公司（演示）',
          },
          jurisdiction: 'CN',
          identifier: { scheme: 'USCC', value: '91110000600037341L' },
          registeredAddress: {
            streetAddress: '8 Jiefangbei',
            locality: 'Chongqing',
            countryCode: 'CN',
          },
        },
      },
    })
    expect(issued.statusCode, issued.body).toBe(201)
    const challenge = (
      await app.inject({ method: 'POST', url: '/api/organisations/join/challenge' })
    ).json()
    const present = (audience: string, nonce: string) =>
      issueVpJwt({
        holder,
        credentials: [issued.json().credential],
        audience,
        nonce,
        privateJwk: holderKey.privateJwk,
        alg: 'SM2SM3',
        kid: `${holder}#${holder.slice('did:key:'.length)}`,
      })
    const wrongAudience = await app.inject({
      method: 'POST',
      url: '/api/organisations/join',
      payload: {
        nonce: challenge.nonce,
        presentation: await present('did:web:elsewhere.example', challenge.nonce),
        roles: ['FREIGHT_FORWARDER'],
      },
    })
    expect(wrongAudience.json().error.code).toBe('IDENTITY_WRONG_AUDIENCE')
    const second = (
      await app.inject({ method: 'POST', url: '/api/organisations/join/challenge' })
    ).json()
    const joined = await app.inject({
      method: 'POST',
      url: '/api/organisations/join',
      payload: {
        nonce: second.nonce,
        presentation: await present(second.audience, second.nonce),
        roles: ['FREIGHT_FORWARDER'],
        signingKey: holderKey.publicJwk,
      },
    })
    expect(joined.statusCode, joined.body).toBe(201)
    expect(joined.json().organisation).toMatchObject({
      name: 'Yuzhong Freight Forwarding Co., Ltd. (demo)',
      did: holder,
    })
    expect(joined.json().organisation.keys[0].alg).toBe('SM2SM3')
    expect(joined.json().verification.status).toBe('verified')
    const replay = await app.inject({
      method: 'POST',
      url: '/api/organisations/join',
      payload: {
        nonce: second.nonce,
        presentation: await present(second.audience, second.nonce),
        roles: ['FREIGHT_FORWARDER'],
      },
    })
    expect(replay.json().error.code).toBe('IDENTITY_NONCE_MISMATCH')
    const me = await app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${joined.json().apiKey}` },
    })
    expect(me.statusCode).toBe(200)
  })

  it('with the policy on, refuses an unverified organisation as a party to a bill', async () => {
    const { app, seed } = get()
    const key = await generateSigningKeyPair()
    const registered = await app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: operator(),
      payload: {
        name: 'Unverified Trading Pte. Ltd.',
        country: 'SG',
        roles: ['SHIPPER'],
        keyAlg: 'EdDSA',
        publicJwk: key.publicJwk,
      },
    })
    const unverified = registered.json().organisation.id
    const draft = (reference: string, shipper: string) =>
      app.inject({
        method: 'POST',
        url: '/api/ebl',
        headers: as(seed, 'carrier'),
        payload: {
          document: createSampleCorridorBill({
            reference,
            carrier: seed.organisations.carrier.id,
            shipper,
          }),
        },
      })
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/api/trust/policy',
          headers: operator(),
          payload: { requireVerifiedParties: true },
        })
      ).statusCode,
    ).toBe(200)
    try {
      const refused = await draft('IDPOLICY1', unverified)
      expect(refused.statusCode).toBe(403)
      expect(refused.json().error.code).toBe('IDENTITY_NOT_VERIFIED')
      expect((await draft('IDPOLICY2', seed.organisations.shipper.id)).statusCode).toBe(201)
    } finally {
      await app.inject({
        method: 'PUT',
        url: '/api/trust/policy',
        headers: operator(),
        payload: { requireVerifiedParties: false },
      })
    }
    expect((await draft('IDPOLICY3', unverified)).statusCode).toBe(201)
  })
})
