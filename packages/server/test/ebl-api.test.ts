import { generateSigningKeyPair } from '@landsea/core/crypto'
import { createNonce, createSampleCorridorBill, signActionEntry } from '@landsea/core/ebl'
import { expect, it } from 'vitest'
import { as, describeEachNode } from './test-node.js'

describeEachNode('eBL HTTP API', (get) => {
  const draftBody = (reference: string) => {
    const { seed } = get()
    return {
      document: createSampleCorridorBill({
        reference,
        carrier: seed.organisations.carrier.id,
        shipper: seed.organisations.shipper.id,
      }),
    }
  }

  it('serves an OpenAPI 3.1 document and browsable docs', async () => {
    const { app } = get()
    const res = await app.inject({ method: 'GET', url: '/openapi.json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/ebl',
        '/api/ebl/{id}',
        '/api/ebl/{id}/actions',
        '/api/ebl/{id}/actions/signed',
        '/api/ebl/{id}/history',
        '/api/organisations',
      ]),
    )
    expect((await app.inject({ method: 'GET', url: '/docs/' })).statusCode).toBe(200)
  })

  it('carries a bill through the reference journey over HTTP', async () => {
    const { app, seed } = get()
    const o = seed.organisations
    const created = await app.inject({
      method: 'POST',
      url: '/api/ebl',
      headers: as(seed, 'carrier'),
      payload: draftBody('HTTPJOURNEY1'),
    })
    expect(created.statusCode).toBe(201)
    const id = created.json().id
    const act = async (role: keyof typeof o, body: object) => {
      const res = await app.inject({
        method: 'POST',
        url: `/api/ebl/${id}/actions`,
        headers: as(seed, role),
        payload: body,
      })
      expect(res.statusCode, res.body).toBe(201)
      return res.json()
    }
    const issued = await app.inject({
      method: 'POST',
      url: `/api/ebl/${id}/issue`,
      headers: as(seed, 'carrier'),
      payload: { recipient: o.shipper.id },
    })
    expect(issued.statusCode).toBe(201)
    await act('shipper', { action: 'ENDORSE_TO_ORDER', recipient: o.cnBank.id })
    await act('shipper', { action: 'TRANSFER', recipient: o.cnBank.id, pledge: 'PLEDGE' })
    const allowed = await app.inject({
      method: 'GET',
      url: `/api/ebl/${id}/allowed-actions`,
      headers: as(seed, 'cnBank'),
    })
    expect(allowed.json().actions.map((a: { action: string }) => a.action)).toContain('ENDORSE')
    await act('cnBank', { action: 'ENDORSE', recipient: o.consignee.id })
    await act('cnBank', { action: 'TRANSFER', recipient: o.consignee.id, pledge: 'RELEASE' })
    await act('consignee', { action: 'SURRENDER_FOR_DELIVERY' })
    const done = await act('carrier', { action: 'SACC', recipient: o.consignee.id })
    expect(done.record.state.status).toBe('SURRENDERED_FOR_DELIVERY')
    const history = await app.inject({
      method: 'GET',
      url: `/api/ebl/${id}/history`,
      headers: as(seed, 'consignee'),
    })
    expect(history.json().entries).toHaveLength(7)
    const list = await app.inject({
      method: 'GET',
      url: '/api/ebl?status=SURRENDERED_FOR_DELIVERY',
      headers: as(seed, 'consignee'),
    })
    expect(list.json().items.map((r: { id: string }) => r.id)).toContain(id)
  })

  it('answers bad input with a clear code and a list of issues, and changes nothing', async () => {
    const { app, seed } = get()
    const carrier = as(seed, 'carrier')
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/ebl',
      headers: { ...carrier, 'content-type': 'application/json' },
      payload: '{"document": ',
    })
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json().error.code).toBe('REQUEST_MALFORMED')

    const bad = draftBody('BADINPUT1')
    const invalid = await app.inject({
      method: 'POST',
      url: '/api/ebl',
      headers: carrier,
      payload: {
        document: { ...bad.document, isToOrder: 'maybe', receiptTypeAtOrigin: 'XX', extraField: 1 },
      },
    })
    expect(invalid.statusCode).toBe(400)
    expect(invalid.json().error.code).toBe('EBL_VALIDATION_FAILED')
    expect(invalid.json().error.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['/isToOrder', '/receiptTypeAtOrigin', '/extraField']),
    )
    const unknownBodyField = await app.inject({
      method: 'POST',
      url: '/api/ebl',
      headers: carrier,
      payload: { ...bad, sneaky: true },
    })
    expect(unknownBodyField.json().error.code).toBe('REQUEST_VALIDATION_FAILED')

    expect(
      (await app.inject({ method: 'POST', url: '/api/ebl', payload: bad })).json().error.code,
    ).toBe('AUTH_REQUIRED')
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/ebl',
          headers: { authorization: 'Bearer nope' },
          payload: bad,
        })
      ).statusCode,
    ).toBe(401)
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/ebl',
          headers: as(seed, 'shipper'),
          payload: bad,
        })
      ).json().error.code,
    ).toBe('AUTH_FORBIDDEN')

    const list = await app.inject({ method: 'GET', url: '/api/ebl?q=BADINPUT', headers: carrier })
    expect(list.json().items).toEqual([])

    const created = await app.inject({
      method: 'POST',
      url: '/api/ebl',
      headers: carrier,
      payload: draftBody('BADINPUT2'),
    })
    const id = created.json().id
    const wrongEnum = await app.inject({
      method: 'POST',
      url: `/api/ebl/${id}/actions`,
      headers: carrier,
      payload: { action: 'STEAL' },
    })
    expect(wrongEnum.statusCode).toBe(400)
    expect(wrongEnum.json().error.issues.length).toBeGreaterThan(0)
    const notIssuer = await app.inject({
      method: 'POST',
      url: `/api/ebl/${id}/issue`,
      headers: as(seed, 'consignee'),
      payload: { recipient: seed.organisations.shipper.id },
    })
    expect(notIssuer.statusCode).toBe(404)
    await app.inject({
      method: 'POST',
      url: `/api/ebl/${id}/issue`,
      headers: carrier,
      payload: { recipient: seed.organisations.shipper.id },
    })
    const notPossessor = await app.inject({
      method: 'POST',
      url: `/api/ebl/${id}/actions`,
      headers: carrier,
      payload: { action: 'TRANSFER', recipient: seed.organisations.consignee.id },
    })
    expect(notPossessor.statusCode).toBe(403)
    expect(notPossessor.json().error.code).toBe('EBL_NOT_POSSESSOR')
    const badSig = await app.inject({
      method: 'POST',
      url: `/api/ebl/${id}/actions/signed`,
      headers: as(seed, 'shipper'),
      payload: { jws: 'eyJhbGciOiJFZERTQSJ9.e30.AAAA' },
    })
    expect(badSig.statusCode).toBe(400)
    expect(badSig.json().error.code).toBe('EBL_VALIDATION_FAILED')
    const missing = await app.inject({
      method: 'GET',
      url: '/api/ebl/00000000-0000-0000-0000-000000000000',
      headers: carrier,
    })
    expect(missing.json().error.code).toBe('EBL_NOT_FOUND')
    // A bill the caller may not read answers exactly like a missing one: nothing tells it exists.
    const missingId = '00000000-0000-0000-0000-000000000000'
    for (const path of ['', '/history', '/bundle', '/allowed-actions']) {
      const [unreadable, absent] = await Promise.all(
        [id, missingId].map((bill) =>
          app.inject({
            method: 'GET',
            url: `/api/ebl/${bill}${path}`,
            headers: as(seed, 'sgBank'),
          }),
        ),
      )
      expect(unreadable!.statusCode, path).toBe(404)
      expect(unreadable!.json(), path).toEqual(JSON.parse(absent!.body.replaceAll(missingId, id)))
    }
    expect((await app.inject({ method: 'GET', url: '/api/nothing-here' })).json().error.code).toBe(
      'ROUTE_NOT_FOUND',
    )
  })

  it('accepts a non-custodial organisation’s own signatures and refuses forgeries', async () => {
    const { app, seed } = get()
    // About signatures, not onboarding: the demo node requires verified parties, this organisation has
    // no credential, so the operator relaxes the policy (identity-api.test.ts tests the policy itself).
    await app.inject({
      method: 'PUT',
      url: '/api/trust/policy',
      headers: as(seed, 'operator'),
      payload: { requireVerifiedParties: false },
    })
    const key = await generateSigningKeyPair()
    const registered = await app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: as(seed, 'operator'),
      payload: {
        name: 'Self-custody Trading Pte. Ltd.',
        country: 'SG',
        roles: ['SHIPPER'],
        keyAlg: 'EdDSA',
        publicJwk: key.publicJwk,
      },
    })
    expect(registered.statusCode, registered.body).toBe(201)
    const { organisation, apiKey } = registered.json()
    expect(organisation.keys[0].isCustodial).toBe(false)
    const carrier = as(seed, 'carrier')
    const document = createSampleCorridorBill({
      reference: 'SELFCUSTODY1',
      carrier: seed.organisations.carrier.id,
      shipper: organisation.id,
    })
    const id = (
      await app.inject({ method: 'POST', url: '/api/ebl', headers: carrier, payload: { document } })
    ).json().id
    const issued = await app.inject({
      method: 'POST',
      url: `/api/ebl/${id}/issue`,
      headers: carrier,
      payload: { recipient: organisation.id },
    })
    const record = issued.json().record
    const payload = {
      documentChecksum: record.documentChecksum,
      previousEntryChecksum: record.lastEntryChecksum,
      action: 'BLANK_ENDORSE' as const,
      actor: organisation.id,
      recipient: null,
      at: new Date().toISOString(),
      nonce: createNonce(),
    }
    const self = { authorization: `Bearer ${apiKey}` }
    const custodial = await app.inject({
      method: 'POST',
      url: `/api/ebl/${id}/actions`,
      headers: self,
      payload: { action: 'BLANK_ENDORSE' },
    })
    expect(custodial.json().error.code).toBe('EBL_UNKNOWN_KEY')
    const otherKey = await generateSigningKeyPair()
    const forged = await signActionEntry({
      payload,
      organisationId: organisation.id,
      key: { ...otherKey, kid: key.kid },
    })
    const refused = await app.inject({
      method: 'POST',
      url: `/api/ebl/${id}/actions/signed`,
      headers: self,
      payload: { jws: forged },
    })
    expect(refused.json().error.code).toBe('EBL_SIGNATURE_INVALID')
    const jws = await signActionEntry({ payload, organisationId: organisation.id, key })
    const accepted = await app.inject({
      method: 'POST',
      url: `/api/ebl/${id}/actions/signed`,
      headers: self,
      payload: { jws },
    })
    expect(accepted.statusCode, accepted.body).toBe(201)
    expect(accepted.json().record.state.isBlankEndorsed).toBe(true)
    const replay = await app.inject({
      method: 'POST',
      url: `/api/ebl/${id}/actions/signed`,
      headers: self,
      payload: { jws },
    })
    expect(replay.statusCode).toBe(409)
    const asOther = await app.inject({
      method: 'POST',
      url: `/api/ebl/${id}/actions/signed`,
      headers: as(seed, 'shipper'),
      payload: { jws },
    })
    expect(asOther.json().error.code).toBe('EBL_NOT_POSSESSOR')
  })

  it('gives exactly one winner among concurrent conflicting HTTP requests', async () => {
    const { app, seed } = get()
    const o = seed.organisations
    const id = (
      await app.inject({
        method: 'POST',
        url: '/api/ebl',
        headers: as(seed, 'carrier'),
        payload: draftBody('HTTPRACE1'),
      })
    ).json().id
    await app.inject({
      method: 'POST',
      url: `/api/ebl/${id}/issue`,
      headers: as(seed, 'carrier'),
      payload: { recipient: o.shipper.id },
    })
    const blank = await app.inject({
      method: 'POST',
      url: `/api/ebl/${id}/actions`,
      headers: as(seed, 'shipper'),
      payload: { action: 'BLANK_ENDORSE' },
    })
    const head = blank.json().record.lastEntryChecksum
    const targets = [o.cnBank.id, o.sgBank.id, o.consignee.id, o.broker.id]
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.inject({
          method: 'POST',
          url: `/api/ebl/${id}/actions`,
          headers: as(seed, 'shipper'),
          payload: {
            action: 'TRANSFER',
            recipient: targets[i % 4],
            expectedPreviousEntryChecksum: head,
          },
        }),
      ),
    )
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1)
    const losers = responses.filter((r) => r.statusCode !== 201)
    expect(losers.map((r) => [r.statusCode, r.json().error.code])).toEqual(
      Array(19).fill([409, 'EBL_CONFLICT']),
    )
  })
})
