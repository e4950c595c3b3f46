import { validateTransportDocument } from '@landsea/core/ebl'
import { listOpenApiExamples } from '@landsea/standards'
import { describe, expect, it } from 'vitest'
import { validateTransportDocumentSchema } from '../src/standards/transport-document-schema.js'

// The standards' own examples, through both layers: the standard's schema, then our rules.
describe("the standards' own examples through our import", () => {
  const transportDocuments = listOpenApiExamples(
    'dcsa-ebl-3.0.3',
    (v) => typeof v.transportDocumentStatus === 'string' && typeof v.transports === 'object',
  )

  it("DCSA eBL 3.0.3 DocumentParties: DCSA's to-order examples without notify parties are accepted", () => {
    expect(transportDocuments).toHaveLength(8)
    for (const { name, value } of transportDocuments) {
      expect(validateTransportDocumentSchema(value), name).toEqual([])
      // Outside the corridor: the rail leg and Chongqing–Qinzhou shape are rules of corridor bills only.
      expect(validateTransportDocument(value, { isCorridorBill: false }), name).toEqual([])
    }
  })
})
