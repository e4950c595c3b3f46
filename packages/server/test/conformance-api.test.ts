import { createSampleCorridorBill } from '@landsea/core/ebl'
import { expect, it } from 'vitest'
import { as, describeEachNode } from './test-node.js'

describeEachNode('conformance at the HTTP edge', (get) => {
  it('DCSA eBL 3.0.3 TransportDocument: POST /api/ebl refuses what the schema forbids, with the schema path', async () => {
    const { app, seed } = get()
    const document = createSampleCorridorBill({
      reference: 'SCHEMA1',
      carrier: seed.organisations.carrier.id,
      shipper: seed.organisations.shipper.id,
    })
    const res = await app.inject({
      method: 'POST',
      url: '/api/ebl',
      headers: as(seed, 'carrier'),
      payload: {
        document: { ...document, transportDocumentReference: ' SCHEMA1', numberOfRiderPages: -1 },
      },
    })
    expect(res.statusCode).toBe(400)
    const { error } = res.json()
    expect(error.code).toBe('EBL_VALIDATION_FAILED')
    expect(error.issues).toEqual(
      expect.arrayContaining([
        {
          path: '/transportDocumentReference',
          code: 'SCHEMA_PATTERN',
          message: expect.any(String),
          schemaPath:
            'dcsa-ebl-3.0.3#/components/schemas/TransportDocument/properties/transportDocumentReference/pattern',
        },
        expect.objectContaining({ path: '/numberOfRiderPages', code: 'SCHEMA_MINIMUM' }),
      ]),
    )
  })
})
