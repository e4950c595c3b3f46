import { createSampleCorridorBill } from '@landsea/core/ebl'
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { mutate, mutationArb } from '../../core/test/mutation.js'
import { as, describeEachNode } from './test-node.js'

describeEachNode('hostile input', (get) => {
  const draft = (mutate: (document: Record<string, unknown>) => void) => {
    const { seed } = get()
    const document = createSampleCorridorBill({
      reference: 'HOSTILE1',
      carrier: seed.organisations.carrier.id,
      shipper: seed.organisations.shipper.id,
    }) as unknown as Record<string, unknown>
    mutate(document)
    return get().app.inject({
      method: 'POST',
      url: '/api/ebl',
      headers: as(seed, 'carrier'),
      payload: { document },
    })
  }

  it('answers 400 to a draft whose identifyingCodes has the wrong type', async () => {
    for (const value of [
      'x',
      7,
      { a: 1 },
      [null],
      ['x'],
      [{ partyCode: 5, codeListName: 'LANDSEA_ORG' }],
    ]) {
      for (const role of ['issuingParty', 'shipper', 'consignee'] as const) {
        const res = await draft((d) => {
          const parties = d.documentParties as Record<string, Record<string, unknown>>
          parties[role] = { ...parties[role], identifyingCodes: value }
        })
        expect(res.statusCode, `${role} ${JSON.stringify(value)}`).toBeGreaterThanOrEqual(400)
        expect(res.statusCode, `${role} ${JSON.stringify(value)}`).toBeLessThan(500)
      }
    }
  })

  it('answers 400 to a limit or teu that is not a finite number in range', async () => {
    const { app, seed } = get()
    const urls = [
      '/api/ebl?limit=Infinity',
      '/api/ebl?limit=1e309',
      '/api/ebl?limit=-Infinity',
      '/api/ebl?limit=NaN',
      '/api/events?limit=Infinity',
      '/api/events?limit=1e309',
      '/api/events?cursor=1e309',
      '/api/shipments?limit=Infinity',
      '/api/shipments?limit=1e309',
      '/api/shipments/X/emissions?teu=Infinity',
      '/api/shipments/X/emissions?teu=1e309',
      '/api/shipments/X/emissions?teu=NaN',
    ]
    for (const url of urls) {
      const res = await app.inject({ url, headers: as(seed, 'carrier') })
      expect(res.statusCode, url).toBe(400)
      expect(res.json().error.code, url).toBe('REQUEST_VALIDATION_FAILED')
    }
  })
})

describeEachNode('strict JSON, headers and a sample of mutated drafts over HTTP', (get) => {
  const post = (body: string | Buffer, contentType = 'application/json') =>
    get().app.inject({
      method: 'POST',
      url: '/api/ebl',
      headers: { ...as(get().seed, 'carrier'), 'content-type': contentType },
      payload: body,
    })

  it('refuses duplicate members, __proto__, overflowing numbers and text that is not UTF-8', async () => {
    const duplicate = await post('{"document":{"a":1},"document":{"b":2}}')
    expect(duplicate.statusCode).toBe(400)
    expect(duplicate.json().error).toEqual({
      code: 'JSON_DUPLICATE_MEMBER',
      message: 'the member document appears twice',
      issues: [
        {
          path: '/document',
          code: 'JSON_DUPLICATE_MEMBER',
          message: 'the member document appears twice',
        },
      ],
    })
    const proto = await post('{"document":{"__proto__":{"isAdmin":true}}}')
    expect(proto.statusCode).toBe(400)
    expect(proto.json().error.code).toBe('JSON_FORBIDDEN_MEMBER')
    const overflow = await post('{"document":{"n":1e309}}')
    expect(overflow.statusCode).toBe(400)
    expect(overflow.json().error.code).toBe('JSON_NUMBER_OUT_OF_RANGE')
    const latin1 = await post(Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]))
    expect(latin1.statusCode).toBe(400)
    expect(latin1.json().error.code).toBe('REQUEST_MALFORMED')
    const otherCharset = await post('{}', 'application/json; charset=iso-8859-1')
    expect(otherCharset.statusCode).toBe(415)
    expect(otherCharset.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
  })

  it('returns a request id and nosniff on every answer, and a CSP with frame-ancestors on /docs', async () => {
    const { app } = get()
    const api = await app.inject({ url: '/api/ledger/keys' })
    expect(api.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(api.headers['x-content-type-options']).toBe('nosniff')
    const other = await app.inject({ url: '/api/ledger/keys' })
    expect(other.headers['x-request-id']).not.toBe(api.headers['x-request-id'])
    const docs = await app.inject({ url: '/docs/' })
    expect(docs.statusCode).toBe(200)
    expect(docs.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(docs.headers['x-frame-options']).toBe('DENY')
    expect(docs.headers['x-content-type-options']).toBe('nosniff')
  })

  it('answers 300 mutated drafts without a 5xx', async () => {
    const { app, seed } = get()
    const original = createSampleCorridorBill({
      reference: 'MUTATE1',
      carrier: seed.organisations.carrier.id,
      shipper: seed.organisations.shipper.id,
    })
    const statuses = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (ms) => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/ebl',
          headers: as(seed, 'carrier'),
          payload: { document: mutate(original, ms) },
        })
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
        expect(res.statusCode, res.body).toBeLessThan(500)
      }),
      { numRuns: 300 },
    )
    expect([...statuses.keys()].some((s) => s >= 400)).toBe(true)
  })
})
